// The package under Vite as a JS developer meets it: the dev server (which
// pre-bundles dependencies) and a production build whose Web Worker imports
// poolgrad. Each needs one documented line of vite.config.js (README,
// "Bundlers"); without the dev-server line the error says which line.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../../scripts/serve.js';
import { installPacked, repo, run } from '../helpers/packed.js';

// The notebook's max-pooling cell, in NHWC without indices as well.
const COMPUTE = `
import { ready, maxPool2d, tensor } from 'poolgrad';
export async function compute() {
  await ready();
  const x = tensor([[[[1,2,3,4,5],[2,3,5,4,4],[5,1,2,3,1],[4,6,0,2,1],[1,2,1,0,1]],
                     [[1,2,3,4,1],[0,3,1,2,3],[5,4,7,0,1],[1,6,2,2,1],[0,2,3,4,5]]]]);
  const { output, indices } = maxPool2d(x, { kernelSize: 3, stride: 2 });
  return JSON.stringify({ output: Array.from(output.data), indices: Array.from(indices.data) });
}
`;
const EXPECTED = { output: [5, 5, 6, 3, 7, 7, 7, 7], indices: [7, 4, 16, 13, 12, 12, 12, 12] };
const MAIN = `
import { compute } from './compute.js';
compute().then((r) => { document.body.dataset.result = r; }, (e) => { document.body.dataset.error = String(e.message); });
`;

let installed;
let app;
let browser;

beforeAll(async () => {
  installed = installPacked('poolgrad-vite-');
  ({ app } = installed);
  writeFileSync(join(app, 'compute.js'), COMPUTE);
  writeFileSync(join(app, 'index.html'), '<!doctype html><title>app</title><script type="module" src="./main.js"></script>');
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  installed?.remove();
});

async function pageResult(url) {
  // A context of its own per page: nothing of a dev server's page (its
  // module cache, its HMR socket) reaches the next test.
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    let crashed = false;
    page.on('crash', () => {
      crashed = true;
    });
    await page.goto(url);
    try {
      await page.waitForFunction(() => document.body.dataset.result || document.body.dataset.error, null, { timeout: 30_000 });
      return await page.evaluate(() => ({ result: document.body.dataset.result, error: document.body.dataset.error }));
    } catch (error) {
      throw crashed ? new Error(`Chromium's renderer crashed while the page ran (${error.message})`) : error;
    }
  } finally {
    await context.close();
  }
}

async function devServer(config) {
  const { createServer } = await import(join(repo, 'node_modules/vite/dist/node/index.js'));
  const server = await createServer({ root: app, configFile: false, logLevel: 'silent', server: { port: 0, host: '127.0.0.1' }, ...config });
  await server.listen();
  const { port } = server.httpServer.address();
  return { server, url: `http://127.0.0.1:${port}/` };
}

describe('Vite', () => {
  // Retried once: seen once in about eight runs, Chromium closed the page while its module worker started; cause not found.
  it('production_build_with_a_module_worker_works_with_worker_format_es', { timeout: 120_000, retry: 1 }, async () => {
    writeFileSync(join(app, 'worker.js'), `import { compute } from './compute.js';\ncompute().then((r) => postMessage({ result: r }), (e) => postMessage({ error: String(e.message) }));\n`);
    writeFileSync(
      join(app, 'main.js'),
      `const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });\n` +
        `worker.onmessage = ({ data }) => { if (data.result) document.body.dataset.result = data.result; else document.body.dataset.error = data.error; };\n`,
    );
    writeFileSync(join(app, 'vite.config.js'), `export default { worker: { format: 'es' } };\n`);
    run(process.execPath, [join(repo, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], app);
    const { server, url } = await serve({ root: join(app, 'dist') });
    try {
      const { result, error } = await pageResult(url);
      expect(error).toBeUndefined();
      expect(JSON.parse(result)).toEqual(EXPECTED);
    } finally {
      server.close();
    }
  });

  it('dev_server_works_with_poolgrad_excluded_from_pre_bundling', async () => {
    writeFileSync(join(app, 'main.js'), MAIN);
    writeFileSync(join(app, 'vite.config.js'), 'export default {};\n');
    const { server, url } = await devServer({ optimizeDeps: { exclude: ['poolgrad'] } });
    try {
      const { result, error } = await pageResult(url);
      expect(error).toBeUndefined();
      expect(JSON.parse(result)).toEqual(EXPECTED);
    } finally {
      await server.close();
    }
  }, 90_000);

  it('dev_server_without_the_line_says_which_line_to_add', async () => {
    writeFileSync(join(app, 'main.js'), MAIN);
    const { server, url } = await devServer({ cacheDir: join(app, 'node_modules/.vite-prebundled') });
    try {
      const { result, error } = await pageResult(url);
      // Should Vite one day keep the .wasm beside the pre-bundled copy, the
      // call simply works; until then the error names the fix.
      if (result) expect(JSON.parse(result)).toEqual(EXPECTED);
      else expect(error).toContain("optimizeDeps: { exclude: ['poolgrad'] }");
    } finally {
      await server.close();
    }
  }, 90_000);

});
