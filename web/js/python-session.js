// The page's Python runtime: the same interface as the Node one
// (js/python/runtime.js: start, worker, load, call, stop), backed by Web
// Workers running py-worker.js, so js/python/check.js — and through it the
// engine's runChecks — checks Python in the page exactly as in the CLI.
//
// Starting CPython in a worker takes seconds (docs/python.md), so one spare
// worker is always starting in the background: a deadline that terminates
// the worker in use, or a new run (each run gets an interpreter nothing ran
// in before), takes the spare instead of waiting for a start. A function that
// timed out is replaced in later loads by one failing at once (python-stubs.js),
// so an endless loop in get_output_shape costs one deadline, not one for each
// function that calls it.
import { Timeout, WorkerGone } from '../vendor/poolgrad/js/checker/index.js';

const WORKER = new URL('./py-worker.js', import.meta.url);

/**
 * `spawn(url, name)` starts a module Worker (code-panel.js's one place for
 * that); `stubMessage(target)` words the error of a function that ran out of
 * time, in the page's language.
 */
export class BrowserPythonRuntime {
  constructor({ spawn, stubMessage }) {
    this.spawn = spawn;
    this.stubMessage = stubMessage;
    this.worker = null;
    this.started = null;
    this.spare = null;
    this.used = false; // a submission was loaded into the current worker
    this.waiting = null;
    this.timedOut = new Set();
  }

  // A worker starting CPython; resolves once it is ready.
  launch() {
    const worker = this.spawn(WORKER, 'poolgrad-python');
    const entry = { worker };
    entry.started = new Promise((resolve, reject) => {
      worker.onmessage = ({ data }) => {
        if (data.type === 'ready') resolve(entry);
        else if (data.type === 'start-error') reject(new Error(data.error));
        else if (this.worker === worker && this.waiting?.match(data)) {
          const { resolve: answer } = this.waiting;
          this.waiting = null;
          answer(data);
        }
      };
      worker.onerror = (event) => {
        event.preventDefault();
        const reason = event.message || 'the Python worker failed';
        reject(new Error(reason));
        if (this.worker === worker) {
          this.stop();
          // stop() already failed the waiting request; nothing else to do
        }
      };
    });
    entry.started.catch(() => {});
    return entry;
  }

  /** Resolves when the runtime can take a submission (starts CPython if needed). */
  start() {
    if (this.started) return this.started;
    const entry = this.spare ?? this.launch();
    this.spare = null;
    this.worker = entry.worker;
    this.used = false;
    this.started = entry.started.then(() => {
      // The next one starts once this one is up, not alongside (two cold starts share the CPU).
      if (!this.spare) this.spare = this.launch();
    });
    this.started.catch(() => {
      if (this.worker === entry.worker) this.stop();
    });
    return this.started;
  }

  /** A new run: an interpreter that nothing ran in before, and no function counted as timed out. */
  fresh() {
    this.timedOut.clear();
    if (this.used) this.stop();
  }

  /** Stops the current worker at once; the next start() takes the spare. */
  stop() {
    const worker = this.worker;
    this.worker = null;
    this.started = null;
    this.used = false;
    worker?.terminate();
    if (this.waiting) {
      const { reject } = this.waiting;
      this.waiting = null;
      reject(new WorkerGone('the Python runtime was stopped'));
    }
  }

  /** Stops the spare too (leaving Python mode). */
  close() {
    this.stop();
    this.spare?.worker.terminate();
    this.spare = null;
  }

  request(message, match, ms) {
    if (!this.worker) return Promise.reject(new WorkerGone('the Python runtime is not running'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = null;
        this.stop();
        reject(new Timeout(ms));
      }, Math.max(0, ms));
      this.waiting = {
        match,
        resolve: (m) => (clearTimeout(timer), resolve(m)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      };
      this.worker.postMessage(message);
    });
  }

  async load({ filename, cells }, ms) {
    await this.start();
    this.used = true;
    const stubs = [...this.timedOut].map((target) => ({ target, message: this.stubMessage(target) }));
    const reply = await this.request({ type: 'load', filename, cells, stubs }, (m) => m.type === 'loaded' || m.type === 'load-error', ms);
    if (reply.type === 'load-error') throw new Error(reply.error);
    return { exports: reply.exports, notes: reply.notes, output: reply.output };
  }

  async call(target, c, ms) {
    const id = (this.nextId = (this.nextId ?? 0) + 1);
    try {
      const reply = await this.request({ type: 'call', id, target, case: c }, (m) => m.type === 'result' && m.id === id, ms);
      return reply.ok ? { ok: true, value: reply.value } : { ok: false, error: reply.error };
    } catch (error) {
      if (error instanceof Timeout) this.timedOut.add(target);
      throw error;
    }
  }
}
