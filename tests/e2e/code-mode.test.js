// The page's code mode in real headless Chromium: the learner's code runs in
// a module Web Worker under the page's CSP; a right solution passes, a buggy
// one is blamed on the right methods, and an endless loop is stopped while
// the page stays responsive. Learner solutions are the CLI tests' own.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { openPage, runCode, useServedPage } from '../helpers/browser.js';

const RIGHT = readFileSync(new URL('../cli/learners/right.mjs', import.meta.url), 'utf8');
// In the page the code is one self-contained module, so the bugs are made by editing the right solution.
const TIES_LAST = RIGHT.replace('if (v > best) [best, at] = [v, [y, x]];', 'if (v >= best) [best, at] = [v, [y, x]];');
const ENDLESS = RIGHT.replace(
  'export function maxpool2d(input, kernelSize, stride = [1, 1], padding = [0, 0], dilation = [1, 1]) {',
  '$&\n  for (;;) {}',
);
const NAMES = ['getOutputShape', 'maxpool2d', 'MaxPooling.forward', 'MaxPooling.backpropYX', 'MaxPooling.backwardInput', 'AvgPooling.forward', 'AvgPooling.backwardInput'];
const BUDGET_MS = 5000; // per function, via ?codeTimeout; the default is 10 s

const served = useServedPage();
let page;
let problems;

beforeAll(async () => {
  expect(TIES_LAST).not.toBe(RIGHT);
  expect(ENDLESS).not.toBe(RIGHT);
  // CSP violations are recorded from the first script on.
  ({ page, log: { errors: problems } } = await openPage(served.browser, `${served.origin}?codeTimeout=${BUDGET_MS}`, { recordCsp: true }));
}, 60_000);

const runWith = (code) => runCode(page, code);

