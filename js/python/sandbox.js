// A `node:vm` context in which Pyodide runs believing it is in a browser
// Web Worker. The context has no `process`, `require`, dynamic `import()` or
// network: `fetch` serves only Pyodide's own files from memory. Node only;
// used inside the worker thread of runtime-worker.js.
//
// Host functions never enter the context directly (a host function's
// `.constructor` is the host's `Function`, a way out). Every capability is a
// function compiled *inside* the context that closes over a host function
// taking and returning primitives only; the host side never throws into the
// context and never hands it a host object.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';

// Wherever npm put the dependency (hoisted next to poolgrad or inside it).
const PYODIDE_DIR = new URL('./', pathToFileURL(createRequire(import.meta.url).resolve('pyodide/package.json')));
export const INDEX_URL = 'https://pyodide.invalid/';

// Pyodide's files the context may fetch, by name (read once per thread).
let files;
function pyodideFiles() {
  if (files) return files;
  const read = (name) => readFileSync(new URL(name, PYODIDE_DIR));
  const asm = read('pyodide.asm.mjs').toString('utf8');
  // The ES module becomes a script (contexts get no module loader): the
  // function stays, the export and import.meta go.
  const exportLine = 'export default _createPyodideModule;';
  if (!asm.includes(exportLine)) throw new Error(`pyodide.asm.mjs changed: "${exportLine}" not found; update js/python/sandbox.js`);
  const script = `${asm.replace(exportLine, '').replaceAll('import.meta.url', JSON.stringify(`${INDEX_URL}pyodide.asm.mjs`))}\n_createPyodideModule;`;
  files = {
    loader: read('pyodide.js').toString('utf8'),
    asmScript: script,
    lock: read('pyodide-lock.json').toString('utf8'),
    served: { 'pyodide.asm.wasm': read('pyodide.asm.wasm'), 'python_stdlib.zip': read('python_stdlib.zip') },
  };
  return files;
}

// Runs in the context: builds the browser-worker globals Pyodide needs from
// primitive-only host functions. Kept as source text so it is compiled there.
const SHIMS = String.raw`(function (host) {
  'use strict';
  const g = globalThis;
  const define = (name, value) => Object.defineProperty(g, name, { value, writable: true, configurable: true });
  function WorkerGlobalScope() {}
  Object.defineProperty(WorkerGlobalScope, Symbol.hasInstance, { value: (v) => v === g });
  define('WorkerGlobalScope', WorkerGlobalScope);
  define('self', g);
  define('location', { href: host.indexURL, toString() { return host.indexURL; } });
  class URL {
    constructor(url, base) {
      url = String(url);
      if (!/^[a-z]+:\/\//.test(url)) {
        const b = String(base === undefined ? host.indexURL : base);
        url = b.slice(0, b.lastIndexOf('/') + 1) + url.replace(/^\.\//, '');
      }
      this.href = url;
    }
    toString() { return this.href; }
  }
  define('URL', URL);
  class TextDecoder {
    constructor(label) { this.label = label || 'utf-8'; }
    decode(view) {
      if (view === undefined) return '';
      const bytes = view instanceof Uint8Array ? view : new Uint8Array(view.buffer || view, view.byteOffset || 0, view.byteLength);
      return host.decode(bytes);
    }
  }
  define('TextDecoder', TextDecoder);
  class TextEncoder {
    get encoding() { return 'utf-8'; }
    encode(text) {
      const length = host.encodedLength(String(text));
      const out = new Uint8Array(length);
      host.encodeInto(String(text), out);
      return out;
    }
    encodeInto(text, out) {
      const written = host.encodeInto(String(text), out);
      return { read: String(text).length, written };
    }
  }
  define('TextEncoder', TextEncoder);
  define('performance', { now: () => host.now(), timeOrigin: 0 });
  define('crypto', {
    getRandomValues(view) {
      const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
      for (let i = 0; i < bytes.length; i++) bytes[i] = (Math.random() * 256) | 0;
      return view;
    },
  });
  const timers = new Map();
  let nextTimer = 1;
  define('setTimeout', (fn, ms, ...args) => {
    const id = nextTimer++;
    timers.set(id, () => fn(...args));
    host.setTimer(id, Number(ms) || 0);
    return id;
  });
  define('clearTimeout', (id) => { timers.delete(id); });
  define('setInterval', () => { throw new Error('setInterval is not available in the checker'); });
  define('queueMicrotask', (fn) => { Promise.resolve().then(fn); });
  class Response {
    constructor(name) { this.name = name; this.ok = host.has(name); this.status = this.ok ? 200 : 404; }
    async arrayBuffer() {
      const out = new Uint8Array(host.size(this.name));
      host.copy(this.name, out);
      return out.buffer;
    }
    async text() { return new TextDecoder().decode(new Uint8Array(await this.arrayBuffer())); }
    async json() { return JSON.parse(await this.text()); }
  }
  define('fetch', async (url) => {
    const href = String(url && url.href ? url.href : url);
    const name = href.startsWith(host.indexURL) ? href.slice(host.indexURL.length) : '';
    if (!host.has(name)) throw new TypeError('fetch: the checker has no network (asked for ' + href + ')');
    return new Response(name);
  });
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiateStreaming = async (response, imports) => instantiate(await (await response).arrayBuffer(), imports);
  WebAssembly.compileStreaming = async (response) => WebAssembly.compile(await (await response).arrayBuffer());
  // Memory beyond the limit is refused, so a huge allocation fails inside Python (MemoryError).
  const grow = WebAssembly.Memory.prototype.grow;
  const pageLimit = host.memoryPages;
  WebAssembly.Memory.prototype.grow = function (pages) {
    if (this.buffer.byteLength / 65536 + pages > pageLimit) throw new RangeError('the checker allows no more memory');
    return grow.call(this, pages);
  };
  return { runTimer(id) { const fn = timers.get(id); timers.delete(id); if (fn) fn(); } };
})`;

