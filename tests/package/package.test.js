// The package as a stranger gets it: `npm pack`, install the tarball into an
// empty folder, import it from Node ESM and from a Vite production build
// running in Chromium — with no configuration of our own.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../../scripts/serve.js';
import { installPacked, repo, run } from '../helpers/packed.js';

// The notebook's max-pooling cell, computed by the installed package.
const CLIENT = `
import { ready, maxPool2d, tensor, format } from 'poolgrad';
await ready();
const x = tensor([[[[1,2,3,4,5],[2,3,5,4,4],[5,1,2,3,1],[4,6,0,2,1],[1,2,1,0,1]],
                   [[1,2,3,4,1],[0,3,1,2,3],[5,4,7,0,1],[1,6,2,2,1],[0,2,3,4,5]]]]);
const { output, indices } = maxPool2d(x, { kernelSize: 3, stride: 2 });
let error = '';
try { maxPool2d(x, { kernelSize: 3, stride: 0 }); } catch (e) { error = e.constructor.name + ': ' + e.message; }
export const result = JSON.stringify({ output: Array.from(output.data), indices: Array.from(indices.data), printed: format(output), error });
`;
const EXPECTED = {
  output: [5, 5, 6, 3, 7, 7, 7, 7],
  indices: [7, 4, 16, 13, 12, 12, 12, 12],
  printed: '[[[[5. 5.]\n   [6. 3.]]\n\n  [[7. 7.]\n   [7. 7.]]]]',
  error: 'RangeError: stride must be ≥ 1, but got [0, 0]',
};

let installed;
let app;
let files;

beforeAll(() => {
  installed = installPacked('poolgrad-pack-');
  ({ app, files } = installed);
}, 120_000);

afterAll(() => installed?.remove());

describe('npm pack tarball', () => {
  it('ships_the_wasm_glue_types_and_js_but_no_sources_or_tests', () => {
    for (const needed of ['package.json', 'README.md', 'js/index.js', 'js/node.js', 'js/index.d.ts', 'dist/poolgrad.mjs', 'dist/poolgrad.wasm']) {
      expect(files).toContain(needed);
    }
    expect(files.filter((f) => /^(cpp|tests|web|scripts|build|node_modules)\//.test(f))).toEqual([]);
  });

  it('depends_only_on_the_pinned_python_runtime', async () => {
    // Pyodide runs learners' Python in the checker; pinned, so a verdict does not change with its releases.
    const { default: manifest } = await import(join(app, 'node_modules/poolgrad/package.json'), { with: { type: 'json' } });
    expect(manifest.dependencies ?? {}).toEqual({ pyodide: '314.0.7' });
    expect(Object.keys(manifest.exports['.'])[0]).toBe('types');
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
});
