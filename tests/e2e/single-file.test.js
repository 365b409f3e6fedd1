// The one-file page (dist/poolgrad-aufgabe7.html) as a learner gets it from
// a course page: opened from file:// in headless Chromium, offline. It is
// built here from the current sources (scripts/build-single.js) into a temp
// folder; every exercise is driven right, wrong and with garbage, code mode
// checks a solution in its Blob worker, and no request leaves the file.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createHash } from 'node:crypto';
import * as pg from 'poolgrad';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSingle, SINGLE_FILE_BUDGET } from '../../scripts/build-single.js';
import { launchChromium, openPage, runCode } from '../helpers/browser.js';
import { driveAllUnits, expectEveryExerciseHasUnits } from '../helpers/page-drive.js';

const RIGHT = readFileSync(new URL('../cli/learners/right.mjs', import.meta.url), 'utf8');
const ENDLESS = RIGHT.replace(
  'export function maxpool2d(input, kernelSize, stride = [1, 1], padding = [0, 0], dilation = [1, 1]) {',
  '$&\n  for (;;) {}',
);
const SLOW = 180_000;

let folder;
let file;
let html;
let browser;

beforeAll(async () => {
  await pg.ready();
  folder = mkdtempSync(join(tmpdir(), 'poolgrad-single-'));
  ({ out: file } = await buildSingle(join(folder, 'poolgrad-aufgabe7.html')));
  html = readFileSync(file, 'utf8');
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/** Opens the file at `query`, offline; records every request, console error and CSP violation. */
const open = (query = '') => openPage(browser, pathToFileURL(file).href + query, { offline: true, recordCsp: true });

/** Requests other than the file itself and the page's own Blob workers. */
const leaving = (requests) => requests.filter((u) => u.split(/[?#]/)[0] !== pathToFileURL(file).href && !u.startsWith('blob:null/'));

const policyOf = (text) => Object.fromEntries(text.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

describe('the one-file page', () => {
  it('stays_within_its_budget_and_refers_to_no_other_file', () => {
    const bytes = Buffer.byteLength(html);
    console.log(`one-file page: ${bytes} bytes (budget ${SINGLE_FILE_BUDGET})`);
    expect(SINGLE_FILE_BUDGET).toBe(250_000);
    expect(bytes).toBeLessThanOrEqual(SINGLE_FILE_BUDGET);
    expect(html).not.toMatch(/<(script|link|img|iframe)\b[^>]*\s(src|href)=["'](?!data:|#)/i);
    expect(html.match(/<script\b/gi)).toHaveLength(1);
  });

  it('csp_allows_exactly_the_inlined_script_and_style', () => {
    const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/);
    expect(meta).not.toBeNull();
    const policy = policyOf(meta[1]);
    const script = html.match(/<script type="module">([\s\S]*?)<\/script>/)[1];
    const style = html.match(/<style>([\s\S]*?)<\/style>/)[1];
    expect(policy['default-src']).toEqual(["'none'"]);
    expect(policy['script-src']).toEqual([sha256(script), 'blob:', "'wasm-unsafe-eval'"]);
    expect(policy['style-src']).toEqual([sha256(style)]);
    expect(policy['connect-src']).toEqual(["'none'"]);
    expect(policy['object-src']).toEqual(["'none'"]);
    expect(meta[1]).not.toMatch(/'unsafe-(inline|eval)'/);
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
  });

  it('every_unit_right_wrong_and_garbage_from_file_url_with_no_request_leaving_the_file', async () => {
    const { page, context, log } = await open('');
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    const { counts } = await driveAllUnits(page);
    expectEveryExerciseHasUnits(counts);
    // The recorded PyTorch results are inlined: all five comparisons equal.
    const pills = await page.$$eval('[data-exercise="torch-compare"] .compare .pill', (els) => els.map((e) => e.className));
    expect(pills.length).toBe(5);
    expect(pills.every((c) => c.includes('ok'))).toBe(true);
    expect(leaving(log.requests)).toEqual([]);
    expect(await page.evaluate(() => window.__csp)).toEqual([]);
    expect(log.errors).toEqual([]);
    await context.close();
  }, SLOW);

  it('english_and_a_practice_seed_work_from_the_file_too', async () => {
    const { page, context, log } = await open('?seed=4242&lang=en');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    const { counts } = await driveAllUnits(page);
    expectEveryExerciseHasUnits(counts);
    expect(await page.textContent('#mode')).toContain('4242');
    await page.click('#lang-toggle');
    await page.waitForFunction(() => document.documentElement.lang === 'de');
    expect(leaving(log.requests)).toEqual([]);
    expect(log.errors).toEqual([]);
    await context.close();
  }, SLOW);

  it('code_mode_checks_in_a_blob_worker_and_stops_an_endless_loop', async () => {
    const { page, context, log } = await open('?codeTimeout=4000');
    await page.click('#code-mode-toggle');
    await page.waitForSelector('[data-code-run]');
    if (await page.$('select[data-code-language]')) expect(await page.inputValue('select[data-code-language]')).toBe('javascript');
    await page.waitForSelector('#code-editor');
    const run = async (code) => (await runCode(page, code)).map((r) => [r.name, r.state]);
    const right = await run(RIGHT);
    expect(right).toHaveLength(7);
    expect(right.every(([, state]) => state === 'pass')).toBe(true);
    const endless = await run(ENDLESS);
    expect(endless.find(([name]) => name === 'maxpool2d')[1]).toBe('timeout');
    expect(endless.filter(([, state]) => state === 'pass')).toHaveLength(6);
    expect(leaving(log.requests)).toEqual([]);
    expect(await page.evaluate(() => window.__csp)).toEqual([]);
    expect(log.errors).toEqual([]);
    await context.close();
  }, SLOW);

  it('says_where_python_mode_is_instead_of_offering_it', async () => {
    const { page, context, log } = await open('');
    const note = await page.textContent('#single-file-note');
    expect(note).toContain('npx poolgrad page');
    // Where code mode offers Python (a data-code-language choice), choosing it here
    // must say where Python runs and offer no run that would fail.
    await page.click('#code-mode-toggle');
    await page.waitForSelector('[data-code-run]');
    if (await page.$('select[data-code-language]')) {
      await page.selectOption('select[data-code-language]', 'python');
      await page.waitForFunction(() => document.querySelector('#code-mode').textContent.includes('npx poolgrad page'));
      expect(await page.isDisabled('[data-code-run]')).toBe(true);
    }
    expect(leaving(log.requests)).toEqual([]);
    expect(log.errors).toEqual([]);
    await context.close();
  });
});
