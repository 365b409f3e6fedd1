// What differs between the served page and the one-file page
// (dist/poolgrad-aufgabe7.html): scripts/build-single.js swaps this module
// for single-file.js, which has the same exports.

/** True in the one-file page, which runs from file:// without a server. */
export const SINGLE_FILE = false;

/** The one place that starts a Worker: a module worker from a same-origin file. */
export function spawnWorker(url, name) {
  return new Worker(url, { type: 'module', name });
}

/** The notebook's two PyTorch cases as recorded by PyTorch ({ torch, cases }). */
export async function loadTorchFixture() {
  const response = await fetch(new URL('../vendor/fixtures/pytorch-notebook.json', import.meta.url));
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}
