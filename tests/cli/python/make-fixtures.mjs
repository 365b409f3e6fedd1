// Writes the Python fixtures of the check tests from the course notebook's
// text (../shared/seed/aufgabe7-pooling-notebook.txt, not in the package):
// reference.py (the reference solution's function cells), reference.ipynb
// (every code cell, helper calls, the !pip line and the PyTorch cells). The
// typical bugs are made from reference.py at test time (bugs.js).
// Run: node tests/cli/python/make-fixtures.mjs [NOTEBOOK.txt]
import { readFileSync, writeFileSync } from 'node:fs';
import { BUG_REPLACEMENTS, bugVariant } from './bugs.js';

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

writeFileSync(new URL('reference.py', here), reference);
writeFileSync(new URL('reference.ipynb', here), `${JSON.stringify(notebook, null, 1)}\n`);
console.log(`wrote reference.py and reference.ipynb (${cells.length} code cells)`);
// the bug variants follow from the new reference; fail here if one no longer applies
for (const name of Object.keys(BUG_REPLACEMENTS)) bugVariant(name);
