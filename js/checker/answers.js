// `poolgrad answers`: judges what the learner's notebook printed (the
// print_tensors blocks) against the notebook's expected values, computed
// with poolgrad from the notebook's givens. No Python, no private package.

import { compare, describeJudgement } from './compare.js';
import { exercise } from './exercises.js';
import { readNotebook, storedOutput } from './ipynb.js';
import { alternativesFor } from './misconceptions.js';
import { AVG_CASE, MAX_CASE, OUTPUT_SHAPE_CALLS } from './notebook.js';
import { parseAnswer } from './numpy.js';
import { parseNumpy } from './printed.js';
import { mistakeLine, showValue } from './report.js';
import { describeParseError, say } from './words.js';

// A block starts with one of these labels on a line of its own (print_tensors
// prints "label:"; In[5] prints "Output Shape…:" then " (2, 2)").
const LABEL = /^\s*(Output Shape Max Pooling|Output Shape|o_1|dEdo_0|dedo_0|o_0\.grad|backward_yx|backprop_yx)\s*:\s*(.*)$/;

// The notebook's solution for the random average-pooling o_1 shows emoji
// (as HTML entities or as characters) instead of numbers: not an answer.
const PLACEHOLDER = /&#\d+;|&#x[0-9a-f]+;|\p{Extended_Pictographic}/iu;

/** True for a block body that is the notebook's emoji placeholder, not printed numbers. */
export const isPlaceholder = (body) => PLACEHOLDER.test(body);

