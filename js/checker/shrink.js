// Makes a failing case smaller while it keeps failing, so the learner sees
// the simplest input that shows the bug: fewer examples and channels, fewer
// rows and columns, plainer options, rounder numbers. Greedy: take the first
// smaller candidate that still fails, start over from it, stop when none does.

import { firstOfKind } from './exercises.js';

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const setAxis = (pair, axis, value) => (axis === 0 ? [value, pair[1]] : [pair[0], value]);

function* optionCandidates(c, names) {
  for (const name of names) {
    const pair = c[name];
    if (!pair) continue;
    const simplest = name === 'padding' ? 0 : 1;
    for (const axis of [0, 1]) {
      if (pair[axis] > simplest) {
        yield { ...c, [name]: setAxis(pair, axis, simplest) };
        if (pair[axis] - 1 > simplest) yield { ...c, [name]: setAxis(pair, axis, pair[axis] - 1) };
      }
    }
  }
}

function* tensorCandidates(c) {
  const x = c.input;
  const [n, ch, h, w] = [x.length, x[0].length, x[0][0].length, x[0][0][0].length];
  if (n > 1) for (let i = 0; i < n; i++) yield { ...c, input: [x[i]] };
  if (ch > 1) for (let i = 0; i < ch; i++) yield { ...c, input: x.map((e) => [e[i]]) };
  const rows = (from, to) => ({ ...c, input: x.map((e) => e.map((p) => p.slice(from, to))) });
  const cols = (from, to) => ({ ...c, input: x.map((e) => e.map((p) => p.map((r) => r.slice(from, to)))) });
  if (h > 1) {
    if (h > 3) yield rows(0, Math.ceil(h / 2));
    yield rows(0, h - 1);
    yield rows(1, h);
  }
  if (w > 1) {
    if (w > 3) yield cols(0, Math.ceil(w / 2));
    yield cols(0, w - 1);
    yield cols(1, w);
  }
}

function* valueCandidates(c) {
  const round = (v) => (Array.isArray(v) ? v.map(round) : Math.round(v));
  const rounded = round(c.input);
  if (!same(rounded, c.input)) yield { ...c, input: rounded };
  if (c.gradSeed !== undefined && !c.unitGrad) yield { ...c, unitGrad: true, gradOutput: undefined };
}

/** Smaller versions of case `c` of `kind` ('getOutputShape', 'maxpool2d', 'MaxPooling', 'AvgPooling'). */
export function* candidates(kind, c) {
  const { tensor, options } = firstOfKind(kind).shrink;
  if (!tensor) {
    const [h, w] = c.inputShape;
    if (h > 1) yield { ...c, inputShape: [Math.ceil(h / 2), w] }, yield { ...c, inputShape: [h - 1, w] };
    if (w > 1) yield { ...c, inputShape: [h, Math.ceil(w / 2)] }, yield { ...c, inputShape: [h, w - 1] };
    yield* optionCandidates(c, options);
    return;
  }
  yield* tensorCandidates(c);
  yield* optionCandidates(c, options);
  yield* valueCandidates(c);
}

/**
 * Shrinks `c` while `fails(candidate)` resolves to a failure (null = passes or
 * not a valid case). Resolves to { case, failure, steps }; stops after
 * `maxTries` evaluations or when `fails` throws (e.g. the deadline passed).
 */
export async function shrink(kind, c, failure, fails, { maxTries = 300 } = {}) {
  let current = c;
  let currentFailure = failure;
  let steps = 0;
  let tries = 0;
  try {
    for (let improved = true; improved && tries < maxTries; ) {
      improved = false;
      for (const candidate of candidates(kind, current)) {
        if (++tries > maxTries) break;
        const f = await fails(candidate);
        if (f) {
          current = candidate;
          currentFailure = f;
          steps += 1;
          improved = true;
          break;
        }
      }
    }
  } catch {
    // out of time: the smallest case found so far is still a failing one
  }
  return { case: current, failure: currentFailure, steps };
}
