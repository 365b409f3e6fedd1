// `poolgrad/checker`: what the exercise page, the CLI and the Python checks
// share: the exercise table, the notebook's givens, the one answer parser,
// the one judge, the named misconceptions, the checking engine and its
// reports (`poolgrad/checker/judging` is its small part for judging typed
// answers). Pure modules: no Node or DOM API (the caller brings the poolgrad
// module and the worker).

export { checkAnswers, formatAnswers, isPlaceholder, notebookExpectations, outputToJudge, splitBlocks } from './answers.js';
export { COUNTS, gradientFor, LEVELS, makeCases } from './cases.js';
export { compare, describeJudgement, reasonOf } from './compare.js';
export { caseOfGiven, exercise, exerciseForUnit, EXERCISES, EXPORTS, kindOf, OPTION_NAMES, optionsOf, TARGETS } from './exercises.js';
export { answer, describeCall, execute, exportedNames } from './execute.js';
export { codeCells, codeOf, describeNotebookError, MAX_NOTEBOOK_BYTES, NotebookError, readNotebook, storedOutput } from './ipynb.js';
export { closeEnough, flatten, judge, matches, shapeIfRectangular, TOLERANCE, unravel } from './judge.js';
export { alternativesFor, appliesTo, describeMistake, MISCONCEPTIONS, MISTAKE_KEYS, mistakeName } from './misconceptions.js';
export { AVG_CASE, AVG_GRAD, KERNEL, MAX_CASE, MAX_GRAD, O_0, OUTPUT_SHAPE_CALLS, STRIDE } from './notebook.js';
export { parseAnswer } from './numpy.js';
export { parseNumpy } from './printed.js';
export { mulberry32, seededRandom } from './random.js';
export { describeFailure, formatReport, mistakeLine, showValue } from './report.js';
export { DEFAULT_DEADLINE_MS, expectedFor, runChecks } from './run.js';
export { connect, Timeout, WorkerGone } from './session.js';
export { candidates, shrink } from './shrink.js';
export { TEMPLATE, templateFor } from './template.js';
export { CLI_LANGS, describeParseError, pickLang, say, WORDS } from './words.js';
