// Named misconceptions on the exercise page in real headless Chromium: every
// unit of the notebook set (German) and of a practice seed (English) is
// answered with what each misconception produces on its givens; the verdict
// is wrong, carries data-mistake="<key>" and says the rule. The wrong answers
// are computed here from the unit's [data-given] with the package.
import { beforeAll, describe, expect, it } from 'vitest';
import * as pg from 'poolgrad';
import { alternativesFor, caseOfGiven, describeMistake, exerciseForUnit, MISTAKE_KEYS } from 'poolgrad/checker';
import { openPage, useServedPage } from '../helpers/browser.js';

const served = useServedPage();

beforeAll(() => pg.ready());

const json = (nested) => JSON.stringify(nested, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)).replace(/"(-?Infinity|NaN)"/g, (_, w) => ({ Infinity: 'inf', '-Infinity': '-inf', NaN: 'nan' })[w]);

/** Answers every unit with each misconception's result; returns the keys the page named. */
async function answerWithMistakes(query, lang) {
  const { page, context } = await openPage(served.browser, served.origin + query);
  const named = new Set();
  for (const unit of await page.$$('[data-unit]')) {
    const exerciseId = await unit.evaluate((el) => el.closest('[data-exercise]')?.dataset.exercise);
    if (exerciseId === 'torch-compare') continue; // compared with PyTorch's recording, not one exercise's givens
    const given = JSON.parse(await (await unit.$('[data-given]')).textContent());
    const textarea = await unit.$('textarea[data-answer]');
    const quantity = await textarea.getAttribute('data-answer');
    const op = exerciseId.startsWith('avg') || exerciseId === 'question' ? 'avg' : 'max';
    const alternatives = alternativesFor(pg, exerciseForUnit(quantity, op).name, caseOfGiven({ ...given, op }));
    const firstPerKey = new Map();
    for (const alt of alternatives) if (!firstPerKey.has(alt.key)) firstPerKey.set(alt.key, alt);
    const verdict = await unit.$('[data-verdict]');
    for (const [key, alt] of firstPerKey) {
      await textarea.fill(json(alt.expected));
      await (await unit.$('button[data-check]')).click();
      expect(await verdict.getAttribute('data-state'), `${exerciseId} ${key}`).toBe('wrong');
      // the misconceptions load on the first wrong answer; the verdict is then redone
      await page.waitForFunction((el) => el.dataset.mistake, verdict, { timeout: 10_000 });
      const mistake = await verdict.getAttribute('data-mistake');
      expect(mistake, `${exerciseId} ${key}`).toBeTruthy();
      expect(await verdict.textContent()).toContain(describeMistake(mistake, lang));
      named.add(mistake);
    }
  }
  await context.close();
  return named;
}

describe('named misconceptions on the page', { timeout: 120_000 }, () => {
  it('notebook_set_in_german_names_every_misconception_the_notebook_can_show', async () => {
    const named = await answerWithMistakes('', 'de');
    expect([...named].sort()).toEqual(MISTAKE_KEYS.filter((k) => k !== 'padding-as-zero').sort());
  });

  it('a_practice_seed_in_english_names_padding_as_zero_too_seed_20_has_an_all_negative_padded_window', async () => {
    const named = await answerWithMistakes('?seed=20&lang=en', 'en');
    expect(named.has('padding-as-zero')).toBe(true);
  });

  it('a_right_answer_after_a_named_mistake_clears_data_mistake', async () => {
    const { page, context } = await openPage(served.browser, served.origin);
    const unit = await page.$('[data-exercise="maxpool-backward"] [data-unit]');
    const given = JSON.parse(await (await unit.$('[data-given]')).textContent());
    const alt = alternativesFor(pg, 'MaxPooling.backwardInput', caseOfGiven(given)).find((a) => a.key === 'overwrite-not-add');
    const textarea = await unit.$('textarea[data-answer]');
    const verdict = await unit.$('[data-verdict]');
    await textarea.fill(json(alt.expected));
    await (await unit.$('button[data-check]')).click();
    await page.waitForFunction((el) => el.dataset.mistake, verdict, { timeout: 10_000 });
    expect(await verdict.getAttribute('data-mistake')).toBe('overwrite-not-add');
    const x = pg.tensor(given.input);
    const right = pg.maxPool2dBackward(pg.tensor(given.gradOutput), pg.maxPool2d(x, given.options).indices, x.shape);
    await textarea.fill(pg.format(right));
    await (await unit.$('button[data-check]')).click();
    expect(await verdict.getAttribute('data-state')).toBe('correct');
    expect(await verdict.getAttribute('data-mistake')).toBeNull();
    await context.close();
  });
});
