// The one place grading reaches the Python checker: a pool of Python
// runtimes (js/python/pool.js), each started once and reused, every
// submission isolated inside it.

/**
 * Opens the checker: `{ available, reason?, check({ code | notebookText, filename }), close() }`.
 * When the Python runtime cannot be loaded, `available` is false and
 * `reason` says why; grading then reports the code checks as not run.
 */
export async function openPythonChecker({ jobs, timeoutMs, seed }) {
  let createPythonPool;
  try {
    ({ createPythonPool } = await import('../python/pool.js'));
  } catch (error) {
    return { available: false, reason: `the Python checker could not be loaded: ${error.message}`, check: null, close: async () => {} };
  }
  const pool = await createPythonPool({ jobs, timeoutMs, seed });
  return { available: true, check: (input) => pool.check(input), close: () => pool.close() };
}
