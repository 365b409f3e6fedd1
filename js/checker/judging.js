// `poolgrad/checker/judging`: the small part of poolgrad/checker that judging
// a typed answer needs at once — the exercise table, the parser, the judge
// and the notebook's givens. Everything else (misconceptions, the engine, the words) is in
// `poolgrad/checker`, which a page can load when it first needs it.

export { caseOfGiven, exercise, exerciseForUnit, EXERCISES, optionsOf } from './exercises.js';
export { closeEnough, flatten, judge, matches, shapeIfRectangular, TOLERANCE, unravel } from './judge.js';
export { AVG_GRAD, KERNEL, MAX_GRAD, O_0, OUTPUT_SHAPE_CALLS, STRIDE } from './notebook.js';
export { parseAnswer } from './numpy.js';
export { mulberry32, seededRandom } from './random.js';
