// `poolgrad/python`: the parts of the Python checker that run anywhere (no
// Node API), for front ends that bring their own Python runtime — the
// exercise page runs Pyodide in a Web Worker (web/js/py-worker.js) and
// drives it with checkPython like the CLI's worker-thread runtime.
export { checkPython, pythonCall, PYTHON_EXPORTS, SubmissionError, submissionOf } from './check.js';
export { poolgradBridge } from './bridge.js';
export { fromPython, toPython } from './codec.js';
