// Measures the Python checker in Node (not a test; timings are never asserted):
//   node tests/python/measure.mjs [N]
// cold start of a runtime (Pyodide + harness + NumPy subset + snapshot), the
// first verdict and the full check of the reference solution (.py and
// .ipynb), and N more submissions through one warm runtime.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import * as poolgrad from '../../js/node.js';
import { checkPython } from '../../js/python/check.js';
import { PythonRuntime } from '../../js/python/runtime.js';

const fixture = (name) => readFileSync(new URL(`../cli/python/${name}`, import.meta.url), 'utf8');
const n = Number(process.argv[2] ?? 10);
const t0 = performance.now();
const ms = (since) => Math.round(performance.now() - since);
await poolgrad.ready();
const runtime = new PythonRuntime();
await runtime.start();
const cold = ms(t0);
let firstVerdict = null;
const t1 = performance.now();
await checkPython({ poolgrad, runtime, submission: { code: fixture('reference.py'), filename: 'reference.py' }, onResult: () => (firstVerdict ??= ms(t0)) });
const py = ms(t1);
const t2 = performance.now();
await checkPython({ poolgrad, runtime, submission: { notebookText: fixture('reference.ipynb'), filename: 'reference.ipynb' } });
const ipynb = ms(t2);
const t3 = performance.now();
for (let i = 0; i < n; i++) await checkPython({ poolgrad, runtime, submission: { notebookText: fixture('reference.ipynb'), filename: 'reference.ipynb' } });
const warm = Math.round(ms(t3) / n);
runtime.stop();
console.log(JSON.stringify({ coldStartMs: cold, firstVerdictMs: firstVerdict, referencePyMs: py, referenceIpynbMs: ipynb, warmIpynbMsEach: warm, n, loadAverage: loadavg().map((l) => l.toFixed(1)).join(' '), node: process.version }));
