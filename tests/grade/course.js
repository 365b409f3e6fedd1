// Generates a course of submissions as a tutor downloads it from Moodle:
// right, buggy, hostile and broken notebooks, as a folder or as a zip.
// Each participant carries what grading must say about it (`expect`).
import { mkdirSync, readFileSync, symlinkSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeZip } from './zip-writer.js';

const REFERENCE = readFileSync(new URL('./fixtures/reference.ipynb', import.meta.url), 'utf8');

/** The course notebook with its reference solution and outputs, as a mutable object. */
export const referenceNotebook = () => JSON.parse(REFERENCE);

const codeCell = (nb, n) => nb.cells.find((c) => c.cell_type === 'code' && c.execution_count === n);

/** Replaces text in the code of cell In[n]; throws when it is not there (the generator must stay true). */
export function editCode(nb, n, from, to) {
  const cell = codeCell(nb, n);
  if (!cell.source.includes(from)) throw new Error(`In[${n}] has no ${JSON.stringify(from)}`);
  cell.source = cell.source.replace(from, to);
  return nb;
}

/** Replaces the stored output of In[n] (null clears it, as if the cell never ran). */
export function setOutput(nb, n, text) {
  codeCell(nb, n).outputs = text === null ? [] : [{ output_type: 'stream', name: 'stdout', text }];
  return nb;
}

export const outputOf = (nb, n) => codeCell(nb, n).outputs[0]?.text ?? '';

/** Writes the learner's answer into the cell after the Verständnisfrage. */
export function setAnswer(nb, text) {
  const at = nb.cells.findIndex((c) => c.cell_type === 'markdown' && c.source.startsWith('*Verst'));
  nb.cells[at + 1].source = text;
  return nb;
}

/** Empties the code of a gap line, keeping its marker comment. */
export function openGap(nb, gap, placeholder = '') {
  const marker = `[Luecke (${gap})]`;
  const cell = nb.cells.find((c) => c.cell_type === 'code' && c.source.includes(marker));
  cell.source = cell.source
    .split('\n')
    .map((line) => {
      if (!line.includes(marker)) return line;
      const indent = /^\s*/.exec(line)[0];
      const target = /^\s*([\w, ]+?)\s*=(?!=)/.exec(line)?.[1];
      return `${indent}${target ? `${target} = ` : ''}${placeholder} # bitte Code ergaenzen <---------------- ${marker}`;
    })
    .join('\n');
  return nb;
}

const json = (nb) => JSON.stringify(nb, null, 1);

export const HOSTILE_TEXT = '</script><script>window.__pwned = 1</script>"><img src=x onerror="window.__pwned = 2"> & <!--';

// Two files in a folder must be told apart by their times ("newest notebook").
const OLD = new Date(2026, 10, 18, 9, 0, 0);
const NEW = new Date(2026, 10, 20, 17, 30, 0);

/**
 * The participants: `{ name, id, files: [{ name, data, date? }], expect }`.
 * `expect`: `status`, `reason` (RegExp), `outputs` ({ block: verdict }),
 * `openGaps`, `answer` (RegExp), `file`, `note` (RegExp), `failing`
 * (functions the Python checks must fail; only where they run).
 */
