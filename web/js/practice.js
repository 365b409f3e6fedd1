// The exercise sets: the notebook's (no seed) and seeded practice sets.
// The output size rule is passed in (the package's outputShape).

import { windowTaps } from './draw.js';
import { AVG_GRAD, KERNEL, MAX_GRAD, mulberry32, O_0, OUTPUT_SHAPE_CALLS, seededRandom, STRIDE } from '../vendor/poolgrad/js/checker/judging.js';

export { mulberry32 };
export const makeRandom = seededRandom;

/** Parses ?seed=: a non-negative integer below 2^32, else null (notebook mode). */
export function parseSeed(text) {
  if (text === null || text === undefined || !/^\d{1,10}$/.test(String(text).trim())) return null;
  const n = Number(text);
  return n <= 0xffffffff ? n : null;
}

export const NOTEBOOK_INPUT = O_0;
export const NOTEBOOK_MAX_GRAD = MAX_GRAD;
export const NOTEBOOK_AVG_GRAD = AVG_GRAD;
export const NOTEBOOK_OPTIONS = { kernelSize: KERNEL, stride: STRIDE };


/** Integers in [lo, hi] shaped [n, c, h, w] as nested arrays. */
function randomTensor(rng, [n, c, h, w], lo, hi) {
  return Array.from({ length: n }, () =>
    Array.from({ length: c }, () => Array.from({ length: h }, () => Array.from({ length: w }, () => rng.int(lo, hi)))),
  );
}

// A tie in one window, so every practice set asks the tie rule.
function plantTie(rng, input, hw, options, outHW) {
  const plane = input[0][rng.int(0, input[0].length - 1)];
  const oy = rng.int(0, outHW[0] - 1);
  const ox = rng.int(0, outHW[1] - 1);
  const inside = windowTaps(hw, options, [oy, ox]).filter((t) => t.inside);
  if (inside.length < 2) return;
  const best = Math.max(...inside.map((t) => plane[t.r][t.c]));
  const a = rng.int(0, inside.length - 2);
  const b = rng.int(a + 1, inside.length - 1);
  plane[inside[a].r][inside[a].c] = best;
  plane[inside[b].r][inside[b].c] = best;
}

function everyWindowHasInput(hw, options, outHW) {
  for (let oy = 0; oy < outHW[0]; oy++) {
    for (let ox = 0; ox < outHW[1]; ox++) {
      if (!windowTaps(hw, options, [oy, ox]).some((t) => t.inside)) return false;
    }
  }
  return true;
}

function tryShape(outputShape, hw, options) {
  try {
    return outputShape(hw, options);
  } catch {
    return null; // refused by the package: draw again
  }
}

function randomMaxOptions(rng) {
  const k = rng.int(2, 3);
  const kernelSize = rng.chance(0.7) ? [k, k] : [k, rng.int(2, 3)];
  const dilation = rng.chance(0.3) ? [rng.int(1, 2), rng.int(1, 2)] : [1, 1];
  const eff = kernelSize.map((kk, i) => dilation[i] * (kk - 1) + 1);
  const padding = rng.chance(0.5) ? eff.map((e) => rng.int(0, Math.floor(e / 2))) : [0, 0];
  const stride = kernelSize.map((kk) => rng.int(1, kk));
  const options = { kernelSize, stride, padding, dilation };
  if (rng.chance(0.3)) options.ceilMode = true;
  return options;
}

function randomAvgOptions(rng) {
  const k = rng.int(2, 3);
  const kernelSize = [k, k];
  const padding = rng.chance(0.5) ? [rng.int(0, Math.floor(k / 2)), rng.int(0, Math.floor(k / 2))] : [0, 0];
  const options = { kernelSize, stride: [rng.int(1, k), rng.int(1, k)], padding };
  if (padding[0] + padding[1] > 0) options.countIncludePad = rng.chance(0.5);
  if (rng.chance(0.25)) options.ceilMode = true;
  if (rng.chance(0.1)) options.divisorOverride = rng.int(2, 6);
  return options;
}