/** Splits pasted notebook output into [{ label, text, line }]; other lines are ignored. */
export function splitBlocks(text) {
  const blocks = [];
  let current = null;
  text.split(/\r?\n/).forEach((raw, i) => {
    const m = LABEL.exec(raw);
    if (m) {
      current = { label: m[1] === 'dedo_0' ? 'dEdo_0' : m[1] === 'backprop_yx' ? 'backward_yx' : m[1], text: m[2], line: i + 1 };
      blocks.push(current);
      return;
    }
    if (!current) return;
    // An array or tuple goes on until its brackets balance; anything else ends the block.
    const open = (current.text.match(/[[(]/g) ?? []).length;
    const closed = (current.text.match(/[\])]/g) ?? []).length;
    const started = open > 0;
    if (started && open === closed) {
      current = null;
      return;
    }
    if (!started && raw.trim() !== '' && !/^\s*[[(]/.test(raw)) {
      current = null;
      return;
    }
    current.text += `\n${raw}`;
  });
  return blocks;
}

/**
 * The printed output to judge from a file's text: an .ipynb notebook (by
 * name, or JSON text with "nbformat") gives its stored outputs, anything else
 * is taken as pasted output. A malformed notebook throws ipynb.js's NotebookError.
 */
export function outputToJudge(text, fileName = '') {
  const looksLikeNotebook = /\.ipynb$/i.test(fileName) || (/^\s*\{/.test(text) && /"nbformat"\s*:/.test(text));
  return looksLikeNotebook ? storedOutput(readNotebook(text)) : text;
}

/** The notebook's judged outputs, computed with poolgrad. */
export function notebookExpectations(poolgrad) {
  const result = (name, c) => exercise(name).expected(poolgrad, c);
  const maxOut = result('MaxPooling.forward', MAX_CASE);
  const yx = result('MaxPooling.backpropYX', MAX_CASE);
  const maxGrad = result('MaxPooling.backwardInput', MAX_CASE);
  const avgGrad = result('AvgPooling.backwardInput', AVG_CASE);
  const shapes = Object.fromEntries(OUTPUT_SHAPE_CALLS.map((c) => [c.label, result('getOutputShape', c)]));
  const shapeCall = (label) => OUTPUT_SHAPE_CALLS.find((c) => c.label === label);
  const entry = (cell, whatKey, expected, name, c) => ({ cell, whatKey, what: say('en', whatKey), expected, exercise: name, case: c });
  return {
    'Output Shape Max Pooling': [entry('In[5]', 'what.shapeMax', shapes['Output Shape Max Pooling'], 'getOutputShape', shapeCall('Output Shape Max Pooling'))],
    'Output Shape': [entry('In[5]', 'what.shapeFull', shapes['Output Shape'], 'getOutputShape', shapeCall('Output Shape'))],
    o_1: [entry('In[7]', 'what.maxForward', maxOut, 'maxpool2d', MAX_CASE), entry('In[17]', 'what.avgForwardRandom', null)],
    backward_yx: [entry('In[9]', 'what.yx', yx, 'MaxPooling.backpropYX', MAX_CASE)],
    dEdo_0: [
      entry('In[11]', 'what.maxBackward', maxGrad, 'MaxPooling.backwardInput', MAX_CASE),
      entry('In[13]', 'what.avgBackward', avgGrad, 'AvgPooling.backwardInput', AVG_CASE),
    ],
    'o_0.grad': [
      entry('In[16]', 'what.maxBackwardTorch', maxGrad, 'MaxPooling.backwardInput', MAX_CASE),
      entry('In[17]', 'what.avgBackwardTorch', avgGrad, 'AvgPooling.backwardInput', AVG_CASE),
    ],
  };
}

const score = (expected, value) => {
  const diff = compare(expected, value);
  return diff ? (diff.wrong.length ? diff.wrong.length : 1000) : 0;
};

// Average pooling of the notebook's torch.rand input gives means in (0, 1):
// an o_1 like that is the random cell, which nobody can judge.
const looksRandomAverage = (value) => {
  const flat = Array.isArray(value) ? value.flat(Infinity) : [];
  return flat.length > 0 && flat.every((v) => typeof v === 'number' && v > 0 && v < 1) && flat.some((v) => !Number.isInteger(v));
};

/**
 * Judges pasted notebook output: { blocks: [{ label, line, cell, what, whatKey, verdict, message, ... }] }
 * with verdict 'right', 'wrong' (with reason, wrong cells, expected, actual,
 * mistake?), 'invalid' (unreadable, with parseError) or 'not-judged'.
 * `message` is English; formatAnswers words the keys in either language.
 */
export function checkAnswers(text, poolgrad) {
  const expectations = notebookExpectations(poolgrad);
  const blocks = splitBlocks(text).filter((b) => !isPlaceholder(b.text)).map(({ label, text: body, line }) => {
    let value;
    try {
      value = parseNumpy(body);
    } catch (error) {
      const parsed = parseAnswer(body);
      const parseError = parsed.ok ? { key: 'singleNumber', value: parsed.values[0] } : parsed.error;
      return { label, line, verdict: 'invalid', parseError, message: say('en', 'answers.unreadable', { detail: error.message }) };
    }
    const options = expectations[label];
    if (label === 'o_1' && looksRandomAverage(value)) {
      const o = options[1];
      return { label, line, cell: o.cell, what: o.what, whatKey: o.whatKey, verdict: 'not-judged', message: say('en', 'answers.notJudged') };
    }
    // Labels used in two cells (max and average pooling): judge against the closer one;
    // when both are far off, the one whose misconception the value shows is the closer.
    const judged = options.filter((o) => o.expected !== null);
    const closest = judged.reduce((a, b) => (score(b.expected, value) < score(a.expected, value) ? b : a));
    const where = (o) => ({ label, line, cell: o.cell, what: o.what, whatKey: o.whatKey });
    if (!compare(closest.expected, value)) return { ...where(closest), verdict: 'right', message: say('en', 'answers.right') };
    const diffs = judged.map((o) => ({ o, diff: compare(o.expected, value, alternativesFor(poolgrad, o.exercise, o.case)) }));
    const named = diffs.find((d) => d.diff.mistake && score(d.o.expected, value) === score(closest.expected, value));
    const { o: best, diff } = named ?? diffs.find((d) => d.o === closest);
    const block = { ...where(best), verdict: 'wrong', message: diff.message, reason: diff.reason, wrong: diff.wrong, expected: best.expected, actual: value };
    if (diff.mistake) block.mistake = diff.mistake;
    if (label.startsWith('Output Shape') && diff.wrong.length) block.message = shapeMessage('en', block);
    return block;
  });
  // The max-pooling o_1 is printed by three cells; what follows it tells which.
  blocks.forEach((b, i) => {
    if (b.label !== 'o_1' || b.cell !== 'In[7]') return;
    const next = blocks[i + 1]?.label;
    if (next === 'backward_yx') b.cell = 'In[9]';
    else if (next === 'o_0.grad') [b.cell, b.whatKey, b.what] = ['In[16]', 'what.maxForwardTorch', say('en', 'what.maxForwardTorch')];
  });
  return { blocks };
}

const tuple = (v) => (Array.isArray(v) ? `(${v.join(', ')})` : String(v));
const cell = (index) => `[${index.join(', ')}]`;

// An output size block: the two sizes and which of them is wrong.
function shapeMessage(lang, b) {
  const names = b.wrong.map((w) => ['h_out', 'w_out'][w.index[0]]).join(say(lang, 'answers.and'));
  return say(lang, 'answers.shapeWrong', { expected: tuple(b.expected), got: tuple(b.actual), names });
}

// A block's sentence in `lang` from its keys (its `message` is the English one).
function blockMessage(lang, b) {
  if (lang === 'en') return b.message;
  if (b.verdict === 'right') return say(lang, 'answers.right');
  if (b.verdict === 'not-judged') return say(lang, 'answers.notJudged');
  if (b.verdict === 'invalid') {
    const detail = b.parseError.key === 'singleNumber' ? b.message : describeParseError(b.parseError, lang);
    return say(lang, 'answers.unreadable', { detail });
  }
  if (b.label.startsWith('Output Shape') && b.wrong.length) return shapeMessage(lang, b);
  return describeJudgement(b.reason, lang);
}

/** Text verdicts, one per block, naming the wrong cells and any recognised misconception; in `lang` ('en' or 'de'). */
export function formatAnswers(report, lang = 'en') {
  const out = [];
  for (const b of report.blocks) {
    const where = b.cell ? ` (${b.cell}, ${b.whatKey ? say(lang, b.whatKey) : b.what})` : '';
    const mark = { right: '✔', wrong: '✘', invalid: '✘', 'not-judged': '·' }[b.verdict];
    out.push(`${mark} ${b.label}${where}, ${say(lang, 'answers.line', { line: b.line })}: ${blockMessage(lang, b)}`);
    if (b.verdict === 'wrong') {
      for (const w of b.wrong ?? []) out.push(`    ${say(lang, 'answers.cell', { index: cell(w.index), expected: w.expected, actual: w.actual })}`);
      if (!b.wrong || b.wrong.length === 0) out.push(`  ${say(lang, 'report.expected')}:`, showValue(b.expected).replace(/^/gm, '    '));
      if (b.mistake) out.push(`  ${mistakeLine(b.mistake, lang)}`);
    }
  }
  const wrong = report.blocks.filter((b) => b.verdict === 'wrong' || b.verdict === 'invalid').length;
  const judged = report.blocks.filter((b) => b.verdict !== 'not-judged').length;
  out.push('', say(lang, wrong === 0 ? 'answers.allRight' : 'answers.someWrong', { count: judged, wrong }));
  return out.join('\n');
}
