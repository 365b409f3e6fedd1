// One Python runtime in a worker thread. It loads Pyodide once into a
// sandbox (sandbox.js), imports the harness, NumPy subset and stand-ins, and
// takes a memory snapshot of that state. Every submission then gets a fresh
// sandbox restored from the snapshot (about 0.3 s), so nothing one
// submission does — to numpy, builtins, the harness, even to the JavaScript
// inside the sandbox — reaches the next one.
//
// Protocol with runtime.js (plain data only):
//   → { type: 'load', filename, cells }     ← { type: 'loaded', exports, notes, output } | { type: 'load-error', error }
//   → { type: 'call', id, target, case }   ← { type: 'result', id, ok, value | error }
//   ← { type: 'snapshot', bytes } once, when this worker made the snapshot; then { type: 'ready', coldMs }
import vm from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import { fromPython, toPython } from './codec.js';
import { createSandbox } from './sandbox.js';
import { PYTHON_ROOT, pythonFiles } from './snapshot-cache.js';
import { poolgradBridge } from './bridge.js';
import * as poolgrad from '../node.js';

const SITE = '/lib/poolgrad';
// Imported before the snapshot, so a submission finds them loaded already.
const PRELOAD = ['poolgrad_check', 'numpy', 'tui_dl4cv.cnn', 'torch', 'torch.nn.functional'];

const { memoryMb = 1024, pythonPath = [] } = workerData ?? {};
let snapshot = workerData?.snapshot;
let harness = null;
let current = null; // the sandbox of the submission being checked

function install(pyodide) {
  for (const [path, text] of pythonFiles([PYTHON_ROOT, ...pythonPath])) {
    const target = `${SITE}/${path}`;
    pyodide.FS.mkdirTree(target.slice(0, target.lastIndexOf('/')));
    pyodide.FS.writeFile(target, text);
  }
  pyodide.runPython(`import sys\nsys.path.insert(0, ${JSON.stringify(SITE)})\nsys.dont_write_bytecode = True`);
  for (const name of PRELOAD) {
    try {
      pyodide.pyimport(name);
    } catch {
      // missing now (e.g. no NumPy subset yet): imported by the learner's code, or reported then
    }
  }
}

const quiet = () => {};

async function makeSnapshot() {
  const { pyodide } = await createSandbox({ memoryMb, stdout: quiet, stderr: quiet, makeSnapshot: true });
  install(pyodide);
  const bytes = pyodide.makeMemorySnapshot();
  return Uint8Array.prototype.slice.call(bytes);
}

const bridge = poolgradBridge(poolgrad);

// A fresh interpreter restored from the snapshot, made ahead of time so a
// submission's time budget covers only its own code.
async function freshSandbox() {
  const fresh = await createSandbox({ memoryMb, stdout: quiet, stderr: quiet, snapshot });
  const { pyodide, context } = fresh;
  const wrap = vm.runInContext(
    '(function (compute) { "use strict"; const m = Object.create(null); m.compute = (text) => compute(String(text)); return m; })',
    context,
  );
  pyodide.registerJsModule('_poolgrad_bridge', wrap(bridge));
  // imported now, so the stand-ins find it while learner code runs without JavaScript modules
  pyodide.pyimport('_poolgrad_bridge');
  return { sandbox: fresh, harness: pyodide.pyimport('poolgrad_check') };
}
let spare = null;
const prepare = () => {
  spare = freshSandbox();
  spare.catch(() => {}); // reported when a submission needs it
};

// An error's message as text; errors from the sandbox may carry getters of its own.
function textOf(error) {
  try {
    const message = error && typeof error === 'object' ? error.message : error;
    return typeof message === 'string' ? message : String(message);
  } catch {
    return 'an error that cannot be shown';
  }
}

// Only strings come back from the sandbox; anything else is a broken harness.
function answerOf(reply) {
  if (typeof reply !== 'string') throw new Error('the Python harness answered with something other than text');
  return fromPython(reply);
}

function loadSubmission(message) {
  const reply = answerOf(harness.load(toPython({ filename: String(message.filename), cells: message.cells })));
  return { type: 'loaded', exports: reply.exports, notes: reply.notes, output: reply.output };
}

function callTarget(message) {
  const reply = answerOf(harness.call(toPython({ target: message.target, case: message.case })));
  return { type: 'result', id: message.id, ok: reply.ok === true, value: reply.value, error: reply.error };
}

const started = performance.now();
await poolgrad.ready();
if (!snapshot) {
  snapshot = await makeSnapshot();
  parentPort.postMessage({ type: 'snapshot', bytes: snapshot });
}
prepare();
await spare.catch(() => {});
parentPort.postMessage({ type: 'ready', coldMs: Math.round(performance.now() - started) });

parentPort.on('message', async (message) => {
  if (message.type === 'load') {
    try {
      const next = await spare;
      current?.dispose();
      ({ sandbox: current, harness } = next);
    } catch (error) {
      parentPort.postMessage({ type: 'load-error', error: `the Python runtime failed: ${textOf(error)}` });
      return;
    }
    parentPort.postMessage({ type: 'loading' });
    try {
      parentPort.postMessage(loadSubmission(message));
    } catch (error) {
      parentPort.postMessage({ type: 'load-error', error: `the Python runtime failed: ${textOf(error)}` });
    }
    prepare();
  } else if (message.type === 'call') {
    try {
      parentPort.postMessage(callTarget(message));
    } catch (error) {
      // The runtime itself broke (e.g. the learner's code ended the interpreter): this worker is done.
      parentPort.postMessage({ type: 'result', id: message.id, ok: false, error: `the Python runtime stopped: ${textOf(error)}` });
      process.exit(1);
    }
  }
});
