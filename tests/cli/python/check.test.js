// `poolgrad check FILE.py|FILE.ipynb` as a learner runs it: same output,
// JSON shape and exit codes as for .mjs files, a clear usage error for a
// malformed notebook. The reference is made by make-fixtures.mjs, the bugs
// by bugs.js.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, failing } from '../run-cli.js';
import { writeBugVariants } from './bugs.js';

const fixture = (name) => fileURLToPath(new URL(`./${name}`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'poolgrad-py-cli-'));
const runs = {};

beforeAll(async () => {
  writeFileSync(join(dir, 'broken.ipynb'), '{"nbformat": 4, "cells": [ {"cell_type": "code", "source": 42} ]}');
  writeFileSync(join(dir, 'notjson.ipynb'), 'PK\u0003\u0004 this is a zip, not a notebook');
  writeFileSync(join(dir, 'nothing.py'), 'print("no functions here")\n');
  writeBugVariants(dir, ['overwrite', 'endless']);
  const cell = (source) => ({ cell_type: 'code', metadata: {}, outputs: [], source });
  writeFileSync(join(dir, 'syntax.ipynb'), JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [cell('%%time\nx = 1\n'), cell('def broken(:\n'), cell('1/0\n')] }));
  // The longest first (the endless loop waits out its deadline), then two at
  // a time, each slot taking the next run as soon as its last one ends: each
  // run starts a Python runtime.
  const jobs = [
    ['endless', ['check', join(dir, 'endless.py'), '--json', '--timeout', '10000']], // the default: a shared machine can be slow
    ['py-json', ['check', fixture('reference.py'), '--json', '--seed', '3']],
    ['ipynb-text', ['check', fixture('reference.ipynb')]],
    ['ipynb-de', ['check', fixture('reference.ipynb'), '--lang', 'de', '--json']],
    ['syntax-de', ['check', join(dir, 'syntax.ipynb'), '--lang', 'de']],
    ['overwrite-json', ['check', join(dir, 'overwrite.py'), '--json']],
    ['broken', ['check', join(dir, 'broken.ipynb')]],
    ['notjson', ['check', join(dir, 'notjson.ipynb'), '--json']],
    ['nothing', ['check', join(dir, 'nothing.py')]],
  ];
  const slot = async () => {
    // a cache of our own: the first runs start Python cold and store its snapshot, the later ones reuse it
    for (let job = jobs.shift(); job; job = jobs.shift()) runs[job[0]] = await cli(job[1], { env: { POOLGRAD_CACHE_DIR: join(dir, 'cache') } });
  };
  await Promise.all([slot(), slot()]);
}, 600_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('poolgrad check FILE.py|FILE.ipynb', () => {
  it('reference_py_passes_with_exit_0_and_the_json_shape_of_mjs_checks', () => {
    const { code, stdout } = runs['py-json'];
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.seed).toBe(3);
    expect(report.results.map((r) => r.name)).toEqual([
      'get_output_shape',
      'maxpool2d',
      'MaxPooling_.forward',
      'MaxPooling_.backprop_yx',
      'MaxPooling.backward_input',
      'AvgPooling.forward',
      'AvgPooling.backward_input',
    ]);
    for (const r of report.results) expect(Object.keys(r).sort()).toEqual(['name', 'passed', 'total']);
    expect(failing(report)).toEqual([]);
    expect(report.notes).toEqual([]);
  });

  it('reference_notebook_passes_with_exit_0_and_a_text_report', () => {
    const { code, stdout, stderr } = runs['ipynb-text'];
    expect(code).toBe(0);
    expect(stdout).toMatch(/^✔ get_output_shape: \d+\/\d+$/m);
    expect(stdout).toMatch(/^✔ AvgPooling\.backward_input: \d+\/\d+$/m);
    expect(stdout).toContain('all 7 checks passed (seed 1)');
    // the cells' printed blocks (check cells, PyTorch cells) are judged as `poolgrad answers` does
    expect(stdout).toMatch(/what your cells printed:\n✔ Output Shape Max Pooling \(In\[5\]/);
    expect(stdout).toMatch(/^✔ o_0\.grad \(In\[17\], PyTorch average pooling backward\)/m);
    expect(stdout).toContain('all 10 judged blocks right');
    expect(stdout).toMatch(/notes on your code:\n  - cell 1: line 4: skipped the IPython line !\{sys\.executable\}/);
    // what the cells printed goes to stderr, stdout stays the report
    expect(stderr).toContain('o_0.grad:');
    expect(stdout).not.toContain('o_0.grad:');
  });

  it('notes_are_worded_in_the_report_language_and_keyed_in_json', () => {
    const report = JSON.parse(runs['ipynb-de'].stdout);
    expect(report.notes).toEqual([expect.stringMatching(/^cell 1: line 4: skipped the IPython line !\{sys\.executable\} -m pip install/)]);
    expect(report.noteKeys).toEqual([{ cell: 1, key: 'ipythonLine', line: 4, command: expect.stringMatching(/^!\{sys\.executable\} -m pip install/) }]);
    const { code, stderr } = runs['syntax-de'];
    expect(code).toBe(2);
    expect(stderr).toMatch(/Hinweise zu deinem Code:\n  - Zelle 1: Zellen-Magic %%time übersprungen \(nur IPython\)\n  - Zelle 2: SyntaxError: .* \(Zeile 1, Spalte \d+\); diese Zelle wurde nicht ausgeführt\n  - Zelle 3: ZeroDivisionError: division by zero \(cell 3, line 1\)/);
  });

  it('a_bug_exits_1_and_names_its_function_with_the_python_call', () => {
    const { code, stdout } = runs['overwrite-json'];
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(failing(report)).toEqual(['MaxPooling.backward_input']);
    const { failure } = report.results.find((r) => r.name === 'MaxPooling.backward_input');
    expect(failure.kind).toBe('mismatch');
    expect(failure.call).toMatch(/^layer = MaxPooling\(kernel_size=\(\d, \d\), stride=\(\d, \d\)\); layer\.forward\(input\); layer\.backward_input\(gradOutput\)$/);
  });

  it('an_endless_loop_times_out_its_function_only', () => {
    const { code, stdout } = runs.endless;
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(failing(report)).toEqual(['MaxPooling.backward_input']);
    expect(report.results.find((r) => r.name === 'MaxPooling.backward_input').failure.kind).toBe('timeout');
  });

  it('a_malformed_notebook_is_a_usage_error_exit_2', () => {
    expect(runs.broken.code).toBe(2);
    expect(runs.broken.stderr).toMatch(/broken\.ipynb: cell 1 of the notebook is malformed: source should be a string or a list of strings/);
    expect(runs.notjson.code).toBe(2);
    expect(runs.notjson.stdout).toBe('');
    expect(runs.notjson.stderr).toMatch(/notjson\.ipynb: the file is not a notebook: it is not valid JSON/);
  });

  it('the_python_runtime_snapshot_is_cached_between_runs', () => {
    expect(readdirSync(join(dir, 'cache'))).toEqual([expect.stringMatching(/^python-snapshot-[0-9a-f]{24}-[0-9a-f]{64}\.bin$/)]);
  });

  it('code_without_the_notebooks_functions_is_a_usage_error_exit_2', () => {
    expect(runs.nothing.code).toBe(2);
    expect(runs.nothing.stderr).toMatch(/nothing\.py defines none of get_output_shape, maxpool2d, MaxPooling_, MaxPooling, AvgPooling/);
  });
});
