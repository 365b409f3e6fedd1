// What Python mode costs a learner the first time, in Chromium: bytes
// transferred and seconds from opening Python mode (then pasting the
// notebook's reference solution and pressing "Prüfen" at once) to the first
// verdict and to all seven; then a second run in the same tab.
// `node tests/e2e/measure-python-page.mjs [rounds]` (needs web/vendor/ from `npm run build`).
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.js';

const REFERENCE = readFileSync(new URL('../cli/python/reference.py', import.meta.url), 'utf8');
const rounds = Number(process.argv[2] ?? 3);
const { server, url } = await serve({ port: 0 });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });

async function round() {
  const context = await browser.newContext(); // empty cache: the first time
  let bytes = 0;
  const pending = [];
  context.on('requestfinished', (r) => pending.push(r.sizes().then((s) => (bytes += s.responseBodySize + s.responseHeadersSize)).catch(() => {})));
  const page = await context.newPage();
  await page.goto(`${url}?codeTimeout=60000`);
  await page.waitForSelector('body[data-ready="true"]');
  await Promise.all(pending);
  const pageBytes = bytes;
  const opened = Date.now();
  await page.click('#code-mode-toggle');
  await page.waitForFunction(() => document.querySelector('textarea[data-code]')?.value.includes('def get_output_shape'));
  await page.fill('textarea[data-code]', REFERENCE);
  await page.click('button[data-code-run]');
  await page.waitForSelector('[data-code-results] > li', { timeout: 600_000 });
  const first = (Date.now() - opened) / 1000;
  await page.waitForSelector('[data-code-summary][data-state]', { timeout: 600_000 });
  const all = (Date.now() - opened) / 1000;
  await Promise.all(pending);
  const pythonBytes = bytes - pageBytes;
  const state = await page.getAttribute('[data-code-summary]', 'data-state');
  const again = Date.now();
  await page.click('button[data-code-run]');
  await page.waitForFunction(() => !document.querySelector('button[data-code-run]').disabled, null, { timeout: 600_000 });
  const second = (Date.now() - again) / 1000;
  await context.close();
  return { state, pageBytes, pythonBytes, first, all, second };
}

console.log(`Chromium ${browser.version()}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, ${new Date().toISOString()}`);
for (let i = 0; i < rounds; i++) {
  const r = await round();
  console.log(`round ${i + 1}: ${r.state}; page ${r.pageBytes} B, Python mode ${r.pythonBytes} B transferred; first verdict ${r.first.toFixed(1)} s, all seven ${r.all.toFixed(1)} s after opening; a second run ${r.second.toFixed(1)} s`);
}
console.log(`load average after: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
await browser.close();
server.close();