/**
 * Creates the context and loads Pyodide in it. Options: memoryMb (wasm
 * memory limit), stdout(text)/stderr(text) (host functions taking strings).
 * Resolves to { pyodide, context, dispose } where `pyodide` is the context's
 * API object (only the trusted setup code of runtime-worker.js touches it)
 * and dispose() stops the sandbox's timers once it is no longer used.
 */
export async function createSandbox({ memoryMb = 1024, stdout, stderr, makeSnapshot = false, snapshot }) {
  const { loader, asmScript, lock, served } = pyodideFiles();
  // A null-prototype sandbox object: the context's global falls back to it,
  // and a host Object.prototype there would lead to the host's Function.
  const context = vm.createContext(Object.create(null), { codeGeneration: { strings: true, wasm: true } });
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const safe = (fn, fallback) => (...args) => {
    try {
      return fn(...args);
    } catch {
      return fallback;
    }
  };
  let shims;
  // Host timers of this sandbox, cleared on dispose so a retired sandbox cannot keep itself alive.
  const timers = new Set();
  let disposed = false;
  const host = vm.runInContext('Object.create(null)', context);
  Object.assign(host, {
    indexURL: INDEX_URL,
    memoryPages: Math.floor((memoryMb * 1024 * 1024) / 65536),
    decode: safe((bytes) => decoder.decode(bytes), ''),
    encodedLength: safe((text) => Buffer.byteLength(text, 'utf8'), 0),
    encodeInto: safe((text, out) => encoder.encodeInto(text, out).written, 0),
    now: safe(() => performance.now(), 0),
    has: safe((name) => typeof name === 'string' && Object.hasOwn(served, name), false),
    size: safe((name) => served[name].length, 0),
    copy: safe((name, out) => void Uint8Array.prototype.set.call(out, served[name]), undefined),
    setTimer: safe((id, ms) => {
      if (disposed) return;
      const timer = setTimeout(() => {
        timers.delete(timer);
        safe(() => shims.runTimer(id), undefined)();
      }, ms);
      timers.add(timer);
    }, undefined),
  });
  shims = vm.runInContext(SHIMS, context)(host);
  vm.runInContext(loader, context, { filename: 'pyodide.js' });
  const createPyodideModule = vm.runInContext(asmScript, context, { filename: 'pyodide.asm.js' });
  const print = vm.runInContext('(function (send) { "use strict"; return (text) => send(String(text)); })', context);
  const start = vm.runInContext(
    `(function (options) { 'use strict'; return loadPyodide(options); })`,
    context,
  );
  const options = vm.runInContext('Object.create(null)', context);
  Object.assign(options, {
    indexURL: INDEX_URL,
    lockFileContents: lock,
    packageBaseUrl: INDEX_URL,
    createPyodideModule,
    stdout: print(safe((t) => stdout(t), undefined)),
    stderr: print(safe((t) => stderr(t), undefined)),
    env: vm.runInContext('({ HOME: "/home/learner", PYTHONHASHSEED: "0" })', context),
    checkAPIVersion: true,
  });
  if (makeSnapshot) options._makeSnapshot = true;
  if (snapshot) {
    const copy = new (vm.runInContext('Uint8Array', context))(snapshot.length);
    copy.set(snapshot);
    options._loadSnapshot = copy;
  }
  const pyodide = await start(options);
  const dispose = () => {
    disposed = true;
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
  };
  return { pyodide, context, dispose };
}
