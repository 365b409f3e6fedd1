// Accessibility of the exercise page: axe-core (WCAG 2.1 A/AA rules and
// best practices) in seven states — German, English, a 390 px phone, a
// practice seed, after answering (verdicts, wrong-cell grids, solutions and
// pictures open), code mode with results and code mode in Python with the
// notebook's cells in the editor — must find nothing. axe runs
// inside the served page (the context bypasses the page's CSP only so that
// the test can inject axe itself).
import { describe, expect, it } from 'vitest';
import { openPage, useServedPage } from '../helpers/browser.js';

const AXE = new URL('../../node_modules/axe-core/axe.min.js', import.meta.url).pathname;
const WRONG_CODE = 'export function getOutputShape() { return [1, 1]; }\n';

const served = useServedPage();

const open = (query = '', viewport = { width: 1280, height: 900 }) => openPage(served.browser, served.origin + query, { viewport, bypassCSP: true });

/** axe's violations as short lines: rule, impact, the first few offending elements. */
async function violations(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length}× e.g. ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

const openEveryPicture = (page) => page.$$eval('details', (els) => els.forEach((d) => (d.open = true)));

describe('axe-core finds no violation', { timeout: 90_000 }, () => {
  it('german_notebook_values', async () => {
    const { page, context } = await open('');
    expect(await violations(page)).toEqual([]);
    await context.close();
  });

  it('english', async () => {
    const { page, context } = await open('?lang=en');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await violations(page)).toEqual([]);
    await context.close();
  });

  it('phone_390px_with_pictures_open_and_no_sideways_scrolling', async () => {
    const { page, context } = await open('', { width: 390, height: 844 });
    await openEveryPicture(page);
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
    expect(await violations(page)).toEqual([]);
    await context.close();
  });

  it('practice_seed', async () => {
    const { page, context } = await open('?seed=4242');
    expect(await page.textContent('#mode')).toContain('4242');
    expect(await violations(page)).toEqual([]);
    await context.close();
  });

  it('after_answering_right_wrong_and_garbage_with_solutions_and_pictures_open', async () => {
    const { page, context } = await open('');
    const units = await page.$$('[data-unit]');
    const answers = ['(2, 2)', '[[[[5. 4.] [6. 3.]] [[7. 7.] [7. 7.]]]]', 'drei'];
    for (const [i, unit] of units.entries()) {
      await (await unit.$('textarea[data-answer]')).fill(answers[i % answers.length]);
      await (await unit.$('button[data-check]')).click();
      if (i % 2) await (await unit.$('button[data-solution]')).click();
    }
    const states = await page.$$eval('[data-verdict]', (els) => [...new Set(els.map((e) => e.dataset.state))]);
    expect([...states].sort()).toEqual(['correct', 'invalid', 'wrong']);
    await openEveryPicture(page);
    await page.hover('[data-exercise="avgpool-backward"] .picture-heat button');
    await page.click('[data-exercise="question"] [aria-controls="model-answer"]');
    expect(await violations(page)).toEqual([]);
    await context.close();
  });

  it('code_mode_with_results', async () => {
    const { page, context } = await open('?codeTimeout=3000');
    await page.click('#code-mode-toggle');
    await page.waitForSelector('[data-code-run]');
    // Where code mode offers Python too (data-code-language), JavaScript is picked: it needs no Pyodide.
    await page.waitForSelector('#code-editor');
    if (await page.$('select[data-code-language]')) await page.selectOption('select[data-code-language]', 'javascript');
    await page.fill('#code-editor', WRONG_CODE);
    await page.click('[data-code-run]');
    await page.waitForSelector('[data-code-summary][data-state]', { timeout: 60_000 });
    expect(await page.$$eval('[data-code-results] > li', (els) => els.length)).toBe(7);
    expect(await violations(page)).toEqual([]);
    await context.close();
  }, 120_000);

  it('code_mode_in_python_with_the_notebook_in_the_editor', async () => {
    const { page, context } = await open('');
    await page.click('#code-mode-toggle');
    await page.waitForSelector('select[data-code-language]');
    await page.selectOption('select[data-code-language]', 'python');
    await page.waitForFunction(() => document.querySelector('#code-editor')?.value.includes('def get_output_shape'));
    expect(await page.inputValue('select[data-code-language]')).toBe('python');
    expect(await violations(page)).toEqual([]);
    await context.close();
  }, 120_000);
});