export function participants() {
  const right = () => json(referenceNotebook());
  const list = [];
  const add = (name, id, files, expect) => list.push({ name, id, files, expect });

  add('Anna Schmidt', '100001', [{ name: 'aufgabe7.ipynb', data: right() }], {
    status: 'graded', outputs: { 'In[7] o_1': 'right', 'In[9] backward_yx': 'right', 'In[11] dEdo_0': 'right', 'In[13] dEdo_0': 'right', 'In[17] o_0.grad': 'right' }, openGaps: [], answer: /lediglich die Größe/, failing: [],
  });
  // Same name, another participant.
  add('Anna Schmidt', '100002', [{ name: 'Aufgabe 7 (1).ipynb', data: json(openGap(openGap(openGap(setOutput(referenceNotebook(), 7, null), 1), 2, 'None'), 7)) }], {
    status: 'graded', outputs: { 'In[7] o_1': undefined, 'In[9] o_1': 'right' }, openGaps: [1, 2, 7],
  });
  {
    // Ties resolved to the last maximum: the printed backward_yx shows it.
    const nb = referenceNotebook();
    editCode(nb, 8, 'idx_max = np.argmax(input_window, axis=None)', 'idx_max = input_window.size - 1 - np.argmax(input_window.ravel()[::-1], axis=None)');
    setOutput(nb, 9, outputOf(nb, 9).replace('backward_yx:\n[[[[[1 2]', 'backward_yx:\n[[[[[2 0]'));
    setAnswer(nb, HOSTILE_TEXT);
    add('Bernd Ties', '100003', [{ name: 'aufgabe7.ipynb', data: json(nb) }], {
      status: 'graded', outputs: { 'In[9] backward_yx': 'wrong', 'In[7] o_1': 'right' }, openGaps: [], answer: /<script>window.__pwned/, failing: ['MaxPooling_.backprop_yx'],
    });
  }
  {
    // The average cell printed the max gradient: judged wrong for In[13], not right for In[11].
    const nb = referenceNotebook();
    setOutput(nb, 13, outputOf(nb, 11).replace(/\n+Klasse fuer.*\n$/, '\n'));
    add('Clara Avg', '100004', [{ name: 'aufgabe7.ipynb', data: json(nb) }], { status: 'graded', outputs: { 'In[11] dEdo_0': 'right', 'In[13] dEdo_0': 'wrong' }, openGaps: [] });
  }
  {
    // `=` instead of `+=`, and a name that a spreadsheet would run as a formula.
    const nb = referenceNotebook();
    editCode(nb, 10, 'input_tensor_grad_window[y_max,x_max]+=grad_value', 'input_tensor_grad_window[y_max,x_max]=grad_value');
    setOutput(nb, 11, outputOf(nb, 11).replace('16.', ' 8.'));
    add('=HYPERLINK("evil.example","x")', '100005', [{ name: 'aufgabe7.ipynb', data: json(nb) }], {
      status: 'graded', outputs: { 'In[11] dEdo_0': 'wrong' }, failing: ['MaxPooling.backward_input'],
    });
  }
  {
    const old = referenceNotebook();
    setOutput(old, 7, outputOf(old, 7).replace('[[[[5. 5.]', '[[[[4. 5.]'));
    add('Dora Mehrfach', '100006', [
      { name: 'entwurf.ipynb', data: json(old), date: OLD },
      { name: 'final.ipynb', data: right(), date: NEW },
      { name: 'notizen.pdf', data: '%PDF-1.4 not a notebook', date: NEW },
    ], { status: 'graded', file: 'final.ipynb', note: /3 files submitted.*graded the newest notebook, final\.ipynb/, outputs: { 'In[7] o_1': 'right' } });
  }
  add('Zoë Ångström-Łukasiewicz', '100007', [{ name: 'lösung ✓.ipynb', data: right() }], { status: 'graded', outputs: { 'In[7] o_1': 'right' }, failing: [] });
  add('李 小龙', '100008', [{ name: 'aufgabe7.py', data: pythonOf(referenceNotebook()) }], { status: 'graded', failing: [] });
  add(HOSTILE_TEXT.replace(/\//g, '∕'), '100009', [{ name: 'a.ipynb', data: right() }], { status: 'graded', outputs: { 'In[7] o_1': 'right' } });

  // Broken files.
  add('Emil Kaputt', '100010', [{ name: 'aufgabe7.ipynb', data: right().slice(0, 5000) }], { status: 'refused', reason: /not valid JSON/ });
  add('Fritz Anders', '100011', [{ name: 'aufgabe6.ipynb', data: json({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: 'code', execution_count: 1, metadata: {}, source: 'def conv2d(x, w):\n    return x @ w', outputs: [] }] }) }], { status: 'refused', reason: /not this exercise's notebook/ });
  add('Greta Leer', '100012', [{ name: 'aufgabe7.ipynb', data: json({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [] }) }], { status: 'refused', reason: /empty notebook/ });
  add('Hans Zip', '100013', [{ name: 'aufgabe7.ipynb', data: writeZip([{ name: 'aufgabe7.ipynb', data: right() }]) }], { status: 'refused', reason: /zip archive, not a notebook/ });
  add('Ida Binär', '100014', [{ name: 'aufgabe7.ipynb', data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0xff, 0xfe]) }], { status: 'refused', reason: /binary data/ });
  {
    // Megabytes of printed output stored in a cell: judged on the capped text, still graded.
    const nb = referenceNotebook();
    setOutput(nb, 3, `${'noise '.repeat(500_000)}\n`);
    add('Jonas Viel', '100015', [{ name: 'aufgabe7.ipynb', data: json(nb) }], { status: 'graded', outputs: { 'In[7] o_1': 'right' } });
  }

  // Hostile code: graded, and each is contained by the Python checker.
  const withCode = (n, from, to) => json(editCode(referenceNotebook(), n, from, to));
  // An endless loop at the top of a cell: one timeout, every function named.
  add('Karl Schleife', '100016', [{ name: 'aufgabe7.ipynb', data: withCode(3, 'import numpy as np', 'import numpy as np\nwhile True:\n    pass') }], { status: 'graded', failing: ['get_output_shape', 'maxpool2d', 'AvgPooling.backward_input'] });
  add('Lena Speicher', '100017', [{ name: 'aufgabe7.ipynb', data: withCode(6, '    return output_tensor', '    hog = [0.5] * 10**9\n    return output_tensor') }], { status: 'graded', failing: ['maxpool2d'] });
  add('Max Druck', '100018', [{ name: 'aufgabe7.ipynb', data: withCode(3, 'import numpy as np', "import numpy as np\nfor _ in range(200):\n    print('x' * 50_000)") }], { status: 'graded', failing: [] });
  add('Nina Ausbruch', '100019', [{ name: 'aufgabe7.ipynb', data: withCode(3, 'import numpy as np', "import numpy as np\nimport os\ntry:\n    os.system('touch /tmp/poolgrad-grade-escaped')\nexcept Exception:\n    pass\ntry:\n    open('/tmp/poolgrad-grade-escaped-2', 'w').write('x')\nexcept Exception:\n    pass") }], { status: 'graded' });
  // Monkey-patches numpy and builtins for everyone after it; the next participant must not notice.
  add('Otto Patcher', '100020', [{ name: 'aufgabe7.ipynb', data: withCode(3, 'import numpy as np', 'import numpy as np\nimport builtins\nnp.max = lambda *a, **k: 0\nnp.argmax = lambda *a, **k: 0\nbuiltins.range = lambda *a: []\nbuiltins.print = lambda *a, **k: None') }], { status: 'graded' });
  {
    // The template handed in untouched: every gap open, so no function is defined.
    const nb = referenceNotebook();
    for (let gap = 1; gap <= 31; gap++) openGap(nb, gap);
    for (const cell of nb.cells) if (cell.cell_type === 'code') cell.outputs = [];
    add('Vera Vorlage', '100028', [{ name: 'aufgabe7.ipynb', data: json(nb) }], { status: 'graded', reason: /defines none of get_output_shape/, openGaps: Array.from({ length: 31 }, (_, i) => i + 1), outputs: { 'In[7] o_1': undefined } });
  }
  add('Otto Zweiter', '100021', [{ name: 'aufgabe7.ipynb', data: right() }], { status: 'graded', failing: [], outputs: { 'In[7] o_1': 'right' } });
  return list;
}

