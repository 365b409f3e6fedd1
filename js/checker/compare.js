// The CLI's English sentence for a judgement (judge.js): the shape, or which
// cells are wrong.

import { judge, shapeIfRectangular, TOLERANCE } from './judge.js';
import { describeParseError, say } from './words.js';

export { shapeIfRectangular, TOLERANCE };

const showShape = (s) => `[${s.join(', ')}]`;
const showCell = (v) => (typeof v === 'number' ? String(Math.round(v * 1e6) / 1e6) : String(v));

/** One sentence for a wrong judge() result, in `lang` ('en' or 'de'). */
export function describeJudgement(result, lang = 'en') {
  switch (result.key) {
    case 'unreadable': {
      const what = result.what === 'ragged' ? say(lang, 'judge.ragged') : result.what;
      return say(lang, 'judge.unreadable', { shape: showShape(result.shape), what });
    }
    case 'shape':
      return say(lang, 'judge.shape', { expected: showShape(result.expected), got: showShape(result.got) });
    case 'count':
      return say(lang, 'judge.count', { expected: result.expected, shape: showShape(result.shape), got: result.got });
    case 'cells': {
      const first = result.cells[0];
      return say(lang, 'judge.cells', { count: result.count, total: result.total, index: showShape(first.index), expected: showCell(first.expected), actual: showCell(first.actual) });
    }
    case 'decimalComma':
      return say(lang, 'judge.decimalComma', result);
    case 'parse':
      return describeParseError(result.error, lang);
    default:
      return result.key;
  }
}

/** The judgement a report keeps: its key and numbers, without the full list of wrong positions. */
export function reasonOf(result) {
  const { wrongAt, ...reason } = result;
  return reason;
}

/**
 * null when `actual` is accepted for `expected` (judge.js's rule), else
 * { message (English), wrong: [{ index, expected, actual }] (at most 10), reason (the judgement's key and numbers), mistake? }.
 * `alternatives` as for judge().
 */
export function compare(expected, actual, alternatives = []) {
  const result = judge(expected, actual, { alternatives });
  if (result.verdict === 'right') return null;
  const out = { message: describeJudgement(result), wrong: result.key === 'cells' ? result.cells : [], reason: reasonOf(result) };
  if (result.mistake) out.mistake = result.mistake;
  return out;
}
