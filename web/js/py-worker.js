// Module Web Worker for the page's Python mode: CPython (Pyodide, served
// same-origin from vendor/pyodide/) with the checker's Python harness
// (python/poolgrad_check, the NumPy subset, the tui_dl4cv and torch
// stand-ins, from vendor/python.json). It speaks the protocol of the Node
// runtime (js/python/runtime-worker.js), so js/python/check.js drives both:
//   ← { type: 'ready' } once started | { type: 'start-error', error }
//   → { type: 'load', filename, cells, stubs }  ← { type: 'loaded', exports, notes, output } | { type: 'load-error', error }
//   → { type: 'call', id, target, case }        ← { type: 'result', id, ok, value | error }
// The page terminates this worker at a deadline and takes a fresh one.
//
// Containment: learner code reaches JavaScript only through Pyodide's
// foreign-function interface. `import js` sees an empty object,
// `pyodide_js` is unregistered, WebAssembly memory is capped (a huge
// allocation becomes a MemoryError), and worker-lockdown.js removes the
// worker's ways out (network, storage, other workers, code from strings)
// before any learner code runs; postMessage stays in this module's closure.
// The CSP header this file is served with (scripts/serve.js) is the
// browser's own second line: no 'unsafe-eval', nothing from another origin.
import { loadPyodide } from '../vendor/pyodide/pyodide.mjs';
import * as poolgrad from '../vendor/poolgrad/js/index.js';
import { fromPython, poolgradBridge, toPython } from '../vendor/poolgrad/js/python/browser.js';
import { STUB_PYTHON } from './python-stubs.js';
import { lockDown } from './worker-lockdown.js';

const send = self.postMessage.bind(self);
const VENDOR = new URL('../vendor/', import.meta.url);
const SITE = '/lib/poolgrad';
// Imported before any learner code, as in the Node runtime.
const PRELOAD = ['poolgrad_check', 'numpy', 'tui_dl4cv.cnn', 'torch', 'torch.nn.functional'];
const MEMORY_MB = 1024;

const describe = (error) => (error && error.message ? error.message : String(error));

function capMemory(megabytes) {
  const grow = WebAssembly.Memory.prototype.grow;
  const limit = Math.floor((megabytes * 1024 * 1024) / 65536);
  WebAssembly.Memory.prototype.grow = function (pages) {
    if (this.buffer.byteLength / 65536 + pages > limit) throw new RangeError('the checker allows no more memory');
    return grow.call(this, pages);
  };
}

async function start() {
  capMemory(MEMORY_MB);
  const [py, files] = await Promise.all([
    loadPyodide({ indexURL: new URL('pyodide/', VENDOR).href, jsglobals: Object.create(null), stdout: () => {}, stderr: () => {}, env: { HOME: '/home/learner', PYTHONHASHSEED: '0' } }),
    fetch(new URL('python.json', VENDOR)).then((r) => {
      if (!r.ok) throw new Error(`vendor/python.json: HTTP ${r.status}`);
      return r.json();
    }),
    poolgrad.ready(),
  ]);
  for (const [path, text] of Object.entries(files)) {
    const target = `${SITE}/${path}`;
    py.FS.mkdirTree(target.slice(0, target.lastIndexOf('/')));
    py.FS.writeFile(target, text);
  }
  py.runPython(`import sys\nsys.path.insert(0, ${JSON.stringify(SITE)})\nsys.dont_write_bytecode = True`);
  const bridge = poolgradBridge(poolgrad);
  py.registerJsModule('_poolgrad_bridge', { compute: (text) => bridge(String(text)) });
  // Imported now: learner code runs with JavaScript modules refused (poolgrad_check), the stand-ins still need it.
  for (const name of ['_poolgrad_bridge', ...PRELOAD]) py.pyimport(name);
  py.runPython(STUB_PYTHON);
  const stub = py.globals.get('_poolgrad_stub');
  py.unregisterJsModule('pyodide_js');
  lockDown();
  return { harness: py.pyimport('poolgrad_check'), stub };
}

// Only strings come back from Python; anything else is a broken harness.
function answerOf(reply) {
  if (typeof reply !== 'string') throw new Error('the Python harness answered with something other than text');
  return fromPython(reply);
}

const ready = start();
ready.then(
  () => send({ type: 'ready' }),
  (error) => send({ type: 'start-error', error: `Python could not start: ${describe(error)}` }),
);

self.onmessage = async ({ data }) => {
  let python;
  try {
    python = await ready;
  } catch {
    return; // start-error was sent
  }
  const { harness, stub } = python;
  if (data.type === 'load') {
    try {
      const reply = answerOf(harness.load(toPython({ filename: String(data.filename), cells: data.cells })));
      if (data.stubs?.length) stub(toPython(data.stubs));
      send({ type: 'loaded', exports: reply.exports, notes: reply.notes, output: reply.output });
    } catch (error) {
      send({ type: 'load-error', error: `the Python runtime failed: ${describe(error)}` });
    }
  } else if (data.type === 'call') {
    try {
      const reply = answerOf(harness.call(toPython({ target: data.target, case: data.case })));
      send({ type: 'result', id: data.id, ok: reply.ok === true, value: reply.value, error: reply.error });
    } catch (error) {
      send({ type: 'result', id: data.id, ok: false, error: `the Python runtime stopped: ${describe(error)}` });
      self.onmessage = null; // this interpreter is broken: the page starts another
    }
  }
};
