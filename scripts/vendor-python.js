// Copies what the page's Python mode loads into web/vendor/: Pyodide's
// runtime files (same-origin, no CDN) and the checker's python/ tree as one
// JSON bundle { "relative/path.py": "text" } that the worker writes into
// Pyodide's in-memory file system. `node scripts/vendor-python.js`
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { codeOf, readNotebook } from '../js/checker/ipynb.js';
import { PYTHON_ROOT, pythonFiles } from '../js/python/snapshot-cache.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const pyodide = dirname(createRequire(import.meta.url).resolve('pyodide/package.json'));
const out = join(root, 'web/vendor/pyodide');
// The loader, the interpreter (glue + wasm) and the standard library: all a
// session needs, since the checker loads no Pyodide packages.
const RUNTIME = ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip'];

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const file of RUNTIME) cpSync(join(pyodide, file), join(out, file));
// loadPyodide reads the lock file for its version and ABI only; the package
// list (119 KB) is never used here.
const lock = JSON.parse(readFileSync(join(pyodide, 'pyodide-lock.json'), 'utf8'));
writeFileSync(join(out, 'pyodide-lock.json'), JSON.stringify({ info: lock.info, packages: {} }));

// The same files the Node runtime writes into its interpreter.
const files = existsSync(PYTHON_ROOT) ? Object.fromEntries(pythonFiles([PYTHON_ROOT])) : {};
writeFileSync(join(root, 'web/vendor/python.json'), JSON.stringify(files));
// The notebook's code cells (the check tests' notebook, written from the
// course notebook's text), from which the page derives its Python template.
const notebook = readNotebook(readFileSync(join(root, 'tests/cli/python/reference.ipynb'), 'utf8'));
writeFileSync(join(root, 'web/vendor/aufgabe7-notebook.py'), codeOf(notebook));
const size = RUNTIME.reduce((sum, f) => sum + statSync(join(out, f)).size, 0);
console.log(`vendor-python: ${RUNTIME.length} Pyodide files (${size} bytes), ${Object.keys(files).length} Python files`);
