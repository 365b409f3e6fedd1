// Compares a learner's result with the expected nested array and says, in
// one sentence, what is wrong: the shape, or which cells.

export const TOLERANCE = 1e-4;

const close = (e, a) =>
  typeof a === 'number' && (a === e || (Number.isNaN(e) && Number.isNaN(a)) || Math.abs(a - e) <= TOLERANCE * (1 + Math.abs(e)));

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

const describe = (v) => {
  if (v && typeof v === 'object' && 'unsupported' in v) return v.unsupported;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return 'a ragged array or one holding non-numbers';
  return String(v);
};
const showShape = (s) => `[${s.join(', ')}]`;
const showCell = (v) => (typeof v === 'number' ? String(Math.round(v * 1e6) / 1e6) : describe(v));

/**
 * null when `actual` equals `expected` (same shape, cells within 1e-4 relative),
 * else { message, wrong: [{ index, expected, actual }] } (at most 10 cells listed).
 */
export function compare(expected, actual) {
  const want = shapeIfRectangular(expected);
  const got = shapeIfRectangular(actual);
  if (!got) {
    return { message: `expected an array of shape ${showShape(want)}, but got ${describe(actual)}`, wrong: [] };
  }
  if (got.length !== want.length || got.some((s, i) => s !== want[i])) {
    return { message: `expected shape ${showShape(want)}, but got shape ${showShape(got)}`, wrong: [] };
  }
  const wrong = [];
  let count = 0;
  let total = 0;
  const walk = (e, a, index) => {
    if (!Array.isArray(e)) {
      total += 1;
      if (!close(e, a)) {
        count += 1;
        if (wrong.length < 10) wrong.push({ index, expected: e, actual: a });
      }
      return;
    }
    e.forEach((child, i) => walk(child, a[i], [...index, i]));
  };
  walk(expected, actual, []);
  if (count === 0) return null;
  const first = wrong[0];
  return {
    message: `${count} of ${total} cells wrong; first at ${showShape(first.index)}: expected ${showCell(first.expected)}, got ${showCell(first.actual)}`,
    wrong,
  };
}
