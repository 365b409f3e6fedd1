// The page's verdict on a typed answer: the package's one judge
// (poolgrad/checker, judge.js) in the page's terms. The expected values and
// the misconceptions' results come from the caller (computed with the
// poolgrad package); this module words nothing (i18n.js does).
import { closeEnough, judge, TOLERANCE, unravel } from '../vendor/poolgrad/js/checker/index.js';

export { TOLERANCE, unravel };

/** The judge's tolerance rule, as the page's tests call it: answer `got` for `expected`. */
export const close = (got, expected) => closeEnough(got, expected);

const STATE = { right: 'correct', wrong: 'wrong', invalid: 'invalid' };

/**
 * parsed: a parseAnswer() result; expected: { data, shape }; alternatives:
 * [{ key, expected }] from misconceptions.js for the same givens.
 * Returns { state: 'correct' | 'wrong' | 'invalid', reason: { key, ...params, mistake? }, wrong: flat indices, mistake? }.
 * The reason names the wrong cells by index and the learner's value only,
 * so "show solution" stays the one place that reveals expected values.
 */
export function checkAnswer(parsed, expected, alternatives = []) {
  const r = judge(expected, parsed, { alternatives });
  const mistake = r.mistake ? { mistake: r.mistake } : {};
  const result = (reason, wrong = []) => ({ state: STATE[r.verdict], reason: { ...reason, ...mistake }, wrong, ...mistake });
  switch (r.key) {
    case 'right':
      return result({ key: 'correct', total: r.total });
    case 'parse':
      return result({ key: 'parse', error: r.error });
    case 'shape':
      return result({ key: 'shape', got: r.got, expected: r.expected });
    case 'count':
      return result({ key: 'count', got: r.got, expected: r.expected, shape: r.shape });
    default: {
      const cells = r.cells.slice(0, 3).map((c) => ({ index: c.index, got: c.actual }));
      return result({ key: 'cells', count: r.count, total: r.total, cells }, r.wrongAt);
    }
  }
}

/** Marks a verdict element with the recognised misconception (`data-mistake`), or clears it. */
export function markMistake(verdictEl, result) {
  if (result.mistake) verdictEl.dataset.mistake = result.mistake;
  else delete verdictEl.dataset.mistake;
}