/** The notebook's numpy import and definitions as one plain .py file, as a learner exports them. */
export function pythonOf(nb) {
  return nb.cells.filter((c) => c.cell_type === 'code' && /^(import numpy|def |class )/m.test(c.source) && !/tui_dl4cv/.test(c.source)).map((c) => c.source).join('\n\n\n');
}

export const moodleFolder = (p) => `${p.name}_${p.id}_assignsubmission_file_`;

/** Writes the course as Moodle's folder layout under `dir` (`only`: these ids); returns the participants. */
export function writeCourseFolder(dir, { extras = true, only } = {}) {
  const list = participants().filter((p) => !only || only.includes(p.id));
  for (const p of list) {
    const folder = join(dir, moodleFolder(p));
    mkdirSync(folder, { recursive: true });
    for (const f of p.files) {
      const path = join(folder, f.name);
      writeFileSync(path, f.data);
      if (f.date) utimesSync(path, f.date, f.date);
    }
  }
  if (extras) {
    // 100 MB of output: a sparse file, refused from its size without being read.
    const big = { name: 'Paul Riesig', id: '100022', expect: { status: 'refused', reason: /over the limit of 32\.0 MiB per file/ } };
    mkdirSync(join(dir, moodleFolder(big)), { recursive: true });
    const path = join(dir, moodleFolder(big), 'aufgabe7.ipynb');
    writeFileSync(path, '');
    truncateSync(path, 100 * 1024 * 1024);
    // A link to a file elsewhere on the tutor's machine is not followed.
    const link = { name: 'Quinn Link', id: '100023', expect: { status: 'refused', reason: /symbolic link/ } };
    mkdirSync(join(dir, moodleFolder(link)), { recursive: true });
    symlinkSync('/etc/hostname', join(dir, moodleFolder(link), 'aufgabe7.ipynb'));
    list.push(big, link);
  }
  return list;
}

