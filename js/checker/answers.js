// `poolgrad answers`: judges what the learner's notebook printed (the
// print_tensors blocks) against the notebook's expected values, computed
// with poolgrad from the notebook's givens. No Python, no private package.

import { compare } from './compare.js';
import { exercise } from './exercises.js';
import { readNotebook, storedOutput } from './ipynb.js';
import { AVG_CASE, MAX_CASE, OUTPUT_SHAPE_CALLS } from './notebook.js';
import { parseNumpy } from './numpy.js';
import { showValue } from './report.js';

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
  return {
    'Output Shape Max Pooling': [{ cell: 'In[5]', what: 'get_output_shape for max pooling', expected: shapes['Output Shape Max Pooling'] }],
    'Output Shape': [{ cell: 'In[5]', what: 'get_output_shape with stride, padding and dilation', expected: shapes['Output Shape'] }],
    o_1: [
      { cell: 'In[7]', what: 'max pooling forward', expected: maxOut },
      { cell: 'In[17]', what: 'average pooling forward of a random input', expected: null },
    ],
    backward_yx: [{ cell: 'In[9]', what: 'positions of the maxima (backprop_yx)', expected: yx }],
    dEdo_0: [
      { cell: 'In[11]', what: 'max pooling backward', expected: maxGrad },
      { cell: 'In[13]', what: 'average pooling backward', expected: avgGrad },
    ],
    'o_0.grad': [
      { cell: 'In[16]', what: 'PyTorch max pooling backward', expected: maxGrad },
      { cell: 'In[17]', what: 'PyTorch average pooling backward', expected: avgGrad },
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
 * Judges pasted notebook output: { blocks: [{ label, line, cell, what, verdict, message, wrong? }] }
 * with verdict 'right', 'wrong', 'invalid' (unreadable) or 'not-judged'.
 */
export function checkAnswers(text, poolgrad) {
  const expectations = notebookExpectations(poolgrad);
  const blocks = splitBlocks(text).filter((b) => !isPlaceholder(b.text)).map(({ label, text: body, line }) => {
    let value;
    try {
      value = parseNumpy(body);
    } catch (error) {
      return { label, line, verdict: 'invalid', message: `could not read the printed value: ${error.message}` };
    }
    const options = expectations[label];
    if (label === 'o_1' && looksRandomAverage(value)) {
      const o = options[1];
      return { label, line, cell: o.cell, what: o.what, verdict: 'not-judged', message: 'not judged: the notebook feeds a random input here, so any values in (0, 1) are possible' };
    }
    // Labels used in two cells (max and average pooling): judge against the closer one.
    const judged = options.filter((o) => o.expected !== null);
    const best = judged.reduce((a, b) => (score(b.expected, value) < score(a.expected, value) ? b : a));
    const diff = compare(best.expected, value);
    const base = { label, line, cell: best.cell, what: best.what };
    if (!diff) return { ...base, verdict: 'right', message: 'right' };
    if (label.startsWith('Output Shape') && diff.wrong.length) {
      const tuple = (v) => (Array.isArray(v) ? `(${v.join(', ')})` : String(v));
      const names = ['h_out', 'w_out'];
      return {
        ...base,
        verdict: 'wrong',
        message: `expected ${tuple(best.expected)}, got ${tuple(value)} (${diff.wrong.map((w) => names[w.index[0]]).join(' and ')} wrong)`,
        wrong: diff.wrong,
        expected: best.expected,
        actual: value,
      };
    }
    return {
      ...base,
      verdict: 'wrong',
      message: diff.message,
      wrong: diff.wrong,
      expected: best.expected,
      actual: value,
    };
  });
  // The max-pooling o_1 is printed by three cells; what follows it tells which.
  blocks.forEach((b, i) => {
    if (b.label !== 'o_1' || b.cell !== 'In[7]') return;
    const next = blocks[i + 1]?.label;
    if (next === 'backward_yx') b.cell = 'In[9]';
    else if (next === 'o_0.grad') [b.cell, b.what] = ['In[16]', 'PyTorch max pooling forward'];
  });
  return { blocks };
}

const cell = (index) => `[${index.join(', ')}]`;

/** Text verdicts, one per block, naming the wrong cells. */
export function formatAnswers(report) {
  const out = [];
  for (const b of report.blocks) {
    const where = b.cell ? ` (${b.cell}, ${b.what})` : '';
    const mark = { right: '✔', wrong: '✘', invalid: '✘', 'not-judged': '·' }[b.verdict];
    out.push(`${mark} ${b.label}${where}, line ${b.line}: ${b.verdict === 'right' ? 'right' : b.message}`);
    if (b.verdict === 'wrong') {
      for (const w of b.wrong ?? []) out.push(`    cell ${cell(w.index)}: expected ${w.expected}, got ${w.actual}`);
      if (!b.wrong || b.wrong.length === 0) out.push('  expected:', showValue(b.expected).replace(/^/gm, '    '));
    }
  }
  const wrong = report.blocks.filter((b) => b.verdict === 'wrong' || b.verdict === 'invalid').length;
  const judged = report.blocks.filter((b) => b.verdict !== 'not-judged').length;
  out.push('', wrong === 0 ? `all ${judged} judged blocks right` : `${wrong} of ${judged} judged blocks wrong`);
  return out.join('\n');
}
