// Compares a parsed answer with the expected tensor. Pure: the expected
// values come from the caller (computed with the poolgrad package).

/** Absolute tolerance, relative for values larger than 1 in magnitude. */
export const TOLERANCE = 1e-4;

export function close(got, expected) {
  if (Number.isNaN(expected)) return Number.isNaN(got);
  if (!Number.isFinite(expected)) return got === expected;
  return Number.isFinite(got) && Math.abs(got - expected) <= TOLERANCE * Math.max(1, Math.abs(expected));
}

/** Multi-index of flat position `i` in `shape` (row-major). */
export function unravel(i, shape) {
  const index = new Array(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    index[d] = i % shape[d];
    i = Math.floor(i / shape[d]);
  }
  return index;
}

const sameShape = (a, b) => a.length === b.length && a.every((s, i) => s === b[i]);

/**
 * parsed: a parseAnswer() result; expected: { data, shape }.
 * Returns { state: 'correct' | 'wrong' | 'invalid', reason: { key, ...params }, wrong: flat indices }.
 */
export function checkAnswer(parsed, expected) {
  const want = Array.from(expected.data, Number);
  const shape = Array.from(expected.shape);
  if (!parsed.ok) return { state: 'invalid', reason: { key: 'parse', error: parsed.error }, wrong: [] };
  if (parsed.shape && !sameShape(parsed.shape, shape)) {
    return { state: 'wrong', reason: { key: 'shape', got: parsed.shape, expected: shape }, wrong: [] };
  }
  if (parsed.values.length !== want.length) {
    return { state: 'wrong', reason: { key: 'count', got: parsed.values.length, expected: want.length, shape }, wrong: [] };
  }
  const wrong = [];
  want.forEach((e, i) => {
    if (!close(parsed.values[i], e)) wrong.push(i);
  });
  if (wrong.length === 0) return { state: 'correct', reason: { key: 'correct', total: want.length }, wrong };
  // The verdict names the cells but keeps their right values for "show solution".
  const cells = wrong.slice(0, 3).map((i) => ({ index: unravel(i, shape), got: parsed.values[i] }));
  return { state: 'wrong', reason: { key: 'cells', count: wrong.length, total: want.length, cells }, wrong };
}
