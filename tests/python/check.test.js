// The learner's own Python, checked by the JavaScript engine through the
// Pyodide runtime: the notebook's reference solution passes as .py and as
// .ipynb (helper calls, !pip line, PyTorch cells and all), each typical bug is
// blamed on its function, and one submission cannot change the next one's
// verdict. Fixtures: tests/cli/python/ (made by make-fixtures.mjs).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SubmissionError } from '../../js/python/check.js';
import { createPythonPool } from '../../js/python/pool.js';

const fixture = (name) => readFileSync(new URL(`../cli/python/${name}`, import.meta.url), 'utf8');
const NAMES = [
  'get_output_shape',
  'maxpool2d',
  'MaxPooling_.forward',
  'MaxPooling_.backprop_yx',
  'MaxPooling.backward_input',
  'AvgPooling.forward',
  'AvgPooling.backward_input',
];
const failing = (report) => report.results.filter((r) => r.passed !== r.total).map((r) => r.name);
const byName = (report) => Object.fromEntries(report.results.map((r) => [r.name, r]));

// Each bug and exactly the functions it must fail (a function that calls a
// broken get_output_shape fails too, so `rounding` names only the first).
const BUGS = {
  'ties-last': { fails: ['MaxPooling_.backprop_yx', 'MaxPooling.backward_input'], kind: 'mismatch' },
  overwrite: { fails: ['MaxPooling.backward_input'], kind: 'mismatch' },
  'avg-divisor': { fails: ['AvgPooling.backward_input'], kind: 'mismatch' },
  'stride-ignored': { fails: ['maxpool2d'], kind: 'mismatch' },
  'yx-absolute': { fails: ['MaxPooling_.backprop_yx', 'MaxPooling.backward_input'], kind: 'mismatch' },
  throws: { fails: ['MaxPooling.backward_input'], kind: 'error', error: /^NotImplementedError: backward_input kommt noch \(throws\.py, line \d+\)$/ },
  endless: { fails: ['MaxPooling.backward_input'], kind: 'timeout' },
  memory: { fails: ['AvgPooling.forward', 'AvgPooling.backward_input'], kind: 'error', error: /^MemoryError/ },
};

let pool;
const reports = {};

beforeAll(async () => {
  pool = createPythonPool({ jobs: 2, timeoutMs: 10_000 });
  const jobs = [
    ['reference.py', { code: fixture('reference.py'), filename: 'reference.py' }],
    ['reference.ipynb', { notebookText: fixture('reference.ipynb'), filename: 'reference.ipynb' }],
    ['rounding', { code: fixture('rounding.py'), filename: 'rounding.py' }],
    // gap (30) filled wrongly: a 2x2 window in the PyTorch cell
    ['torch-gap', { notebookText: fixture('reference.ipynb').replace('F.max_pool2d(o_0, kernel_size=(3,3), stride=(2,2))', 'F.max_pool2d(o_0, kernel_size=(2,2), stride=(2,2))'), filename: 'gap30.ipynb' }],
    ...Object.keys(BUGS).map((name) => [name, { code: fixture(`${name}.py`), filename: `${name}.py` }]),
  ];
  await Promise.all(jobs.map(async ([key, submission]) => (reports[key] = await pool.check(submission))));
}, 600_000);
afterAll(() => pool?.close());

