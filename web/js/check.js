// The page's verdict: the package's one judge (poolgrad/checker/judging) in
// the page's terms; i18n.js words it. Misconceptions come with the full
// poolgrad/checker, loaded on the first wrong answer.
import { closeEnough, judge, TOLERANCE, unravel } from '../vendor/poolgrad/js/checker/judging.js';

export { TOLERANCE, unravel };

export const close = (got, expected) => closeEnough(got, expected);

const STATE = { right: 'correct', wrong: 'wrong', invalid: 'invalid' };

/**
 * parsed: parseAnswer()'s result; expected: { data, shape }; alternatives: mistakesFor()'s.
 * → { state: 'correct' | 'wrong' | 'invalid', reason: { key, ... }, wrong: flat indices, mistake? }.
 * The reason shows the learner's values only; "show solution" reveals the expected ones.
 */
export function checkAnswer(parsed, expected, alternatives = []) {
  const r = judge(expected, parsed, { alternatives });
  const out = (reason, wrong = []) => ({ state: STATE[r.verdict], reason, wrong, ...(r.mistake && { mistake: r.mistake }) });
  const { verdict, key, cells, wrongAt, ...rest } = r;
  if (key === 'right') return out({ key: 'correct', total: r.total });
  if (key !== 'cells') return out({ key, ...rest });
  return out({ key, count: r.count, total: r.total, cells: cells.slice(0, 3).map((c) => ({ index: c.index, got: c.actual })) }, wrongAt);
}

let full = null;

export async function loadMistakes() {
  full ??= await import('../vendor/poolgrad/js/checker/index.js');
}

export const mistakesLoaded = () => full !== null;

/** The misconceptions' results for a unit { quantity, given } ([] until loaded). */
export function mistakesFor(unit, api) {
  if (!full) return [];
  const name = full.exerciseForUnit(unit.quantity, unit.given.op === 'avg' ? 'avg' : 'max').name;
  return full.alternativesFor(api, name, full.caseOfGiven(unit.given));
}

export const mistakeWords = (key, lang) => ({ name: full.mistakeName(key, lang), rule: full.describeMistake(key, lang) });

/** Sets or clears the verdict's data-mistake. */
export function markMistake(el, result) {
  if (result.mistake) el.dataset.mistake = result.mistake;
  else delete el.dataset.mistake;
}
