// Done-when of the Python checker, as a stranger gets it: `npm pack`,
// install the tarball into an empty folder, then `npx poolgrad check` on the
// notebook's reference solution (.py and .ipynb), a bug, and an escape
// attempt that must leave the host untouched.
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installPacked } from '../../helpers/packed.js';
import { cli, failing } from '../run-cli.js';

const HOST_FILE = join(tmpdir(), `poolgrad-packed-escape-${process.pid}`);
const WRONG_SHAPE = 'def get_output_shape(input_shape, kernel_size, stride=(1, 1), padding=(0, 0), dilation=(1, 1)):\n    return (1, 1)\n';
let installed;
let app;
let files;
const npx = (args) => cli(['poolgrad', ...args], { cwd: app, command: 'npx', prefix: [], env: { POOLGRAD_CACHE_DIR: join(app, '.cache') } });

beforeAll(() => {
  installed = installPacked('poolgrad-py-pack-');
  ({ app, files } = installed);
  for (const name of ['reference.py', 'reference.ipynb', 'yx-absolute.py']) copyFileSync(fileURLToPath(new URL(`./${name}`, import.meta.url)), join(app, name));
  writeFileSync(join(app, 'escape.py'), `import os, subprocess\nos.system('touch ${HOST_FILE}')\ntry:\n    subprocess.run(['touch', '${HOST_FILE}'])\nexcept OSError:\n    pass\nopen('${HOST_FILE}', 'w').write('x')\n${WRONG_SHAPE}`);
}, 240_000);
afterAll(() => installed?.remove());

describe('installed tarball, Python', () => {
  it('ships_the_harness_the_stand_ins_and_the_numpy_subset', () => {
    for (const f of ['js/python/sandbox.js', 'js/python/runtime-worker.js', 'python/poolgrad_check/__init__.py', 'python/numpy/__init__.py', 'python/torch/nn/functional.py', 'python/tui_dl4cv/cnn.py']) {
      expect(files).toContain(f);
    }
  });

  it('npx_poolgrad_check_passes_the_reference_py_and_ipynb', async () => {
    const py = await npx(['check', 'reference.py']);
    expect(py.code, py.stderr).toBe(0);
    expect(py.stdout).toContain('all 7 checks passed');
    const notebook = await npx(['check', 'reference.ipynb', '--json']);
    expect(notebook.code, notebook.stderr).toBe(0);
    expect(failing(JSON.parse(notebook.stdout))).toEqual([]);
  }, 300_000);

  it('npx_poolgrad_check_blames_absolute_backprop_yx', async () => {
    const r = await npx(['check', 'yx-absolute.py', '--json']);
    expect(r.code).toBe(1);
    expect(failing(JSON.parse(r.stdout))[0]).toBe('MaxPooling_.backprop_yx');
  }, 300_000);

  it('an_escape_attempt_leaves_the_host_untouched', async () => {
    const r = await npx(['check', 'escape.py', '--json']);
    expect(r.code).toBe(1);
    expect(existsSync(HOST_FILE)).toBe(false);
  }, 300_000);
});
