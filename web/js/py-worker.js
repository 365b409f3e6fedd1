// Module Web Worker for the page's Python mode: CPython (Pyodide, served
// same-origin from vendor/pyodide/) runs the learner's code here and answers
// the checker's calls with the protocol of js/checker/session.js:
//   { type: 'load', source, stubs } → { type: 'ready', exports } | { type: 'load-error', error }
//   { type: 'call', id, target, case } → { type: 'result', id, ok, value | error }
// One worker serves several loads (starting CPython takes seconds); the page
// terminates it at a deadline and starts a fresh one.
//
// Containment: the learner's Python reaches JavaScript only through Pyodide's
// foreign-function interface. Before any learner code runs, this worker
// removes from its own global scope everything that reaches outside it
// (network, storage, other workers, eval) and keeps the one way back to the
// page, postMessage, in this module's closure; `import js` sees an empty
// object and `pyodide_js` is unregistered (worker-lockdown.js). Served with
// its own CSP header (script-src 'self' 'wasm-unsafe-eval', see
// docs/python.md) the browser refuses eval and other origins too.
import { loadPyodide } from '../vendor/pyodide/pyodide.mjs';
import { ADAPTER } from './python-adapter.js';
import { lockDown } from './worker-lockdown.js';

const send = self.postMessage.bind(self);
const VENDOR = new URL('../vendor/', import.meta.url);

const describe = (error) => (error && error.message ? error.message : String(error));

async function start() {
  const [py, files] = await Promise.all([
    loadPyodide({ indexURL: new URL('pyodide/', VENDOR).href, jsglobals: Object.create(null), stdout: () => {}, stderr: () => {} }),
    fetch(new URL('python.json', VENDOR)).then((r) => {
      if (!r.ok) throw new Error(`vendor/python.json: HTTP ${r.status}`);
      return r.json();
    }),
  ]);
  const home = '/home/pyodide/poolgrad';
  for (const [path, text] of Object.entries(files)) {
    const full = `${home}/${path}`;
    py.FS.mkdirTree(full.slice(0, full.lastIndexOf('/')));
    py.FS.writeFile(full, text);
  }
  py.FS.mkdirTree(home);
  py.runPython(`import sys\nsys.path.insert(0, ${JSON.stringify(home)})`);
  py.runPython(ADAPTER);
  const adapter = py.globals.get('_poolgrad_adapter');
  py.unregisterJsModule('pyodide_js');
  lockDown();
  return adapter;
}

const ready = start();
ready.then(
  () => send({ type: 'started' }),
  (error) => send({ type: 'start-error', error: `Python could not start: ${describe(error)}` }),
);

self.onmessage = async ({ data }) => {
  let adapter;
  try {
    adapter = await ready;
  } catch (error) {
    send({ type: data.type === 'load' ? 'load-error' : 'result', id: data.id, ok: false, error: `Python could not start: ${describe(error)}` });
    return;
  }
  if (data.type === 'load') {
    const reply = JSON.parse(adapter.load(data.source, JSON.stringify(data.stubs ?? [])));
    send(reply.ok ? { type: 'ready', exports: reply.exports } : { type: 'load-error', error: reply.error });
  } else if (data.type === 'call') {
    const reply = JSON.parse(adapter.call(data.target, JSON.stringify(data.case)));
    send({ type: 'result', id: data.id, ...reply });
  }
};
