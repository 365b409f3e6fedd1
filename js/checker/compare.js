// The CLI's English sentence for a judgement (judge.js): the shape, or which
// cells are wrong.

import { judge, shapeIfRectangular, TOLERANCE } from './judge.js';

export { shapeIfRectangular, TOLERANCE };

const UNREADABLE = {
  ragged: 'a ragged array or one holding non-numbers',
  undefined: 'undefined',
  null: 'null',
};
const showShape = (s) => `[${s.join(', ')}]`;
const showCell = (v) => (typeof v === 'number' ? String(Math.round(v * 1e6) / 1e6) : String(v));

/** One English sentence for a wrong judge() result. */
export function describeJudgement(result) {
  switch (result.key) {
    case 'unreadable':
      return `expected an array of shape ${showShape(result.shape)}, but got ${UNREADABLE[result.what] ?? result.what}`;
    case 'shape':
      return `expected shape ${showShape(result.expected)}, but got shape ${showShape(result.got)}`;
    case 'count':
      return `expected ${result.expected} numbers (shape ${showShape(result.shape)}), but got ${result.got}`;
    case 'cells': {
      const first = result.cells[0];
      return `${result.count} of ${result.total} cells wrong; first at ${showShape(first.index)}: expected ${showCell(first.expected)}, got ${showCell(first.actual)}`;
    }
    default:
      return result.key;
  }
}

/**
 * null when `actual` is accepted for `expected` (judge.js's rule), else
 * { message, wrong: [{ index, expected, actual }] (at most 10), mistake? }.
 * `alternatives` as for judge().
 */
export function compare(expected, actual, alternatives = []) {
  const result = judge(expected, actual, { alternatives });
  if (result.verdict === 'right') return null;
  const out = { message: describeJudgement(result), wrong: result.key === 'cells' ? result.cells : [] };
  if (result.mistake) out.mistake = result.mistake;
  return out;
}
