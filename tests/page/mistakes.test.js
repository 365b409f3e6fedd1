// The page's answer mode names misconceptions: on the notebook set and on
// practice seeds, an answer equal to what a misconception produces gets its
// key (the verdict's data-mistake) and the rule in German and English.
import { beforeAll, describe, expect, it } from 'vitest';
import * as api from 'poolgrad';
import { MISTAKE_KEYS } from 'poolgrad/checker';
import { checkAnswer, loadMistakes, markMistake, mistakesFor, mistakesLoaded } from '../../web/js/check.js';
import { loadLang, verdictText } from '../../web/js/i18n.js';
import { parseAnswer } from '../../web/js/parse.js';
import { exerciseSet } from '../../web/js/practice.js';
import { solve } from '../../web/js/solve.js';

beforeAll(async () => {
  await api.ready();
  // the page loads them on the first wrong answer; until then nothing is named
  expect(mistakesLoaded()).toBe(false);
  expect(mistakesFor(exerciseSet(null, api.outputShape)['maxpool-backward'][0], api)).toEqual([]);
  await loadMistakes();
  await loadLang('de');
  await loadLang('en');
});

const word = (v) => (Number.isNaN(v) ? 'nan' : v === Infinity ? 'inf' : v === -Infinity ? '-inf' : String(v));
const text = (nested) => (Array.isArray(nested) ? `[${nested.map(text).join(', ')}]` : word(nested));
const unitsOf = (set) => Object.entries(set).filter(([k]) => k !== 'seed').flatMap(([, units]) => units);

// Every unit of a set: each misconception's result, typed as an answer, is named.
function namedIn(set) {
  const named = new Set();
  for (const unit of unitsOf(set)) {
    const expected = solve(unit, api);
    const alternatives = mistakesFor(unit, api);
    for (const alt of alternatives) {
      const result = checkAnswer(parseAnswer(text(alt.expected)), expected, alternatives);
      expect(result.state).toBe('wrong');
      expect(result.mistake).toBeDefined();
      named.add(result.mistake);
    }
    const right = checkAnswer(parseAnswer(text(api.toNested(expected))), expected, alternatives);
    expect(right.state).toBe('correct');
    expect(right.mistake).toBeUndefined();
  }
  return named;
}

describe('page answer mode names misconceptions', () => {
  it('on_the_notebook_set_every_misconception_the_notebook_can_show', () => {
    const named = namedIn(exerciseSet(null, api.outputShape));
    expect([...named].sort()).toEqual(MISTAKE_KEYS.filter((k) => k !== 'padding-as-zero').sort());
  });

  it('on_practice_seeds_padding_as_zero_too', () => {
    const named = new Set();
    for (let seed = 1; seed <= 40; seed++) for (const key of namedIn(exerciseSet(seed, api.outputShape))) named.add(key);
    expect([...named].sort()).toEqual([...MISTAKE_KEYS].sort());
  });

  it('the_verdict_says_the_rule_in_the_page_language_and_marks_the_element', () => {
    const set = exerciseSet(null, api.outputShape);
    const unit = set['maxpool-backward'][0];
    const alternatives = mistakesFor(unit, api);
    const overwrite = alternatives.find((a) => a.key === 'overwrite-not-add');
    const result = checkAnswer(parseAnswer(text(overwrite.expected)), solve(unit, api), alternatives);
    expect(verdictText('de', result)).toMatch(/^1 von 50 Werten falsch.*Erkannter Fehler – überlappende Gradienten überschrieben: Wo sich Fenster überlappen/);
    expect(verdictText('en', result)).toContain('Recognised mistake – overlapping gradients overwritten: Where windows overlap');
    const el = { dataset: {} };
    markMistake(el, result);
    expect(el.dataset.mistake).toBe('overwrite-not-add');
    markMistake(el, checkAnswer(parseAnswer('1 2'), solve(unit, api), alternatives));
    expect('mistake' in el.dataset).toBe(false);
  });
});
