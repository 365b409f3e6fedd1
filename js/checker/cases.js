// Test cases for a learner's module: the notebook's values first, then
// seeded random cases aimed at the classic mistakes. Pure data, no poolgrad:
// expected values are computed by run.js. Each generator only proposes cases;
// `valid` (given by run.js, backed by poolgrad's validation) filters them.

import { AVG_GRAD, KERNEL, MAX_GRAD, O_0, OUTPUT_SHAPE_CALLS, STRIDE } from './notebook.js';
import { seededRandom as random } from './random.js';

const fill = (shape, value) =>
  shape.length === 0 ? value() : Array.from({ length: shape[0] }, () => fill(shape.slice(1), value));

// Value families: each one makes a different bug visible.
const VALUES = {
  // decimals of both signs: plain arithmetic bugs
  mixed: (r) => () => Math.round((r.next() * 10 - 5) * 100) / 100,
  // all negative: padding taken as 0 instead of −∞ wins every padded window
  negative: (r) => () => -r.int(1, 9) - Math.round(r.next() * 100) / 100,
  // few distinct integers: many ties, so "first in row-major order" matters
  ties: (r) => () => r.int(0, 2),
};

/** How many random cases each kind of case gets after the notebook's. */
export const COUNTS = { getOutputShape: 60, maxpool2d: 60, MaxPooling: 50, AvgPooling: 50 };

function outputShapeCase(r) {
  const kernelSize = [r.int(1, 7), r.int(1, 7)];
  return {
    inputShape: [r.int(1, 30), r.int(1, 30)],
    kernelSize,
    stride: [r.int(1, 4), r.int(1, 4)],
    padding: kernelSize.map((k) => r.int(0, Math.floor(k / 2))),
    dilation: [r.int(1, 3), r.int(1, 3)],
  };
}

/**
 * How far the checks go. 'notebook' keeps to what the notebook asks:
 * `maxpool2d` without padding and dilation (its reference asserts
 * padding == (0, 0) and dilation == (1, 1)); `getOutputShape` with both.
 * 'extended' also checks `maxpool2d` with padding and dilation.
 */
export const LEVELS = ['notebook', 'extended'];

function maxpoolCase(r, i, level) {
  // Rotate through the families so every one shows up in the first few cases.
  const family = ['mixed', 'negative', 'ties'][i % 3];
  const square = i % 4 === 0;
  const kh = r.int(1, 4);
  const kernelSize = square ? [kh, kh] : [kh, r.int(1, 4)];
  const extended = level === 'extended';
  const padded = extended && (family === 'negative' || r.next() < 0.5);
  const shape = [r.int(1, 2), r.int(1, 3), r.int(1, 8), r.int(1, 8)];
  return {
    family,
    input: fill(shape, VALUES[family](r)),
    kernelSize,
    stride: [r.int(1, 3), r.int(1, 3)],
    padding: padded ? kernelSize.map((k) => r.int(Math.min(1, Math.floor(k / 2)), Math.floor(k / 2))) : [0, 0],
    dilation: extended && r.next() < 0.4 ? [r.int(1, 3), r.int(1, 3)] : [1, 1],
  };
}

// Layer cases: stride below the kernel half of the time, so windows overlap
// and gradients landing on one element must add up.
function layerCase(r, i) {
  const family = ['mixed', 'ties', 'negative'][i % 3];
  const kernelSize = i % 2 === 0 ? [r.int(1, 4), r.int(1, 4)] : [r.int(2, 4), r.int(2, 4)];
  const overlap = i % 2 === 1;
  const stride = overlap ? kernelSize.map((k) => r.int(1, k - 1)) : [r.int(1, 4), r.int(1, 4)];
  const shape = [r.int(1, 2), r.int(1, 3), r.int(kernelSize[0], 9), r.int(kernelSize[1], 9)];
  return {
    family,
    input: fill(shape, VALUES[family](r)),
    kernelSize,
    stride,
    // gradOutput is sized by run.js (it needs the output shape); these are its values
    gradSeed: r.int(1, 2 ** 30),
  };
}

/** Values for a gradOutput of `shape`, reproducible from `gradSeed`. */
export function gradientFor(shape, gradSeed) {
  const r = random(gradSeed);
  return fill(shape, () => r.int(-9, 9));
}

/**
 * All cases per kind, notebook first:
 * { getOutputShape: [...], maxpool2d: [...], MaxPooling: [...], AvgPooling: [...] }.
 * `valid(kind, case)` rejects cases poolgrad refuses (output size < 1, …);
 * `level` is one of LEVELS.
 */
export function makeCases(seed, valid = () => true, counts = COUNTS, level = 'notebook') {
  if (!LEVELS.includes(level)) throw new RangeError(`level should be one of ${LEVELS.join(', ')}, but got ${JSON.stringify(level)}`);
  const r = random(seed);
  const draw = (kind, make) => {
    const out = [];
    for (let i = 0, tries = 0; out.length < counts[kind] && tries < counts[kind] * 50; tries++) {
      const c = make(r, i, level);
      if (valid(kind, c)) {
        out.push({ ...c, label: `random #${out.length + 1} (seed ${seed})` });
        i += 1;
      }
    }
    return out;
  };
  const notebookMax = { label: 'notebook In[7]/In[11]', input: O_0, kernelSize: KERNEL, stride: STRIDE, gradOutput: MAX_GRAD };
  return {
    getOutputShape: [
      ...OUTPUT_SHAPE_CALLS.map((c) => ({ ...c, label: `notebook In[5] "${c.label}"` })),
      ...draw('getOutputShape', outputShapeCase),
    ],
    maxpool2d: [
      { label: 'notebook In[7]', input: O_0, kernelSize: KERNEL, stride: STRIDE, padding: [0, 0], dilation: [1, 1] },
      ...draw('maxpool2d', maxpoolCase),
    ],
    MaxPooling: [notebookMax, ...draw('MaxPooling', layerCase)],
    AvgPooling: [
      { label: 'notebook In[13]', input: O_0, kernelSize: KERNEL, stride: STRIDE, gradOutput: AVG_GRAD },
      ...draw('AvgPooling', layerCase),
    ],
  };
}