describe('the reference solution', () => {
  it('passes_every_function_as_a_py_file', () => {
    const report = reports['reference.py'];
    expect(report.results.map((r) => r.name)).toEqual(NAMES);
    for (const r of report.results) {
      expect(r.failure, r.name).toBeUndefined();
      expect(r.passed).toBe(r.total);
      expect(r.total).toBeGreaterThan(40);
    }
    expect(report.notes).toEqual([]);
  });

  it('passes_every_function_as_the_notebook_with_helper_calls_pip_and_pytorch_cells', () => {
    const report = reports['reference.ipynb'];
    expect(failing(report)).toEqual([]);
    // the !pip line is skipped with a note, and no cell failed
    expect(report.notes).toEqual([expect.stringMatching(/^cell 1: line 4: skipped the IPython line !\{sys\.executable\} -m pip install/)]);
  });

  it('runs_the_notebook_cells_as_written_printing_as_the_notebook_shows', () => {
    const { output } = reports['reference.ipynb'];
    expect(output).toContain('Output Shape Max Pooling:\n (2, 2)\nOutput Shape:\n (4, 9)\n');
    expect(output).toContain('o_1:\n[[[[5. 5.]\n   [6. 3.]]\n\n  [[7. 7.]\n   [7. 7.]]]]\n');
    expect(output).toContain('backward_yx:\n[[[[[1 2]\n    [0 2]]\n\n   [[1 1]\n    [0 1]]]\n\n\n  [[[2 2]\n    [2 0]]\n\n   [[0 2]\n    [0 0]]]]]\n');
    expect(output).toContain('dEdo_0:\n[[[[ 0.  0.  0.  0.  1.]\n   [ 0.  0.  3.  0.  0.]\n   [ 0.  0.  0.  6.  0.]\n   [ 0.  2.  0.  0.  0.]\n   [ 0.  0.  0.  0.  0.]]\n\n  [[ 0.  0.  0.  0.  0.]\n   [ 0.  0.  0.  0.  0.]\n   [ 0.  0. 16.  0.  0.]');
    // interactive_check('maxpool') and ('avgpool') judged the classes against poolgrad
    expect(output).toContain("Klasse fuer MaxPooling 'MaxPooling':\n  ✔ richtig / correct");
    expect(output).toContain("Klasse fuer AveragePooling 'AvgPooling':\n  ✔ richtig / correct");
  });

  it('runs_the_pytorch_cells_with_the_torch_stand_in_computed_by_poolgrad', () => {
    const { output } = reports['reference.ipynb'];
    // gap (30): F.max_pool2d and o_1.backward(dedo_1) give the notebook's o_1 and o_0.grad
    expect(output).toContain('o_1:\n[[[[5. 5.]\n   [6. 3.]]\n\n  [[7. 7.]\n   [7. 7.]]]]\no_0.grad:\n[[[[ 0.  0.  0.  0.  1.]');
    // gap (31): F.avg_pool2d's gradient is the notebook's, whatever torch.rand drew
    expect(output).toContain('o_0.grad:\n[[[[ 2.  2.  3.  1.  1.]\n   [ 2.  2.  3.  1.  1.]\n   [ 2.  2.  2.  0.  0.]\n   [ 0.  0. -1. -1. -1.]\n   [ 0.  0. -1. -1. -1.]]\n\n  [[ 1.  1.  2.  1.  1.]');
    expect(output.match(/^o_0\.grad:$/gm)).toHaveLength(2);
  });
});

describe('what the cells print is judged too (check cells, PyTorch gaps 30 and 31)', () => {
  it('the_reference_notebook_prints_every_block_right', () => {
    const verdicts = reports['reference.ipynb'].answers.blocks.map((b) => `${b.cell} ${b.label} ${b.verdict}`);
    expect(verdicts).toEqual([
      'In[5] Output Shape Max Pooling right',
      'In[5] Output Shape right',
      'In[7] o_1 right',
      'In[9] o_1 right',
      'In[9] backward_yx right',
      'In[11] dEdo_0 right',
      'In[13] dEdo_0 right',
      'In[16] o_1 right',
      'In[16] o_0.grad right',
      'In[17] o_1 not-judged', // torch.rand input
      'In[17] o_0.grad right',
    ]);
  });

  it('a_wrong_pytorch_call_in_gap_30_is_caught_in_its_printed_output', () => {
    const report = reports['torch-gap'];
    expect(failing(report)).toEqual([]);
    const wrong = report.answers.blocks.filter((b) => b.verdict !== 'right' && b.verdict !== 'not-judged').map((b) => `${b.cell} ${b.label} ${b.verdict}`);
    expect(wrong).toEqual(['In[16] o_1 wrong', 'In[16] o_0.grad wrong']);
  });

  it('a_py_file_without_check_cells_has_no_printed_blocks', () => {
    expect(reports['reference.py'].answers).toBeUndefined();
  });
});

