// Records tests/grade/fixtures/reference.ipynb from the course's seed text
// export (markdown, code cells with their reference solution, stored
// outputs): node tests/grade/record-notebook.mjs SEED.txt
import { readFileSync, writeFileSync } from 'node:fs';

const lines = readFileSync(process.argv[2] ?? '/work/shared/seed/aufgabe7-pooling-notebook.txt', 'utf8').split('\n');
const OUTPUT_START = /^(Automatically install|Output Shape Max Pooling:|o_1:|dEdo_0:|Klasse fuer)/;
const MARKDOWN_START = /^(<|---|\*|ODER|Zur |Pakete|Anschlie|\*\*)/;
const cells = [];
let markdown = [];
const flushMarkdown = () => {
  const text = markdown.join('\n').trim();
  if (text) cells.push({ cell_type: 'markdown', metadata: {}, source: text });
  markdown = [];
};
for (let i = 0; i < lines.length; i++) {
  const m = /^In \[(\d+)\]:$/.exec(lines[i]);
  if (!m) {
    // The Verständnisfrage and the learner's answer below it are cells of their own.
    if (/^\*Verst|^<span style="color: #ff0000;">/.test(lines[i])) flushMarkdown();
    markdown.push(lines[i]);
    continue;
  }
  flushMarkdown();
  const code = [];
  let j = i + 1;
  for (; j < lines.length; j++) {
    if (OUTPUT_START.test(lines[j]) || /^In \[/.test(lines[j])) break;
    if (lines[j - 1] === '' && MARKDOWN_START.test(lines[j])) break;
    code.push(lines[j]);
  }
  const output = [];
  if (j < lines.length && OUTPUT_START.test(lines[j])) {
    for (; j < lines.length; j++) {
      if (lines[j] === '') {
        let k = j;
        while (k < lines.length && lines[k] === '') k++;
        if (k >= lines.length || MARKDOWN_START.test(lines[k]) || /^In \[/.test(lines[k])) break;
      }
      output.push(lines[j]);
    }
  }
  while (code.length && code.at(-1).trim() === '') code.pop();
  cells.push({
    cell_type: 'code',
    execution_count: Number(m[1]),
    metadata: {},
    source: code.join('\n'),
    outputs: output.length ? [{ output_type: 'stream', name: 'stdout', text: `${output.join('\n')}\n` }] : [],
  });
  i = j - 1;
}
flushMarkdown();
const nb = { cells, metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' } }, nbformat: 4, nbformat_minor: 5 };
writeFileSync(new URL('./fixtures/reference.ipynb', import.meta.url), `${JSON.stringify(nb, null, 1)}\n`);
console.log(`${cells.filter((c) => c.cell_type === 'code').length} code cells, ${cells.filter((c) => c.cell_type === 'markdown').length} markdown cells`);
