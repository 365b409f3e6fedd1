// The one judge of an answer against the expected result, for every surface:
// the page's answer mode, `poolgrad answers`, and the code checks (JS and
// Python). It returns keys and numbers only; each surface words them in its
// own language (compare.js for the CLI's English sentences, the page's
// i18n.js, words.js for the CLI's German).
//
// The tolerance rule, the only one in the project: a finite expected value e
// accepts a finite answer a when |a − e| ≤ 1e-4 · max(1, |e|), i.e. an
// absolute 1e-4 up to magnitude 1 and a relative 1e-4 above. NaN accepts only
// NaN, ±∞ only the same infinity. Expected values are float32 (what the
// WebAssembly core computes) and answers may be float64: the rule is applied
// to the numbers as they are, without rounding either side.

export const TOLERANCE = 1e-4;

/** True when answer `a` is accepted for expected value `e` (see the module comment). */
export function closeEnough(a, e) {
  if (typeof a !== 'number') return false;
  if (Number.isNaN(e)) return Number.isNaN(a);
  if (!Number.isFinite(e)) return a === e;
  return Number.isFinite(a) && Math.abs(a - e) <= TOLERANCE * Math.max(1, Math.abs(e));
}

/** Shape of a rectangular nested array of numbers, or null when ragged / not numbers. */
export function shapeIfRectangular(value) {
  const shape = [];
  for (let level = value; Array.isArray(level); level = level[0]) shape.push(level.length);
  const ok = (node, depth) =>
    depth === shape.length
      ? typeof node === 'number'
      : Array.isArray(node) && node.length === shape[depth] && node.every((child) => ok(child, depth + 1));
  return ok(value, 0) ? shape : null;
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

const isTensor = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && 'data' in v && 'shape' in v;
const isParsed = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && typeof v.ok === 'boolean';

/**
 * Any of the three forms a value comes in, as { values, shape } (shape null
 * for plain row-major numbers), or { unreadable } when it is none of them:
 * - a nested array (a learner's result, an expectation from exercises.js),
 * - a tensor { data, shape } (the package's results),
 * - a parseAnswer() result (a typed or pasted answer).
 */
export function flatten(value) {
  if (isParsed(value)) return value.ok ? { values: value.values, shape: value.shape } : { unreadable: 'parse', error: value.error };
  if (isTensor(value)) return { values: Array.from(value.data, Number), shape: Array.from(value.shape) };
  if (typeof value === 'number') return { values: [value], shape: [] };
  if (Array.isArray(value)) {
    const shape = shapeIfRectangular(value);
    if (shape) return { values: value.flat(Infinity), shape };
    return { unreadable: 'ragged' };
  }
  if (value && typeof value === 'object' && 'unsupported' in value) return { unreadable: 'unsupported', what: value.unsupported };
  return { unreadable: value === undefined ? 'undefined' : value === null ? 'null' : typeof value, what: String(value) };
}

const sameShape = (a, b) => a.length === b.length && a.every((s, i) => s === b[i]);

/** True when `answer` is accepted for `expected` (both in any form flatten() reads). */
export function matches(expected, answer) {
  const want = flatten(expected);
  const got = flatten(answer);
  if (got.unreadable || want.unreadable) return false;
  if (got.shape && !sameShape(got.shape, want.shape)) return false;
  return got.values.length === want.values.length && want.values.every((e, i) => closeEnough(got.values[i], e));
}

/**
 * Judges `answer` against `expected`. `alternatives` are the results of named
 * misconceptions on the same givens ([{ key, expected }], see
 * misconceptions.js); the first one a wrong answer equals is named.
 *
 * Result: { verdict: 'right' | 'wrong' | 'invalid', key, ... } with key
 * - 'right': { total }
 * - 'parse' (invalid): { error } — a parseAnswer error, its own key inside
 * - 'decimalComma' (invalid): { token, fixed } — "2,6667" where 2.6667 fits the expected shape
 * - 'unreadable' (wrong): { what } — a result that is no rectangular array of numbers
 * - 'shape' (wrong): { got, expected } — the shapes
 * - 'count' (wrong): { got, expected, shape } — plain numbers of the wrong count
 * - 'cells' (wrong): { count, total, wrongAt: flat indices, cells: the first 10 as { index, expected, actual } }
 * and on a wrong verdict `mistake: key` when an alternative matched.
 */
export function judge(expected, answer, { alternatives = [] } = {}) {
  const want = flatten(expected);
  if (want.unreadable) throw new TypeError(`expected should be a rectangular array of numbers, but got ${want.what ?? want.unreadable}`);
  const got = flatten(answer);
  const named = (result) => {
    const hit = alternatives.find((alt) => matches(alt.expected, answer));
    return hit ? { ...result, mistake: hit.key } : result;
  };
  // "2,6667" read as 2 and 6667 gives a wrong count or shape; read as 2.6667 it fits: say so.
  const comma = isParsed(answer) && answer.decimalComma;
  const commaFits = comma && comma.values.length === want.values.length && (!comma.shape || sameShape(comma.shape, want.shape));
  const decimalComma = () => ({ verdict: 'invalid', key: 'decimalComma', token: comma.token, fixed: comma.fixed });
  if (got.unreadable === 'parse') return commaFits ? decimalComma() : { verdict: 'invalid', key: 'parse', error: got.error };
  if (got.unreadable) return { verdict: 'wrong', key: 'unreadable', what: got.unreadable === 'unsupported' ? got.what : got.unreadable, shape: want.shape };
  const fits = (!got.shape || sameShape(got.shape, want.shape)) && got.values.length === want.values.length;
  if (!fits && commaFits) return decimalComma();
  if (got.shape && !sameShape(got.shape, want.shape)) return named({ verdict: 'wrong', key: 'shape', got: got.shape, expected: want.shape });
  if (got.values.length !== want.values.length) {
    return named({ verdict: 'wrong', key: 'count', got: got.values.length, expected: want.values.length, shape: want.shape });
  }
  const wrongAt = [];
  want.values.forEach((e, i) => {
    if (!closeEnough(got.values[i], e)) wrongAt.push(i);
  });
  const total = want.values.length;
  if (wrongAt.length === 0) return { verdict: 'right', key: 'right', total };
  const cells = wrongAt.slice(0, 10).map((i) => ({ index: unravel(i, want.shape), expected: want.values[i], actual: got.values[i] }));
  return named({ verdict: 'wrong', key: 'cells', count: wrongAt.length, total, wrongAt, cells });
}