describe('typical bugs are blamed on their function', () => {
  for (const [name, bug] of Object.entries(BUGS)) {
    it(`${name}_fails_${bug.fails.join('_and_')}`, () => {
      const report = reports[name];
      expect(failing(report)).toEqual(bug.fails);
      const first = byName(report)[bug.fails[0]].failure;
      expect(first.kind).toBe(bug.kind);
      if (bug.error) expect(first.error).toMatch(bug.error);
    });
  }

  it('ceil_in_the_output_size_fails_get_output_shape_on_the_smallest_case', () => {
    const shape = byName(reports.rounding).get_output_shape;
    expect(shape.failure.kind).toBe('mismatch');
    expect(shape.failure.call).toMatch(/^get_output_shape\(input_shape=\(\d+, \d+\), kernel_size=\(\d+, \d+\)/);
    expect(shape.failure.shrinkSteps).toBeGreaterThan(0);
  });

  it('a_failure_shows_the_learners_python_call_and_the_smallest_case', () => {
    const failure = byName(reports['ties-last'])['MaxPooling_.backprop_yx'].failure;
    expect(failure.call).toMatch(/^layer = MaxPooling_\(kernel_size=\(\d, \d\), stride=\(\d, \d\)\); layer\.forward\(input\); layer\.backprop_yx$/);
    expect(failure.expected).not.toEqual(failure.actual);
    expect(failure.shrinkSteps).toBeGreaterThan(0);
  });
});

describe('isolation between submissions', () => {
  // Breaks numpy, builtins, the harness, the stand-ins and the sandbox's
  // JavaScript; then defines nothing right.
  const SABOTEUR = `
import builtins, gc, sys
import numpy as np
import poolgrad_check, tui_dl4cv.cnn, torch
np.argmax = lambda a, axis=None: 0
np.zeros = np.ones
np.ndarray.__iadd__ = lambda self, other: self
np.float32 = np.int64
builtins.range = lambda *args: iter(())
builtins.int = lambda x=0: 7
builtins.tuple = list
poolgrad_check.plain = lambda value: [[0]]
poolgrad_check.TARGETS.clear()
tui_dl4cv.cnn.print_tensors = None
torch.tensor = None
sys.modules['numpy'] = None
js = next(d for d in gc.get_objects() if isinstance(d, dict) and 'js' in d and 'pyodide_js' in d)['js']
js.eval('JSON.parse = () => ({ ok: true }); Array.prototype.map = function () { return []; }')
def get_output_shape(input_shape, kernel_size, stride=(1, 1), padding=(0, 0), dilation=(1, 1)):
    return (1, 1)
`;

  it('a_submission_that_monkey_patches_everything_does_not_change_the_next_verdict', async () => {
    const isolated = createPythonPool({ jobs: 1, timeoutMs: 10_000 });
    try {
      const sabotaged = await isolated.check({ code: SABOTEUR, filename: 'saboteur.py' });
      expect(byName(sabotaged).get_output_shape.passed).toBeLessThan(byName(sabotaged).get_output_shape.total);
      const after = await isolated.check({ code: fixture('reference.py'), filename: 'reference.py' });
      expect(after.results).toEqual(reports['reference.py'].results);
      const bugAfter = await isolated.check({ code: fixture('overwrite.py'), filename: 'overwrite.py' });
      expect(bugAfter.results).toEqual(reports.overwrite.results);
    } finally {
      isolated.close();
    }
  }, 300_000);
});

describe('inputs', () => {
  it('a_malformed_notebook_is_refused_with_a_clear_error', async () => {
    await expect(pool.check({ notebookText: '{"cells": [', filename: 'broken.ipynb' })).rejects.toThrow(SubmissionError);
    await expect(pool.check({ notebookText: '{"cells": [', filename: 'broken.ipynb' })).rejects.toThrow(/^broken\.ipynb: the file is not a notebook: it is not valid JSON/);
    await expect(pool.check({ notebookText: '{"nbformat": 3, "worksheets": []}', filename: 'old.ipynb' })).rejects.toThrow(/nbformat 4, but it is in nbformat 3/);
  });

  it('code_without_the_notebooks_functions_is_a_usage_error_with_the_cells_notes', async () => {
    const report = await pool.check({ code: 'print("hallo")\n1/0\n', filename: 'empty.py' });
    expect(report.usageError).toBe('empty.py defines none of get_output_shape, maxpool2d, MaxPooling_, MaxPooling, AvgPooling');
    expect(report.output).toBe('hallo\n');
    expect(report.notes).toEqual(['empty.py: ZeroDivisionError: division by zero (empty.py, line 2)']);
  }, 60_000);

  it('ipython_magics_and_a_syntax_error_are_noted_and_the_other_cells_still_run', async () => {
    const notebook = JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [
        { cell_type: 'code', metadata: {}, outputs: [], source: ['%matplotlib inline\n', '!pip install numpy\n', 'x = 1\n'] },
        { cell_type: 'code', metadata: {}, outputs: [], source: '%%time\nwhile True: pass\n' },
        { cell_type: 'code', metadata: {}, outputs: [], source: 'def broken(:\n' },
        { cell_type: 'code', metadata: {}, outputs: [], source: 'def get_output_shape(input_shape, kernel_size, stride=(1, 1), padding=(0, 0), dilation=(1, 1)):\n    return (x, x)\n' },
      ],
    });
    const report = await pool.check({ notebookText: notebook, filename: 'magic.ipynb' });
    expect(report.notes).toEqual([
      'cell 1: line 1: skipped the IPython line %matplotlib inline',
      'cell 1: line 2: skipped the IPython line !pip install numpy',
      'cell 2: skipped the cell magic %%time (IPython only)',
      expect.stringMatching(/^cell 3: SyntaxError: .* \(line 1, column \d+\); this cell was not run$/),
    ]);
    expect(byName(report).get_output_shape.failure.kind).toBe('mismatch');
    expect(byName(report).maxpool2d.failure.message).toBe('maxpool2d is not defined (expected a function maxpool2d as in the notebook)');
  }, 120_000);
});
