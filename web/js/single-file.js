// The one-file page's versions of served.js (see scripts/build-single.js).
// From file:// a Worker cannot start from a file URL and fetch() of a
// neighbouring file is refused, so the worker's code and the fixture are
// bundled into the page: the worker starts from a Blob URL, as a classic
// worker (Chromium refuses module workers from a Blob in a file:// page).
// POOLGRAD_WORKER_SOURCE (the bundled code-worker.js) and POOLGRAD_FIXTURE
// are constants the build defines; this module exists only in that build.
/* global POOLGRAD_WORKER_SOURCE, POOLGRAD_FIXTURE */

export const SINGLE_FILE = true;

let workerUrl = null;

/** Starts the JavaScript learner worker (bundled); other workers (Python's) need the served page. */
export function spawnWorker(url, name) {
  if (!String(url).endsWith('/code-worker.js')) throw new Error(`${url} needs the served page (npx poolgrad page)`);
  workerUrl ??= URL.createObjectURL(new Blob([POOLGRAD_WORKER_SOURCE], { type: 'text/javascript' }));
  return new Worker(workerUrl, { name });
}

export async function loadTorchFixture() {
  return structuredClone(POOLGRAD_FIXTURE);
}
