// Loads Pyodide with poolgrad's NumPy subset (python/numpy) importable as
// `numpy`, plus any extra Python files the test needs.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadPyodide } from 'pyodide';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SITE = '/home/pyodide/numpy-subset';

export async function loadNumpySubset(extraFiles = []) {
  const pyodide = await loadPyodide();
  pyodide.FS.mkdirTree(`${SITE}/numpy`);
  for (const name of readdirSync(`${root}python/numpy`)) {
    if (name.endsWith('.py')) {
      pyodide.FS.writeFile(`${SITE}/numpy/${name}`, readFileSync(`${root}python/numpy/${name}`, 'utf8'));
    }
  }
  for (const file of extraFiles) {
    pyodide.FS.writeFile(`${SITE}/${file.split('/').pop()}`, readFileSync(`${root}${file}`, 'utf8'));
  }
  pyodide.runPython(`import sys; sys.path.insert(0, ${JSON.stringify(SITE)})`);
  return pyodide;
}

export function readFixture(name) {
  return JSON.parse(readFileSync(`${root}tests/fixtures/${name}`, 'utf8'));
}
