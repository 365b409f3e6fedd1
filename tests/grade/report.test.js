// report.html in real headless Chromium, opened from file:// as a tutor
// would: it sorts, filters, opens a participant's details, shows hostile
// learner text as text, and makes no request of any kind.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../cli/run-cli.js';
import { launchChromium } from '../helpers/browser.js';
import { HOSTILE_TEXT, writeCourseFolder } from './course.js';

let dir;
let browser;
let reportUrl;
let html;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'poolgrad-report-'));
  writeCourseFolder(join(dir, 'course'), { extras: false, only: ['100001', '100002', '100003', '100004', '100009', '100010', '100011', '100012', '100013', '100014'] });
  const { code, stderr } = await cli(['grade', 'course', '--out', 'out', '--jobs', '2', '--timeout', '15000'], { cwd: dir, env: { POOLGRAD_CHECK_MEMORY_MB: '256' } });
  if (code !== 0) throw new Error(stderr);
  html = readFileSync(join(dir, 'out', 'report.html'), 'utf8');
  reportUrl = pathToFileURL(join(dir, 'out', 'report.html')).href;
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function open() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const log = { requests: [], errors: [], dialogs: 0 };
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('console', (m) => m.type() === 'error' && log.errors.push(m.text()));
  page.on('pageerror', (e) => log.errors.push(e.message));
  page.on('dialog', (d) => {
    log.dialogs++;
    void d.dismiss();
  });
  await page.goto(reportUrl);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
  return { page, context, log };
}

const names = (page) => page.$$eval('tr[data-participant]:not([hidden]) [data-open]', (b) => b.map((x) => x.textContent));

describe('report.html from file://', () => {
  it('is_one_file_with_a_strict_csp_and_no_external_reference', () => {
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[^']+'; script-src 'sha256-[^']+';/);
    expect(html).not.toMatch(/\b(src|href)=["']?(https?:|\/\/)/i);
    expect(html).not.toMatch(/<\/script><script>window/);
  });

  it('sorts_filters_and_opens_details_without_any_request', async () => {
    const { page, context, log } = await open();
    const rows = await page.$$('tr[data-participant]');
    expect(rows.length).toBe(10);

    // Sorting by points, descending on the second click, then by name.
    await page.click('button[data-sort="points"]');
    const ascending = await page.$$eval('tr[data-participant]:not([hidden]) td:last-child', (t) => t.map((x) => Number(x.textContent)));
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    expect(await page.getAttribute('th[data-column="points"]', 'aria-sort')).toBe('ascending');
    await page.click('button[data-sort="points"]');
    const descending = await page.$$eval('tr[data-participant]:not([hidden]) td:last-child', (t) => t.map((x) => Number(x.textContent)));
    expect(descending).toEqual([...ascending].sort((a, b) => b - a));
    expect(descending[0]).toBeGreaterThan(descending.at(-1));
    await page.click('button[data-sort="name"]');
    const byName = await names(page);
    expect(byName).toEqual([...byName].sort((a, b) => a.localeCompare(b)));

    // Filtering by text, then by status.
    await page.fill('[data-filter]', 'anna');
    expect(await names(page)).toEqual(['Anna Schmidt', 'Anna Schmidt']);
    expect(await page.textContent('[data-count]')).toBe('2 of 10 shown');
    await page.fill('[data-filter]', '');
    await page.selectOption('[data-status-filter]', 'refused');
    expect((await names(page)).sort()).toEqual(['Emil Kaputt', 'Fritz Anders', 'Greta Leer', 'Hans Zip', 'Ida Binär']);
    await page.selectOption('[data-status-filter]', '');

    // A detail row: the wrong cell of the printed backward_yx, the answer as text.
    await page.fill('[data-filter]', 'Bernd');
    await page.click('tr[data-participant]:not([hidden]) [data-open]');
    const detail = page.locator('tr[data-detail]:not([hidden])');
    await expect.poll(() => detail.count()).toBe(1);
    expect(await page.getAttribute('tr[data-participant]:not([hidden]) [data-open]', 'aria-expanded')).toBe('true');
    expect(await detail.locator('[data-block="In[9] backward_yx"]').textContent()).toMatch(/✘ In\[9\] backward_yx, the learner's cell \d+ \(In\[9\]\).*cell \[0, 0, 0, 0, 0\]: expected 1, got 2/s);
    expect(await detail.locator('[data-answer]').textContent()).toBe(HOSTILE_TEXT);

    // The hostile name and answer stayed text: no script ran, no element was made from them.
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    expect(await page.$$('img')).toHaveLength(0);
    expect(await page.$$('script')).toHaveLength(2);
    await page.fill('[data-filter]', 'pwned');
    expect(await names(page)).toEqual([HOSTILE_TEXT.replace(/\//g, '∕')]);

    // The course summary names what went wrong most often.
    expect(await page.textContent('#summary')).toMatch(/In\[9\] backward_yx: 1 participant/);
    expect(await page.textContent('#summary')).toMatch(/\[Luecke \(1\)\]: 1 participant/);

    expect(log.errors).toEqual([]);
    expect(log.dialogs).toBe(0);
    expect(log.requests).toEqual([reportUrl]);
    await context.close();
  }, 60_000);

  it('renders_the_screenshot_for_the_readme', async (ctx) => {
    if (!process.env.POOLGRAD_SCREENSHOT) ctx.skip();
    const { page, context } = await open();
    await page.click('button[data-sort="points"]');
    await page.click('button[data-sort="points"]');
    await page.selectOption('[data-status-filter]', 'graded');
    await page.click('tr[data-participant] [data-open] >> text=Bernd Ties');
    await page.screenshot({ path: process.env.POOLGRAD_SCREENSHOT, fullPage: false });
    await context.close();
  }, 60_000);
});
