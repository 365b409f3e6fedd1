// A pool of warm Python runtimes for checking many submissions (grading):
// each job is one worker thread holding one runtime; every submission runs
// in a fresh interpreter restored from the runtime's snapshot, so none can
// change another's verdict.
import * as poolgrad from '../node.js';
import { checkPython } from './check.js';
import { PythonRuntime } from './runtime.js';

/**
 * @param {object} [options]
 * @param {number} [options.jobs=2] runtimes (worker threads) checking at once
 * @param {number} [options.timeoutMs=10000] time budget per function of a submission, ms
 * @param {number} [options.seed=1] seed of the random cases
 * @param {number} [options.memoryMb=1024] Python memory per runtime, MB
 * @param {string[]} [options.pythonPath] extra folders of Python packages (tests)
 * @returns {{ check(submission: { code?: string, notebookText?: string, filename?: string }): Promise<{ seed: number, results: object[], notes: string[], output: string } | { usageError: string, notes: string[], output: string }>, close(): void, ready(): Promise<void> }}
 *
 * `check` takes a .py's text as `code` or a .ipynb's text as `notebookText`;
 * it resolves to the engine's results (the notebook's names, failures as in
 * `poolgrad check --json`), the notes on the cells (skipped IPython lines,
 * cells that raised) and what the code printed (capped at 64 KB), or to
 * { usageError } when the code defines none of the notebook's functions.
 * It rejects with a SubmissionError (from ./check.js) for a malformed notebook.
 */
export function createPythonPool({ jobs = 2, timeoutMs = 10_000, seed = 1, memoryMb, pythonPath } = {}) {
  if (!Number.isInteger(jobs) || jobs < 1) throw new RangeError(`jobs should be an integer ≥ 1, but got ${jobs}`);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new RangeError(`timeoutMs should be an integer ≥ 1, but got ${timeoutMs}`);
  const runtimes = Array.from({ length: jobs }, () => new PythonRuntime({ memoryMb, pythonPath }));
  const idle = [...runtimes];
  const queue = [];
  let closed = false;

  const take = () => (idle.length ? Promise.resolve(idle.pop()) : new Promise((resolve) => queue.push(resolve)));
  const give = (runtime) => (queue.length ? queue.shift()(runtime) : idle.push(runtime));

  return {
    /** Starts every runtime (otherwise the first checks start them). */
    ready: () => Promise.all(runtimes.map((r) => r.start())).then(() => {}),
    async check(submission) {
      if (closed) throw new Error('the Python pool is closed');
      const runtime = await take();
      try {
        return await checkPython({ poolgrad, runtime, submission, seed, deadlineMs: timeoutMs });
      } finally {
        give(runtime);
      }
    },
    close() {
      closed = true;
      for (const runtime of runtimes) runtime.stop();
    },
  };
}