// Options and size the package accepts, small enough to answer by hand (≤ 4×4).
function drawCase(rng, outputShape, drawOptions, { minSide = 4, maxSide = 6, max = false } = {}) {
  for (let attempt = 0; attempt < 200; attempt++) {
    const options = drawOptions(rng);
    const hw = [rng.int(minSide, maxSide), rng.int(minSide, maxSide)];
    const out = tryShape(outputShape, hw, options);
    if (!out || out[0] > 4 || out[1] > 4 || out[0] * out[1] < 2) continue;
    if (max && !everyWindowHasInput(hw, options, out)) continue;
    return { options, hw, out };
  }
  throw new Error('practice: no valid case found');
}

/** Random input for the Verständnisfrage: notebook shape and options, roll `roll` of `seed`. */
export function questionInput(seed, roll) {
  const rng = makeRandom(((seed ?? 7) * 2654435761 + roll * 97 + 13) >>> 0);
  return randomTensor(rng, [1, 2, 5, 5], 0, 9);
}

function notebookSet() {
  const shapeUnit = (inputShape, options) => ({ quantity: 'outputShape', given: { inputShape, options } });
  const max = { op: 'max', input: NOTEBOOK_INPUT, options: NOTEBOOK_OPTIONS };
  const avg = { op: 'avg', input: NOTEBOOK_INPUT, options: NOTEBOOK_OPTIONS };
  const shapeUnits = [
    ...OUTPUT_SHAPE_CALLS.map((c) => shapeUnit(c.inputShape, { kernelSize: c.kernelSize, stride: c.stride, padding: c.padding, dilation: c.dilation })),
    shapeUnit([8, 6], { kernelSize: KERNEL, stride: STRIDE, ceilMode: true }),
  ];
  return unitSet(null, shapeUnits, max, NOTEBOOK_MAX_GRAD, avg, NOTEBOOK_AVG_GRAD);
}

// One set's units in page order; the Verständnisfrage: notebook shape, random input.
function unitSet(seed, shapeUnits, max, maxGrad, avg, avgGrad) {
  return {
    seed,
    'output-shape': shapeUnits,
    'maxpool-forward': [{ quantity: 'output', given: max }],
    'backprop-yx': [{ quantity: 'backpropYX', given: max }],
    'maxpool-backward': [{ quantity: 'gradInput', given: { ...max, gradOutput: maxGrad } }],
    'avgpool-forward': [{ quantity: 'output', given: avg }],
    'avgpool-backward': [{ quantity: 'gradInput', given: { ...avg, gradOutput: avgGrad } }],
    question: [{ quantity: 'gradInput', given: { op: 'avg', input: questionInput(seed, 0), options: NOTEBOOK_OPTIONS, gradOutput: NOTEBOOK_AVG_GRAD } }],
  };
}

/**
 * The exercises for `seed` (null: the notebook's values). `outputShape` is
 * the package's function of the same name. Same seed → same set.
 */
export function exerciseSet(seed, outputShape) {
  if (seed === null) return notebookSet();
  const rng = makeRandom(seed);

  const shapeUnits = [
    drawCase(rng, outputShape, (r) => ({ kernelSize: [r.int(2, 4), r.int(2, 4)], stride: [r.int(1, 3), r.int(1, 3)] }), { minSide: 5, maxSide: 12 }),
    drawCase(rng, outputShape, randomMaxOptions, { minSide: 6, maxSide: 12 }),
    drawCase(rng, outputShape, (r) => ({ ...randomMaxOptions(r), ceilMode: true }), { minSide: 5, maxSide: 12 }),
  ].map(({ options, hw }) => ({ quantity: 'outputShape', given: { inputShape: hw, options } }));

  const m = drawCase(rng, outputShape, randomMaxOptions, { max: true });
  const channels = rng.int(1, 2);
  const maxInput = randomTensor(rng, [1, channels, ...m.hw], -5, 9);
  plantTie(rng, maxInput, m.hw, m.options, m.out);
  // Small positive gradients with a chance of negatives, as in the notebook.
  const maxGrad = randomTensor(rng, [1, channels, ...m.out], -2, 9);
  const max = { op: 'max', input: maxInput, options: m.options };

  const a = drawCase(rng, outputShape, randomAvgOptions);
  const avgChannels = rng.int(1, 2);
  const avgInput = randomTensor(rng, [1, avgChannels, ...a.hw], -5, 9);
  const avgGrad = randomTensor(rng, [1, avgChannels, ...a.out], -9, 18);
  const avg = { op: 'avg', input: avgInput, options: a.options };

  return unitSet(seed, shapeUnits, max, maxGrad, avg, avgGrad);
}
