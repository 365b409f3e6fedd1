// The exercise page in real headless Chromium (system /usr/bin/chromium via
// playwright-core), served by scripts/serve.js. Every checkable unit is
// driven through the stable DOM hooks (README, "The exercise page"); the expected answers are
// computed here, independently of the page's code, with the package.
import { beforeAll, describe, expect, it } from 'vitest';
import * as pg from 'poolgrad';
import { openPage, useServedPage } from '../helpers/browser.js';
import { driveAllUnits, expectEveryExerciseHasUnits } from '../helpers/page-drive.js';

// Everything the page loads until code mode is opened stays within 200 KB,
// decoded (what a static server without compression sends) and on the wire
// (gzipped by npm start / poolgrad page, headers included).
const MAX_DECODED = 200 * 1000;
const MAX_TRANSFERRED = 200 * 1000;
// Driving every unit three times through real clicks takes a while on a 2-core machine.
const SLOW = 180_000;

const served = useServedPage();
let origin;

beforeAll(async () => {
  await pg.ready();
  origin = served.origin;
});

/** Opens the page at `query`, recording requests, console errors and transferred bytes. */
const open = (query = '') => openPage(served.browser, origin + query);

describe('exercise page in Chromium', { timeout: 90_000 }, () => {
  it('every_unit_right_wrong_and_garbage_in_german', async () => {
    const { page, context, log } = await open('');
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    const { counts } = await driveAllUnits(page);
    expectEveryExerciseHasUnits(counts);
    expect(counts['output-shape']).toBe(3);
    const texts = await page.$$eval('[data-verdict]', (els) => els.map((e) => e.textContent));
    expect(texts.join(' ')).toContain('Nicht lesbar');
    expect(texts.join(' ')).toContain('„drei“');
    expect(log.errors).toEqual([]);
    await context.close();
  }, SLOW);

  it('every_unit_right_wrong_and_garbage_in_english', async () => {
    const { page, context, log } = await open('?lang=en');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    const { counts } = await driveAllUnits(page);
    expectEveryExerciseHasUnits(counts);
    const texts = (await page.$$eval('[data-verdict]', (els) => els.map((e) => e.textContent))).join(' ');
    expect(texts).toContain('Could not read this');
    expect(texts).not.toContain('Nicht lesbar');
    expect(log.errors).toEqual([]);
    await context.close();
  }, SLOW);

  it('every_unit_with_a_practice_seed_same_seed_same_givens', async () => {
    const first = await open('?seed=4242');
    const a = await driveAllUnits(first.page);
    expectEveryExerciseHasUnits(a.counts);
    expect(first.log.errors).toEqual([]);
    await first.context.close();

    const again = await open('?seed=4242&lang=en');
    const b = await again.page.$$eval('[data-given]', (els) => els.map((e) => JSON.parse(e.textContent)));
    expect(b).toEqual(a.givens);
    await again.context.close();

    const other = await open('?seed=4243');
    const c = await other.page.$$eval('[data-given]', (els) => els.map((e) => JSON.parse(e.textContent)));
    expect(c).not.toEqual(a.givens);
    const notebook = await open('');
    const d = await notebook.page.$$eval('[data-given]', (els) => els.map((e) => JSON.parse(e.textContent)));
    expect(d).not.toEqual(a.givens);
    await other.context.close();
    await notebook.context.close();
  }, SLOW);

  it('offline_under_csp_within_budget_without_console_errors', async () => {
    const { page, context, log } = await open('');
    // Open every picture and use the page a little so lazy work would show up.
    await page.$$eval('details', (els) => els.forEach((d) => (d.open = true)));
    await page.hover('[data-exercise="maxpool-backward"] .picture-output button');
    await page.click('[data-reroll]');
    await page.waitForTimeout(300);
    const foreign = log.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'));
    expect(foreign).toEqual([]);
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    expect(csp).toBeTruthy();
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).not.toContain("'unsafe-inline'");
    expect(csp).toContain("default-src 'self'");
    // Transferred = headers + encoded body (what the network carries; the
    // npm start server gzips). The decoded size must fit the budget too, so
    // that a static server without compression stays within it.
    let bytes = 0;
    let decoded = 0;
    for (const r of log.finished) {
      const sizes = await r.sizes();
      bytes += sizes.responseBodySize + sizes.responseHeadersSize;
      decoded += (await (await r.response()).body()).length;
    }
    expect(log.finished.some((r) => r.url().endsWith('.wasm'))).toBe(true);
    expect(bytes).toBeGreaterThan(20_000);
    expect(bytes).toBeLessThanOrEqual(MAX_TRANSFERRED);
    expect(decoded).toBeLessThanOrEqual(MAX_DECODED);
    console.log(`page transfer: ${bytes} bytes in ${log.finished.length} requests (${decoded} bytes decoded)`);
    expect(log.errors).toEqual([]);
    await context.close();
  });

  it('language_toggle_and_new_exercise_update_url_and_html_lang', async () => {
    const { page, context } = await open('');
    await page.click('#lang-toggle');
    await page.waitForFunction(() => document.documentElement.lang === 'en', null, { timeout: 5000 });
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    expect(await page.textContent('#lang-toggle')).toBe('Deutsch');
    const before = await page.textContent('[data-exercise="maxpool-forward"] [data-given]');
    await page.click('#new-exercise');
    const seed = new URL(page.url()).searchParams.get('seed');
    expect(seed).toMatch(/^\d+$/);
    expect(await page.textContent('[data-exercise="maxpool-forward"] [data-given]')).not.toBe(before);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.goBack();
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('seed'));
    expect(await page.textContent('[data-exercise="maxpool-forward"] [data-given]')).toBe(before);
    await context.close();
  });

  it('keyboard_alone_answers_checks_and_steps_through_windows', async () => {
    const { page, context } = await open('');
    const unit = '[data-exercise="maxpool-forward"] [data-unit]';
    await page.focus(`${unit} textarea[data-answer]`);
    await page.keyboard.type('[[[[5. 5.] [6. 3.]] [[7. 7.] [7. 7.]]]]');
    await page.keyboard.press('Control+Enter');
    expect(await page.getAttribute(`${unit} [data-verdict]`, 'data-state')).toBe('correct');
    await page.keyboard.press('Tab'); // → check button
    expect(await page.evaluate(() => document.activeElement.hasAttribute('data-check'))).toBe(true);
    await page.keyboard.press('Tab'); // → show solution
    await page.keyboard.press('Enter');
    expect(await page.isVisible(`${unit} .solution`)).toBe(true);
    // Picture: open it with the keyboard, then walk the output cells with arrows.
    await page.focus(`${unit} details.picture > summary`);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    const active = () => page.evaluate(() => ({ row: document.activeElement.dataset.row, col: document.activeElement.dataset.col }));
    expect(await active()).toEqual({ row: '0', col: '0' });
    await page.keyboard.press('ArrowRight');
    expect(await active()).toEqual({ row: '0', col: '1' });
    const described = await page.textContent(`${unit} .describe`);
    expect(described).toContain('(0, 1)');
    expect(described).toContain('(y, x) = (0, 2)'); // the tie 5/5 resolves to the first in row-major order
    expect(await page.$$eval(`${unit} .picture-input td.argmax`, (els) => els.length)).toBe(1);
    await context.close();
  });

  it('question_reroll_keeps_avg_gradient_and_changes_max_gradient', async () => {
    const { page, context } = await open('?lang=en');
    const grads = () => page.$$eval('[data-exercise="question"] .lab-grad', (els) => els.map((el) => Array.from(el.querySelectorAll('td'), (td) => td.textContent).join(',')));
    const [avg0, max0] = await grads();
    await page.click('[data-reroll]');
    const [avg1, max1] = await grads();
    expect(avg1).toBe(avg0);
    expect(max1).not.toBe(max0);
    const pills = await page.$$eval('[data-exercise="question"] .lab-grad .pill', (els) => els.map((e) => e.textContent));
    expect(pills[0]).toBe('unchanged');
    expect(pills[1]).toMatch(/cells changed/);
    // Editing one cell: the checkable unit's givens follow the edited input.
    const cell = '[data-exercise="question"] .cellinput[data-ch="0"][data-row="0"][data-col="0"]';
    await page.fill(cell, '42');
    await page.press(cell, 'Enter');
    const given = JSON.parse(await page.textContent('[data-exercise="question"] [data-given]'));
    expect(given.input[0][0][0][0]).toBe(42);
    expect((await grads())[0]).toBe(avg0);
    // The model answer is revealed on request.
    expect(await page.isVisible('#model-answer')).toBe(false);
    await page.click('[data-exercise="question"] [aria-controls="model-answer"]');
    expect(await page.isVisible('#model-answer')).toBe(true);
    await context.close();
  });

  it('torch_compare_shows_recorded_pytorch_equal_to_wasm', async () => {
    const { page, context } = await open('');
    const pills = await page.$$eval('[data-exercise="torch-compare"] .compare .pill', (els) => els.map((e) => e.className));
    expect(pills.length).toBeGreaterThanOrEqual(5); // max: o_1, indices, o_0.grad; avg: o_1, o_0.grad
    expect(pills.every((c) => c.includes('ok'))).toBe(true);
    const code = await page.textContent('[data-exercise="torch-compare"] pre.python');
    expect(code).toContain('F.max_pool2d(o_0, kernel_size=(3, 3), stride=(2, 2))');
    expect(await page.textContent('[data-exercise="torch-compare"]')).toMatch(/PyTorch \d+\.\d+/);
    await context.close();
  });
  it('typed_answers_survive_a_reload_per_exercise_set_in_either_language', async () => {
    const { page, context } = await open('');
    const area = '[data-exercise="maxpool-forward"] textarea[data-answer]';
    await page.fill(area, '[[[[5. 5.] [6. 3.]]]]');
    await page.fill('#free-answer', 'Der Gradient hängt nicht vom Input ab.');
    await page.goto(`${origin}?lang=en`);
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.inputValue(area)).toBe('[[[[5. 5.] [6. 3.]]]]');
    expect(await page.inputValue('#free-answer')).toBe('Der Gradient hängt nicht vom Input ab.');
    await page.goto(`${origin}?seed=77`);
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.inputValue(area)).toBe(''); // another exercise set, other answers
    await context.close();
  });

  it('invalid_seed_is_named_and_the_notebook_values_shown', async () => {
    const { page, context } = await open('?seed=abc');
    expect(await page.textContent('#seed-note')).toContain('„?seed=abc“ ist kein gültiger Seed');
    expect(await page.textContent('#mode')).toBe('Werte aus dem Notebook');
    await page.click('#new-exercise');
    expect(await page.$('#seed-note')).toBeNull();
    const valid = await open('?seed=5');
    expect(await valid.page.$('#seed-note')).toBeNull();
    await valid.context.close();
    await context.close();
  });

  it('question_cell_typing_replaces_its_number_by_keyboard_and_by_click', async () => {
    const { page, context } = await open('');
    const cell = (r, c) => `[data-exercise="question"] .cellinput[data-ch="0"][data-row="${r}"][data-col="${c}"]`;
    const given = async () => JSON.parse(await page.textContent('[data-exercise="question"] [data-given]')).input[0][0];
    await page.focus(cell(0, 0));
    await page.keyboard.press('ArrowRight');
    await page.keyboard.type('42');
    await page.keyboard.press('Enter');
    expect((await given())[0][1]).toBe(42);
    await page.click(cell(1, 1));
    await page.keyboard.type('7');
    await page.keyboard.press('Enter');
    expect((await given())[1][1]).toBe(7);
    await context.close();
  });

  it('avg_heat_map_names_each_windows_share', async () => {
    const { page, context } = await open('');
    const unit = '[data-exercise="avgpool-backward"] [data-unit]';
    await page.click(`${unit} details.picture > summary`);
    // Notebook: kernel 3, stride 2 on 5×5 → four windows of 9 cells; the centre cell (2, 2) lies in all four.
    await page.hover(`${unit} .picture-heat button[data-row="2"][data-col="2"]`);
    const text = await page.textContent(`${unit} .describe`);
    const [, shown, sum] = text.match(/\(2, 2\) \S+ (-?[\d.]+) = (.*)\.$/);
    const terms = sum.split(' + ').map((term) => term.match(/^1\/(\d+)·\(?(-?[\d.]+)\)?$/));
    // A window whose gradient is 0 sends nothing; the others each send 1/9 of theirs.
    expect(terms.length).toBeGreaterThanOrEqual(3);
    expect(terms.every((m) => m && m[1] === '9')).toBe(true);
    const total = terms.reduce((acc, m) => acc + Number(m[2]) / Number(m[1]), 0);
    expect(total).toBeCloseTo(Number(shown), 4);
    await context.close();
  });
});
