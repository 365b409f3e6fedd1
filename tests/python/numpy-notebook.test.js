// The notebook's reference solution (cells In [3]..In [14] of the seed
// notebook, copied with their stored outputs into numpy-fidelity.json by
// record_numpy.py), run as written on poolgrad's NumPy subset, prints exactly
// what the notebook shows.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadNumpySubset, readFixture } from './numpy-load.js';

const normalize = (s) => s.split('\n').map((l) => l.trimEnd())
  .filter((l) => !/^Klasse fuer/.test(l)).join('\n').trim();

const cells = readFixture('numpy-fidelity.json').notebook;
let pyodide;

beforeAll(async () => {
  pyodide = await loadNumpySubset();
  pyodide.runPython(`
import contextlib, io
notebook = {}
def print_tensors(tensors, labels):
    if not isinstance(tensors, tuple):
        tensors, labels = (tensors,), (labels,)
    for t, label in zip(tensors, labels):
        print(f'{label}:')
        print(t)
def interactive_check(name, **kwargs):
    pass
notebook.update(print_tensors=print_tensors, interactive_check=interactive_check)
def run_cell(code):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(code, notebook)
    return out.getvalue()
`);
}, 180_000);

describe('the notebook reference solution on the NumPy subset', () => {
  it('finds the solution and check cells in the notebook text', () => {
    expect(cells.map((c) => c.n)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(cells.filter((c) => c.output).map((c) => c.n)).toEqual([5, 7, 9, 11, 13, 14]);
  });

  it('prints every check cell as the notebook stored it (Output Shape, o_1, backward_yx, dEdo_0)', () => {
    const printed = [];
    for (const cell of cells) {
      pyodide.globals.set('cell_code', cell.code);
      const out = pyodide.runPython('run_cell(cell_code)');
      if (cell.output) printed.push({ cell: cell.n, out: normalize(out), want: normalize(cell.output) });
    }
    for (const p of printed) expect({ cell: p.cell, out: p.out }).toEqual({ cell: p.cell, out: p.want });
    expect(printed.map((p) => p.want).join('\n')).toMatch(/backward_yx:\n\[\[\[\[\[1 2\]/);
  });

  it('matches the recorded notebook values (max pooling output, backprop_yx, gradients)', () => {
    const nb = readFixture('notebook.json');
    const got = JSON.parse(pyodide.runPython(`
import json, numpy as np
mp = notebook['MaxPooling'](kernel_size=(3, 3), stride=(2, 2))
x = np.array(${JSON.stringify(nb.maxPool.input)}, dtype=np.float32)
out = mp.forward(x)
grad = mp.backward_input(np.array(${JSON.stringify(nb.maxPool.gradOutput)}, dtype=np.float32))
ap = notebook['AvgPooling'](kernel_size=(3, 3), stride=(2, 2))
ap.forward(np.random.random((1, 2, 5, 5)).astype('float32'))
agrad = ap.backward_input(np.array(${JSON.stringify(nb.avgPool.gradOutput)}, dtype=np.float32))
json.dumps({'output': out.tolist(), 'yx': mp.backprop_yx.tolist(), 'dtype': str(mp.backprop_yx.dtype),
            'grad': grad.tolist(), 'avgGrad': agrad.tolist()})`));
    expect(got.output).toEqual(nb.maxPool.output);
    expect(got.yx).toEqual(nb.maxPool.backpropYX);
    expect(got.dtype).toBe('int64');
    expect(got.grad).toEqual(nb.maxPool.gradInput);
    expect(got.avgGrad).toEqual(nb.avgPool.gradInput);
  });
});