describe('code mode', () => {
  it('toggle_opens_an_editor_prefilled_with_the_template_in_monospace', async () => {
    expect(await page.isHidden('#code-mode')).toBe(true);
    await page.click('#code-mode-toggle');
    await page.waitForSelector('#code-editor');
    expect(await page.isVisible('#code-mode')).toBe(true);
    // Python is the default: the notebook's cells with their gaps.
    expect(await page.inputValue('[data-code-language]')).toBe('python');
    await page.waitForFunction(() => document.querySelector('textarea[data-code]').value.includes('def get_output_shape'));
    const python = await page.inputValue('textarea[data-code]');
    expect(python).toContain('    h_out = ...  # bitte Code ergaenzen <---------------- [Luecke (1)]');
    expect(python).toContain('class MaxPooling(MaxPooling_):');
    expect(python.match(/# bitte Code ergaenzen/g)).toHaveLength(31);
    await page.selectOption('[data-code-language]', 'javascript');
    const text = await page.inputValue('#code-editor');
    expect(text).toContain('export function getOutputShape(inputShape, kernelSize, stride = [1, 1]');
    expect(text).toContain('export class AvgPooling');
    const font = await page.$eval('#code-editor', (e) => getComputedStyle(e).fontFamily);
    expect(font).toMatch(/mono/i);
  });

  it('tab_in_the_editor_indents_instead_of_leaving_it', async () => {
    await page.fill('#code-editor', 'x');
    await page.focus('#code-editor');
    await page.keyboard.press('End');
    await page.keyboard.press('Tab');
    expect(await page.inputValue('#code-editor')).toBe('x  ');
    expect(await page.evaluate(() => document.activeElement.id)).toBe('code-editor');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement.id)).not.toBe('code-editor');
  });

  it('right_solution_passes_every_function', async () => {
    const results = await runWith(RIGHT);
    expect(results.map((r) => r.name)).toEqual(NAMES);
    expect(results.every((r) => r.state === 'pass')).toBe(true);
    expect(await page.getAttribute('[data-code-summary]', 'data-state')).toBe('pass');
    for (const r of results) expect(r.line).toMatch(/: (\d+)\/\1$/);
  }, 180_000);

  it('code_is_kept_in_local_storage_across_a_reload', async () => {
    await page.reload();
    await page.waitForSelector('#code-editor'); // code mode stays open too
    expect(await page.inputValue('#code-editor')).toBe(RIGHT);
  });

  it('ties_bug_is_blamed_on_backpropYX_and_backwardInput_with_a_shrunk_case', async () => {
    const results = await runWith(TIES_LAST);
    const failed = results.filter((r) => r.state !== 'pass').map((r) => r.name);
    expect(failed).toEqual(['MaxPooling.backpropYX', 'MaxPooling.backwardInput']);
    const yx = results.find((r) => r.name === 'MaxPooling.backpropYX');
    // The page is German here: the details are too, in the page's "du".
    expect(yx.failure).toContain('erwartet:');
    expect(yx.failure).toContain('bekommen:');
    expect(yx.failure).toContain('kleinster gefundener Fall');
    expect(yx.failure).not.toMatch(/expected|actual|smallest|wrong/);
    expect(await page.getAttribute('[data-code-summary]', 'data-state')).toBe('fail');
  }, 180_000);

  it('endless_loop_is_stopped_at_the_deadline_and_the_page_stays_responsive', async () => {
    await page.fill('#code-editor', ENDLESS);
    await page.click('[data-code-run]');
    // While maxpool2d spins in its worker, the page keeps handling input.
    await page.waitForSelector('[data-code-results] > li[data-function="getOutputShape"]', { timeout: 60_000 });
    const answered = await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(document.querySelector('[data-code-run]').disabled), 0))),
    );
    expect(answered).toBe(true); // still running, yet the main thread answered
    await page.click('#lang-toggle');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await page.textContent('#code-mode-toggle')).toBe('Your own code');
    await page.waitForSelector('[data-code-summary][data-state]', { timeout: 120_000 });
    const results = await page.$$eval('[data-code-results] > li', (items) => items.map((li) => [li.dataset.function, li.dataset.state]));
    expect(results).toEqual(NAMES.map((n) => [n, n === 'maxpool2d' ? 'timeout' : 'pass']));
    expect(await page.textContent('[data-code-results] > li[data-function="maxpool2d"]')).toContain('timed out');
    expect(await page.textContent('[data-code-results] > li[data-function="maxpool2d"] pre')).toContain('did not return within the 5 s');
    await page.click('#lang-toggle');
    await page.waitForFunction(() => document.documentElement.lang === 'de');
    expect(await page.textContent('[data-code-results] > li[data-function="maxpool2d"] pre')).toContain('ist nicht innerhalb der 5 s zurückgekehrt');
  }, 180_000);

  it('endless_loop_in_getOutputShape_costs_one_deadline_and_its_callers_fail_at_once_naming_it', async () => {
    // maxpool2d and both classes call getOutputShape in this solution.
    const looping = RIGHT.replace(
      'export function getOutputShape(inputShape, kernelSize, stride = [1, 1], padding = [0, 0], dilation = [1, 1]) {',
      '$&\n  for (;;) {}',
    );
    expect(looping).not.toBe(RIGHT);
    const results = await runWith(looping);
    const states = Object.fromEntries(results.map((r) => [r.name, r.state]));
    expect(states.getOutputShape).toBe('timeout');
    const callers = results.filter((r) => r.name !== 'getOutputShape');
    expect(callers.filter((r) => r.state === 'timeout')).toEqual([]);
    const failing = callers.filter((r) => r.state !== 'pass');
    expect(failing.length).toBeGreaterThan(0);
    for (const r of failing) {
      expect(r.state).toBe('error');
      expect(r.failure).toContain('getOutputShape ist in der eigenen Prüfung nicht fertig geworden');
    }
  }, 180_000);

  it('syntax_error_is_reported_with_line_and_column', async () => {
    const lines = RIGHT.split('\n');
    const at = lines.findIndex((l) => l.includes('export function maxpool2d'));
    const broken = '  const broken = 1 +;';
    lines.splice(at + 1, 0, broken);
    await page.fill('#code-editor', lines.join('\n'));
    await page.click('[data-code-run]');
    await page.waitForSelector('[data-code-summary][data-state]', { timeout: 60_000 });
    expect(await page.getAttribute('[data-code-summary]', 'data-state')).toBe('invalid');
    const text = await page.textContent('[data-code-summary]');
    expect(text).toContain('dein Code lässt sich nicht laden: SyntaxError');
    expect(text).toContain(`(line ${at + 2}, column ${broken.indexOf(';') + 1})`);
  }, 60_000);

  it('page_csp_holds_no_unsafe_eval_and_nothing_was_blocked', async () => {
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).not.toContain("'unsafe-inline'");
    expect(await page.evaluate(() => window.__csp)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
