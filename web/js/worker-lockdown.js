// Seals a learner worker before learner code runs: removes from the worker's
// global scope everything that reaches outside it (network, storage, other
// workers) and the ways to make code from strings. The worker keeps what it
// needs (postMessage, Worker) by taking them before calling lockDown().
// A CSP header on the worker script (see scripts/serve.js) is the second
// line: it also stops import() of another origin, which no global controls.

const OUTWARD = ['fetch', 'XMLHttpRequest', 'WebSocket', 'WebSocketStream', 'EventSource', 'WebTransport', 'importScripts',
  'Worker', 'SharedWorker', 'BroadcastChannel', 'indexedDB', 'caches', 'cookieStore', 'postMessage', 'close',
  'navigator', 'Notification', 'webkitRequestFileSystem', 'webkitResolveLocalFileSystemURL'];

const refuse = function () {
  throw new EvalError('making code from strings is not available while checking');
};

export function lockDown(scope = globalThis) {
  // WebIDL operations live on the prototypes (WorkerGlobalScope.prototype.fetch), so each level goes.
  for (let level = scope; level && level !== Object.prototype; level = Object.getPrototypeOf(level)) {
    for (const name of OUTWARD) {
      if (!Object.prototype.hasOwnProperty.call(level, name)) continue;
      try {
        delete level[name];
      } catch {
        /* not configurable: overwritten below */
      }
      if (Object.prototype.hasOwnProperty.call(level, name)) {
        try {
          Object.defineProperty(level, name, { value: undefined, writable: false, configurable: false });
        } catch {
          /* left: the worker's CSP header still applies */
        }
      }
    }
  }
  // Code from strings: eval and Function refuse (Pyodide still tests
  // `x instanceof Function`, so the stand-in keeps Function.prototype), and
  // every function's .constructor leads to the stand-in.
  refuse.prototype = Function.prototype;
  for (const name of ['eval', 'Function']) {
    Object.defineProperty(scope, name, { value: refuse, writable: false, configurable: false });
  }
  for (const make of [function () {}, async function () {}, function* () {}, async function* () {}]) {
    Object.defineProperty(Object.getPrototypeOf(make), 'constructor', { value: refuse, writable: false, configurable: false });
  }
}
