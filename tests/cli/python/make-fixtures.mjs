// Writes the Python fixtures of the check tests from the course notebook's
// text (../shared/seed/aufgabe7-pooling-notebook.txt, not in the package):
// reference.py (the reference solution's function cells), reference.ipynb
// (every code cell, helper calls, the !pip line and the PyTorch cells), and
// one .py per typical bug, each made from reference.py by one replacement.
// Run: node tests/cli/python/make-fixtures.mjs [NOTEBOOK.txt]
import { readFileSync, writeFileSync } from 'node:fs';

const here = new URL('./', import.meta.url);
const source = process.argv[2] ?? new URL('../../../../shared/seed/aufgabe7-pooling-notebook.txt', import.meta.url);
const text = readFileSync(source, 'utf8');

// A paragraph is code if its first line looks like Python (or an IPython line).
const CODE = /^(\s|#|def |class |import |from |print\(|!|[A-Za-z_][\w.]*\s*(=|\())/;

function codeCells() {
  const cells = [];
  const parts = text.split(/^In \[(\d+)\]:\n/m);
  for (let i = 1; i < parts.length; i += 2) {
    const paragraphs = parts[i + 1].split(/\n\s*\n/);
    const code = [];
    for (const paragraph of paragraphs) {
      if (!CODE.test(paragraph)) break;
      code.push(paragraph);
    }
    cells.push({ number: Number(parts[i]), code: `${code.join('\n\n').trimEnd()}\n` });
  }
  return cells;
}

const cells = codeCells();
const byNumber = (n) => cells.find((c) => c.number === n).code;
const FUNCTIONS = [4, 6, 8, 10, 12];
const reference = `import numpy as np\n\n\n${FUNCTIONS.map(byNumber).join('\n\n')}`;

const notebook = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
  cells: cells.map((c) => ({
    cell_type: 'code',
    execution_count: c.number,
    id: `cell-${c.number}`,
    metadata: {},
    outputs: [],
    // nbformat keeps source as a list of lines, each with its newline
    source: c.code.split(/(?<=\n)/),
  })),
};
notebook.cells.splice(0, 0, { cell_type: 'markdown', id: 'title', metadata: {}, source: ['# Aufgabe 7 - CNN - Backpropagation: Pooling'] });

// Each bug: [file, what to replace in reference.py, replacement].
const BUGS = [
  ['ties-last', 'idx_max = np.argmax(input_window, axis=None)', 'idx_max = input_window.size - 1 - np.argmax(input_window[::-1, ::-1], axis=None)'],
  ['overwrite', 'input_tensor_grad_window[y_max,x_max]+=grad_value', 'input_tensor_grad_window[y_max,x_max]=grad_value'],
  ['avg-divisor', 'grad_value/(h_kernel*w_kernel)', 'grad_value/(h_kernel+w_kernel)'],
  ['rounding', 'return int(h_out), int(w_out)', 'import math\n    return math.ceil(h_out), math.ceil(w_out)'],
  ['stride-ignored', 'vertical = slice(i*h_stride, i*h_stride+h_kernel) # bitte Code ergaenzen <---------------- [Luecke (4)]', 'vertical = slice(i, i+h_kernel)'],
  ['yx-absolute', 'self.backprop_yx[ex,ch,i,j]=(y_max,x_max)', 'self.backprop_yx[ex,ch,i,j]=(y_max+i*h_stride,x_max+j*w_stride)'],
  ['throws', '        input_tensor_grad = np.zeros(self.input_tensor_shape, dtype=\'float32\')\n\n        # Gradienten bestimmen\n        for ex in range(0, n_examples):\n            # fuer jedes Beispiel im Batch\n\n            for ch in range(0, n_channels):\n                # fuer jeden Channel\n\n                for i in range(0, h_output_grad):\n                    # fuer jede y-Position i der Hoehe der Feature Map\n\n                    for j in range(0, w_output_grad):\n                        # fuer jede x-Position j der Breite der Feature Map\n\n                        # Slices `vertical` und `horizontal` fuer relevanten Teil in der\n                        # Feature Map ausgehend von aktueller Position i und j bestimmen\n                        vertical = slice(i*h_stride, i*h_stride+h_kernel) # bitte Code ergaenzen <---------------- [Luecke (16)]', "        raise NotImplementedError('backward_input kommt noch')\n        input_tensor_grad = None\n        if True:\n            if True:\n                if True:\n                    if True:\n                        vertical = None"],
  ['endless', '        # leeren Tensor fuer Gradienten allokieren (alle Werte auf Null)', '        while True:\n            pass\n        # leeren Tensor fuer Gradienten allokieren (alle Werte auf Null)'],
  ['memory', '        # Groesse speichern\n        self.input_tensor_shape = input_tensor.shape\n\n        # Groessen', '        # Groesse speichern\n        self.input_tensor_shape = input_tensor.shape\n        scratch = [0.0] * (10 ** 9)\n\n        # Groessen'],
];

writeFileSync(new URL('reference.py', here), reference);
writeFileSync(new URL('reference.ipynb', here), `${JSON.stringify(notebook, null, 1)}\n`);
for (const [name, from, to] of BUGS) {
  const count = reference.split(from).length - 1;
  if (count !== 1) throw new Error(`bug ${name}: "${from.slice(0, 50)}" should occur once in the reference, but occurs ${count} times`);
  writeFileSync(new URL(`${name}.py`, here), reference.replace(from, to));
}
console.log(`wrote reference.py, reference.ipynb (${cells.length} code cells) and ${BUGS.length} bugs`);
