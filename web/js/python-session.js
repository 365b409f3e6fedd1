// The page's side of Python mode: CPython workers (py-worker.js) that the
// checker's engine talks to through js/checker/session.js.
//
// Starting CPython in a worker takes seconds (measured in docs/python.md),
// so a worker is reused from one function to the next while it is healthy
// (each load gets a fresh module namespace), and one spare is always
// starting in the background: when a deadline terminates the worker in use,
// the next function takes the spare instead of waiting for a new start.
// Start-up time never counts against the learner's deadline: the page waits
// for `ready()` before the checks begin.

import { PYTHON_NAMES } from './python-adapter.js';

const WORKER = new URL('./py-worker.js', import.meta.url);
const FLOATS = { nan: NaN, inf: Infinity, '-inf': -Infinity };
// Non-finite floats arrive as {"$float": …} (JSON has no NaN).
const revive = (value) =>
  Array.isArray(value) ? value.map(revive) : value && typeof value === 'object' && '$float' in value ? FLOATS[value.$float] : value;

export { PYTHON_NAMES };

/** The checker's target name as the notebook spells it. */
export const pythonName = (target) => PYTHON_NAMES[target] ?? target;

/**
 * A pool of CPython workers. `spawn(url)` creates a module Worker (the page's
 * one place that does, see code-mode.js); `connect` is session.js's.
 */
export function createPythonPool({ spawn, connect }) {
  const start = () => {
    const worker = spawn(WORKER, 'poolgrad-python');
    const entry = { worker, dead: false, listener: null };
    entry.started = new Promise((resolve, reject) => {
      worker.onmessage = ({ data }) => {
        if (data.type === 'started') resolve(entry);
        else if (data.type === 'start-error') reject(new Error(data.error));
        else entry.listener?.onMessage(data);
      };
      worker.onerror = (event) => {
        event.preventDefault();
        const error = new Error(event.message || 'the Python worker failed');
        entry.dead = true;
        reject(error);
        entry.listener?.onError(error);
      };
    });
    entry.started.catch(() => {});
    return entry;
  };
  let current = null;
  let spare = null;
  const kill = (entry) => {
    entry.dead = true;
    entry.worker.terminate();
  };
  const take = () => {
    if (current && !current.dead) return current;
    current = spare ?? start();
    spare = start();
    return current;
  };

  return {
    /** Starts CPython (if not yet) and resolves once a worker can take code. */
    ready: () => take().started,
    /** An openSession for runChecks: loads `source`, with the `stubs()` targets replaced by failing stand-ins. */
    openSession: (source, stubs) => async (timeoutMs) => {
      const entry = await take().started;
      const session = connect(
        {
          post: (m) => entry.worker.postMessage(m),
          listen: (onMessage, onError) => {
            entry.listener = { onMessage: (m) => onMessage(m.type === 'result' && m.ok ? { ...m, value: revive(m.value) } : m), onError };
          },
          terminate: () => kill(entry),
        },
        timeoutMs,
      );
      entry.worker.postMessage({ type: 'load', source, stubs: stubs() });
      // Closing hands the worker back to the pool: the next function reuses this CPython.
      return session.then((s) => ({ ...s, close: () => (entry.listener = null) }));
    },
    /** Stops every worker (leaving Python mode, or the page). */
    stop() {
      for (const entry of [current, spare]) if (entry) kill(entry);
      current = spare = null;
    },
  };
}
