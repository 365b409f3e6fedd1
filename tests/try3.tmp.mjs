import { chromium } from 'playwright-core';
import { serve } from '../scripts/serve.js';
const { server, url } = await serve({ port: 0 });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu'] });
const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
const page = await context.newPage();
await page.goto(url);
await page.waitForSelector('body[data-ready="true"]');
await page.$$eval('details', (els) => els.forEach((d) => (d.open = true)));
console.log(await page.evaluate(() => document.documentElement.scrollWidth)); if (0) console.log(await page.evaluate(() => {
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.right > innerWidth + 1) out.push(`${el.tagName}.${el.className} ${Math.round(r.left)}-${Math.round(r.right)} parent ${el.parentElement.tagName}.${el.parentElement.className}`);
  }
  return out.slice(0, 25).join('\n');
}));
await browser.close(); server.close();
