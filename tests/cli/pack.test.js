// The package as a stranger gets it: `npm pack`, install the
// tarball into an empty folder (its one dependency, pyodide, from the registry), then
// `npx poolgrad …` there.
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answersFile, cli, failing, learner } from './run-cli.js';
import { installPacked } from '../helpers/packed.js';

let installed;
let app;
let files;
const npx = (args, options = {}) => cli(['poolgrad', ...args], { cwd: app, command: 'npx', prefix: [], ...options });

beforeAll(() => {
  installed = installPacked('poolgrad-cli-pack-');
  ({ app, files } = installed);
  for (const name of ['right', 'pad-zero', 'endless']) copyFileSync(learner(name), join(app, `${name}.mjs`));
}, 180_000);

afterAll(() => installed?.remove());

describe('installed tarball', () => {
  it('ships_the_cli_its_worker_and_the_checker_engine', () => {
    for (const f of ['bin/poolgrad.js', 'bin/learner-worker.js', 'bin/words.js', 'js/checker/run.js', 'js/checker/template.js']) expect(files).toContain(f);
    const manifest = JSON.parse(readFileSync(join(app, 'node_modules/poolgrad/package.json'), 'utf8'));
    expect(manifest.bin).toEqual({ poolgrad: './bin/poolgrad.js' });
  });

  it('npx_poolgrad_check_passes_the_right_solution', async () => {
    const r = await npx(['check', 'right.mjs']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('all 7 checks passed');
  }, 120_000);

  it('npx_poolgrad_check_blames_padding_as_zero_on_maxpool2d', async () => {
    const r = await npx(['check', 'pad-zero.mjs', '--json', '--extended']); // padding is beyond the notebook's maxpool2d
    expect(r.code).toBe(1);
    expect(failing(JSON.parse(r.stdout))).toEqual(['maxpool2d']);
  }, 120_000);

  it('npx_poolgrad_check_stops_an_endless_loop', async () => {
    const r = await npx(['check', 'endless.mjs', '--json', '--timeout', '5000']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.results.find((x) => x.name === 'maxpool2d').failure.kind).toBe('timeout');
  }, 120_000);

  it('npx_poolgrad_answers_reads_the_notebook_output_from_stdin', async () => {
    const r = await npx(['answers'], { input: readFileSync(answersFile('notebook-right'), 'utf8') });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('all 10 judged blocks right');
  }, 60_000);

  it('npx_poolgrad_init_writes_the_template', async () => {
    const r = await npx(['init']);
    expect(r.code).toBe(0);
    expect(readFileSync(join(app, 'learner.mjs'), 'utf8')).toContain('npx poolgrad check learner.mjs');
  }, 60_000);
});
