// The package as a stranger gets it: `npm pack`, install the tarball into an
// empty folder, import it from Node ESM and from a Vite production build
// running in Chromium — with no configuration of our own — and serve the
// exercise page from it with `npx poolgrad page`.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../../scripts/serve.js';
import { installPacked, repo, run } from '../helpers/packed.js';
import { launchChromium } from '../helpers/browser.js';

// The notebook's max-pooling cell, computed by the installed package.
const CLIENT = `
import { ready, maxPool2d, outputShape, tensor, format } from 'poolgrad';
await ready();
const x = tensor([[[[1,2,3,4,5],[2,3,5,4,4],[5,1,2,3,1],[4,6,0,2,1],[1,2,1,0,1]],
                   [[1,2,3,4,1],[0,3,1,2,3],[5,4,7,0,1],[1,6,2,2,1],[0,2,3,4,5]]]]);
const { output, indices } = maxPool2d(x, { kernelSize: 3, stride: 2 });
// The same input channels-last, ONNX/TensorFlow style: no indices, 'same' padding.
const nhwc = tensor([0, 1, 2, 3, 4].map((h) => [0, 1, 2, 3, 4].map((w) => [0, 1].map((c) => x.data[c * 25 + h * 5 + w]))));
const channelsLast = maxPool2d(nhwc, { kernelSize: 3, stride: 2, dataFormat: 'NHWC', returnIndices: false });
const same = outputShape([5, 5], { kernelSize: 3, stride: 2, padding: 'same' });
let error = '';
try { maxPool2d(x, { kernelSize: 3, stride: 0 }); } catch (e) { error = e.constructor.name + ': ' + e.message; }
export const result = JSON.stringify({ output: Array.from(output.data), indices: Array.from(indices.data), printed: format(output), error,
  channelsLast: { output: Array.from(channelsLast.output.data), shape: channelsLast.output.shape, keys: Object.keys(channelsLast) }, same });
`;
const EXPECTED = {
  output: [5, 5, 6, 3, 7, 7, 7, 7],
  indices: [7, 4, 16, 13, 12, 12, 12, 12],
  printed: '[[[[5. 5.]\n   [6. 3.]]\n\n  [[7. 7.]\n   [7. 7.]]]]',
  error: 'RangeError: stride must be ≥ 1, but got [0, 0]',
  // output above, interleaved by channel ([H, W, C])
  channelsLast: { output: [5, 7, 5, 7, 6, 7, 3, 7], shape: [2, 2, 2], keys: ['output'] },
  same: [3, 3],
};

let installed;
let app;
let files;

/** Starts `npx poolgrad page --port 0` in the app; resolves to { url, stop }. */
function npxPage() {
  // Its own process group, so that stopping it stops npx's child (the server) too.
  const child = spawn('npx', ['poolgrad', 'page', '--port', '0'], { cwd: app, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const stop = () => process.kill(-child.pid);
  return new Promise((done, fail) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) done({ url: m[0], stop });
    });
    child.stderr.on('data', (chunk) => (out += chunk));
    child.on('exit', (code) => fail(new Error(`poolgrad page exited with ${code}: ${out}`)));
  });
}

beforeAll(() => {
  installed = installPacked('poolgrad-pack-');
  ({ app, files } = installed);
}, 120_000);

afterAll(() => installed?.remove());

