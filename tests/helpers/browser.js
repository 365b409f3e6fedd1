// Headless Chromium for the browser tests: the system /usr/bin/chromium
// through playwright-core, the served exercise page (scripts/serve.js), and
// a fresh context per page that records what the tests assert on.
import { chromium } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { serve } from '../../scripts/serve.js';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const launchChromium = () => chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });

/**
 * Serves web/ on a free port and launches one Chromium for the test file
 * (beforeAll), and stops both afterwards (afterAll). The returned object
 * holds `origin` (with a trailing slash) and `browser` once beforeAll ran.
 */
export function useServedPage() {
  const served = { origin: null, browser: null, server: null };
  beforeAll(async () => {
    ({ server: served.server, url: served.origin } = await serve({ port: 0 }));
    served.browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await served.browser?.close();
    await new Promise((done) => (served.server ? served.server.close(done) : done()));
  });
  return served;
}

/**
 * Opens `url` in a context of its own (nothing stored by an earlier page
 * reaches it) and waits for the selector `ready`. The log collects the
 * page's requests, finished requests and errors (console errors and uncaught
 * exceptions); with `recordCsp`, the page's CSP violations from its first
 * script on land in window.__csp; `route` sees every request of the context,
 * its workers' included. Other options go to browser.newContext.
 */
export async function openPage(browser, url, { ready = 'body[data-ready="true"]', recordCsp = false, route, ...contextOptions } = {}) {
  // Reduced motion: the page then scrolls without animation, so a focus
  // scroll still running cannot move a button between Playwright's
  // stability check and its click (one CI run read a stale verdict).
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce', ...contextOptions });
  if (route) await context.route('**/*', route);
  if (recordCsp) {
    await context.addInitScript(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
  }
  const page = await context.newPage();
  const log = { requests: [], finished: [], errors: [] };
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('requestfinished', (r) => log.finished.push(r));
  page.on('console', (m) => m.type() === 'error' && log.errors.push(m.text()));
  page.on('pageerror', (e) => log.errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector(ready, { timeout: 20_000 });
  return { page, context, log };
}

/**
 * Puts `code` into code mode's editor (open already), presses the run
 * button and waits for the summary; returns one entry per function checked.
 */
export async function runCode(page, code, { timeout = 120_000 } = {}) {
  await page.fill('textarea[data-code]', code);
  await page.click('button[data-code-run]');
  await page.waitForSelector('[data-code-summary][data-state]', { timeout });
  return page.$$eval('[data-code-results] > li', (items) =>
    items.map((li) => ({
      name: li.dataset.function,
      state: li.dataset.state,
      mistake: li.dataset.mistake ?? null,
      line: li.querySelector('.code-line')?.textContent ?? '',
      failure: li.querySelector('pre')?.textContent ?? '',
    })),
  );
}