/**
 * The course as Moodle's zip, with the archive-level attacks too: entries
 * named `../../evil…` and `/etc/…`, an entry twice, a 100 MB bomb and an
 * entry that lies about its size (`only`: these participant ids). Returns
 * `{ zip, participants, hostileEntries }`.
 */
export function courseZip({ extras = true, only } = {}) {
  const list = participants().filter((p) => !only || only.includes(p.id));
  const entries = [];
  for (const p of list) for (const f of p.files) entries.push({ name: `${moodleFolder(p)}/${f.name}`, data: f.data, date: f.date });
  const hostileEntries = [];
  if (extras) {
    const right = json(referenceNotebook());
    hostileEntries.push(
      { name: '../../evil.ipynb', data: right, reason: /zip slip/ },
      { name: '/etc/poolgrad-evil.ipynb', data: right, reason: /zip slip/ },
      { name: 'Rita Doppelt_100024_assignsubmission_file_/../../../escape.ipynb', data: right, reason: /zip slip/ },
    );
    entries.push(...hostileEntries);
    const dup = { name: 'Sven Doppelt', id: '100025' };
    entries.push({ name: `${moodleFolder(dup)}/a.ipynb`, data: right }, { name: `${moodleFolder(dup)}/a.ipynb`, data: right });
    list.push({ ...dup, expect: { status: 'graded' } });
    const bomb = { name: 'Tom Bombe', id: '100026' };
    entries.push({ name: `${moodleFolder(bomb)}/aufgabe7.ipynb`, data: Buffer.alloc(100 * 1024 * 1024) });
    list.push({ ...bomb, expect: { status: 'refused', reason: /zip bomb|over the limit/ } });
    const liar = { name: 'Uwe Lügner', id: '100027' };
    entries.push({ name: `${moodleFolder(liar)}/aufgabe7.ipynb`, data: right, declaredSize: 1000 });
    list.push({ ...liar, expect: { status: 'refused', reason: /beyond its declared/ } });
  }
  return { zip: writeZip(entries), participants: list, hostileEntries };
}