describe('npm pack tarball', () => {
  it('ships_the_wasm_glue_types_js_built_page_and_readme_images_but_no_sources_or_tests', () => {
    for (const needed of ['package.json', 'README.md', 'js/index.js', 'js/node.js', 'js/index.d.ts', 'dist/poolgrad.mjs', 'dist/poolgrad.wasm',
      'dist/poolgrad-aufgabe7.html', 'web/index.html', 'web/js/main.js', 'web/app/main.js', 'web/vendor/poolgrad/js/index.js', 'web/vendor/poolgrad/dist/poolgrad.wasm',
      'web/vendor/fixtures/pytorch-notebook.json', 'bin/page.js', 'bin/page-server.js']) {
      expect(files).toContain(needed);
    }
    expect(files.filter((f) => /^(cpp|tests|scripts|build|node_modules|web\/vendor\/pyodide)\//.test(f))).toEqual([]);
    // Every file the README links to or shows is in the tarball (the registry page and an offline copy resolve them there).
    const readme = readFileSync(join(app, 'node_modules/poolgrad/README.md'), 'utf8');
    const local = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]).filter((link) => !/^[a-z]+:/.test(link));
    expect(local.length).toBeGreaterThan(3);
    for (const link of local) expect(files, `README links ${link}`).toContain(link.replace(/^\.\//, ''));
  });

  it('depends_only_on_the_pinned_python_runtime_and_metadata_points_home', async () => {
    // Pyodide runs learners' Python in the checker and the page's Python mode; pinned, so a verdict does not change with its releases.
    const manifest = JSON.parse(readFileSync(join(app, 'node_modules/poolgrad/package.json'), 'utf8'));
    expect(manifest.dependencies ?? {}).toEqual({ pyodide: '314.0.7' });
    expect(Object.keys(manifest.exports['.'])[0]).toBe('types');
    expect(manifest.repository.url).toMatch(/^git\+https:\/\/github\.com\/.+\.git$/);
    expect(manifest.homepage).toMatch(/^https:\/\//);
    expect(manifest.bugs.url).toMatch(/^https:\/\/.+\/issues$/);
  });

  it('is_esm_only_require_throws_err_require_esm_where_node_lacks_require_of_esm', () => {
    writeFileSync(join(app, 'client.cjs'), "require('poolgrad');\n");
    // Node 18 (and 20 < 20.19, 22 < 22.12) cannot require an ES module; newer Node can unless told not to, which is how Node 18 is imitated here.
    const node18 = () => run(process.execPath, ['--no-experimental-require-module', 'client.cjs'], app);
    const [major, minor] = process.versions.node.split('.').map(Number);
    const canRequireEsm = major > 22 || (major === 22 && minor >= 12) || (major === 20 && minor >= 19);
    if (canRequireEsm) expect(node18).toThrow(/ERR_REQUIRE_ESM/);
    else expect(() => run(process.execPath, ['client.cjs'], app)).toThrow(/ERR_REQUIRE_ESM/);
    writeFileSync(join(app, 'dynamic.cjs'), "import('poolgrad').then(async (pg) => { await pg.ready(); console.log(JSON.stringify(pg.outputShape([5, 5], { kernelSize: 3, stride: 2 }))); });\n");
    expect(run(process.execPath, ['dynamic.cjs'], app).trim()).toBe('[2,2]');
  });

  it('works_from_node_esm_in_an_empty_folder', () => {
    writeFileSync(join(app, 'client.mjs'), `${CLIENT}\nconsole.log(result);\n`);
    expect(JSON.parse(run(process.execPath, ['client.mjs'], app))).toEqual(EXPECTED);
  });

  it('works_from_a_vite_production_build_in_chromium', async () => {
    writeFileSync(join(app, 'index.html'), '<!doctype html><title>app</title><script type="module" src="./main.js"></script>');
    writeFileSync(join(app, 'main.js'), `${CLIENT}\ndocument.body.dataset.result = result;\n`);
    run(process.execPath, [join(repo, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], app);
    const { server, url } = await serve({ root: join(app, 'dist') });
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    try {
      const page = await browser.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(url);
      await page.waitForFunction(() => document.body.dataset.result, null, { timeout: 20_000 });
      expect(JSON.parse(await page.evaluate(() => document.body.dataset.result))).toEqual(EXPECTED);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
      server.close();
    }
  }, 90_000);

  it('npx_poolgrad_page_serves_the_page_with_python_files_and_it_works_in_chromium', async () => {
    const { url, stop } = await npxPage();
    try {
      const index = await fetch(url);
      expect(index.headers.get('content-type')).toContain('text/html');
      expect(await index.text()).toContain('data-exercise="maxpool-backward"');
      const wasm = await fetch(`${url}vendor/poolgrad/dist/poolgrad.wasm`);
      expect(wasm.headers.get('content-type')).toBe('application/wasm');
      // Python mode's runtime comes from the pyodide dependency, same origin.
      const pyodide = await fetch(`${url}vendor/pyodide/pyodide.mjs`);
      expect(pyodide.status).toBe(200);
      expect(pyodide.headers.get('content-type')).toContain('text/javascript');
      expect((await fetch(`${url}vendor/pyodide/../../../package.json`)).status).toBe(404);
      expect((await fetch(`${url}vendor/pyodide/nothing-here.js`)).status).toBe(404);

      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        const errors = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(url);
        await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
        const unit = '[data-exercise="maxpool-forward"] [data-unit]';
        await page.fill(`${unit} textarea[data-answer]`, EXPECTED.printed);
        await page.click(`${unit} [data-check]`);
        expect(await page.getAttribute(`${unit} [data-verdict]`, 'data-state')).toBe('correct');
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
      }
    } finally {
      stop();
    }
  }, 90_000);

  // Runs where the page has Python mode (web/js/py-worker.js): opening it loads
  // CPython, and every file it asks for must come from the installed package.
  it.skipIf(!existsSync(join(repo, 'web/js/py-worker.js')))('python_mode_loads_cpython_from_the_installed_package', async () => {
    const { url, stop } = await npxPage();
    const browser = await launchChromium();
    try {
      const context = await browser.newContext();
      const failed = [];
      const loaded = new Set();
      await context.route('**/*', async (route) => {
        const response = await route.fetch();
        if (response.status() >= 400) failed.push(`${response.status()} ${route.request().url()}`);
        else loaded.add(new URL(route.request().url()).pathname);
        return route.fulfill({ response });
      });
      const page = await context.newPage();
      await page.goto(url);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
      await page.click('#code-mode-toggle');
      await page.selectOption('select[data-code-language]', 'python');
      const runtime = ['/vendor/pyodide/pyodide.mjs', '/vendor/pyodide/pyodide.asm.wasm', '/vendor/pyodide/python_stdlib.zip'];
      for (let i = 0; i < 900 && !runtime.every((p) => loaded.has(p)); i++) await page.waitForTimeout(100);
      expect(runtime.filter((p) => !loaded.has(p))).toEqual([]);
      expect(failed).toEqual([]);
    } finally {
      await browser.close();
      stop();
    }
  }, 120_000);

  it('the_packed_one_file_page_opens_from_file_url', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(join(app, 'node_modules/poolgrad/dist/poolgrad-aufgabe7.html')).href);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
      expect(await page.$$eval('[data-exercise] [data-unit]', (els) => els.length)).toBeGreaterThan(8);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
