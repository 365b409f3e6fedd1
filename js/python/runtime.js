// The host's handle on one Python runtime (runtime-worker.js in a worker
// thread): start it, load a submission, call its functions with a deadline,
// restart it after a timeout or crash. Only plain data crosses.
import { Worker } from 'node:worker_threads';
import { Timeout, WorkerGone } from '../checker/session.js';
import { readSnapshot, writeSnapshot } from './snapshot-cache.js';

/** How long starting Pyodide may take before we give up (a cold start is 4–12 s). */
export const START_LIMIT_MS = 180_000;

// The snapshot of a loaded runtime, made by the first worker of this process
// and handed to every later one (a restart then costs ~0.3 s, not a cold start).
let sharedSnapshot = null;
// While the first worker makes it, later ones wait instead of starting cold too.
let snapshotPending = null;

/**
 * One worker with one Python runtime. Options: memoryMb (Python's memory,
 * default 1024), heapMb (the worker's JavaScript heap, default 512),
 * pythonPath (extra folders of Python packages, for tests).
 */
export class PythonRuntime {
  constructor({ memoryMb = 1024, heapMb = 512, pythonPath = [] } = {}) {
    this.options = { memoryMb, heapMb, pythonPath };
    this.worker = null;
    this.started = null;
    this.coldMs = null;
    this.waiting = null;
  }

  /** Resolves when the runtime can take a submission; starts a worker if none runs. */
  start() {
    if (this.started) return this.started;
    if (!sharedSnapshot && snapshotPending) {
      this.started = snapshotPending.then(() => {
        this.started = null;
        return this.start();
      });
      return this.started;
    }
    const { memoryMb, heapMb, pythonPath } = this.options;
    sharedSnapshot ??= readSnapshot(pythonPath);
    let snapshotMade;
    if (!sharedSnapshot) snapshotPending = new Promise((resolve) => (snapshotMade = resolve));
    const worker = new Worker(new URL('./runtime-worker.js', import.meta.url), {
      workerData: { memoryMb, pythonPath, snapshot: sharedSnapshot },
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: heapMb },
    });
    // Nothing the worker prints may reach our stdout (it would spoil --json).
    worker.stdout.resume();
    worker.stderr.resume();
    this.worker = worker;
    this.started = new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.stop();
        reject(new Error(`the Python runtime did not start within ${START_LIMIT_MS / 1000} s`));
      }, START_LIMIT_MS);
      worker.on('message', (message) => {
        if (message.type === 'snapshot') {
          sharedSnapshot ??= message.bytes;
          writeSnapshot(message.bytes, pythonPath);
        }
        else if (message.type === 'ready') {
          clearTimeout(timer);
          snapshotMade?.();
          this.coldMs = message.coldMs;
          resolve();
        } else if (this.waiting && this.waiting.match(message)) {
          const { resolve: answer } = this.waiting;
          this.waiting = null;
          answer(message);
        }
      });
      const gone = (reason) => {
        clearTimeout(timer);
        if (snapshotMade) {
          snapshotPending = null;
          snapshotMade();
        }
        if (this.worker !== worker) return;
        this.worker = null;
        this.started = null;
        reject(new Error(`the Python runtime stopped while starting: ${reason}`));
        if (this.waiting) {
          const { reject: fail } = this.waiting;
          this.waiting = null;
          fail(new WorkerGone(`the Python runtime stopped: ${reason}`));
        }
      };
      worker.on('error', (error) => gone(error && error.message ? error.message : String(error)));
      worker.on('exit', (code) => gone(`exit code ${code}`));
    });
    return this.started;
  }

  /** Stops the worker (at once); the next start() makes a new one. */
  stop() {
    const worker = this.worker;
    this.worker = null;
    this.started = null;
    if (worker) void worker.terminate();
    if (this.waiting) {
      const { reject } = this.waiting;
      this.waiting = null;
      reject(new WorkerGone('the Python runtime was stopped'));
    }
  }

  // Sends one request and waits for its answer within ms; on timeout the worker is stopped.
  // With `startOn`, the ms start when a message matching it arrives (until then START_LIMIT_MS).
  request(message, match, ms, startOn) {
    if (!this.worker) return Promise.reject(new WorkerGone('the Python runtime is not running'));
    const answer = new Promise((resolve, reject) => {
      let timer;
      const arm = (limit) => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          this.waiting = null;
          this.stop();
          reject(new Timeout(limit));
        }, Math.max(0, limit));
      };
      arm(startOn ? START_LIMIT_MS : ms);
      this.waiting = {
        match: (m) => {
          if (startOn && startOn(m)) arm(ms);
          return match(m);
        },
        resolve: (m) => (clearTimeout(timer), resolve(m)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      };
    });
    this.worker.postMessage(message);
    return answer;
  }

  /**
   * Runs a submission's cells in a fresh interpreter (restored from the
   * snapshot). Resolves to { exports, notes, output }; rejects with Timeout
   * (its top level never finished) or an Error the runtime reported.
   */
  async load({ filename, cells }, ms) {
    await this.start();
    // The worker says 'loading' once its fresh interpreter is ready: only then does the submission's time run.
    const reply = await this.request({ type: 'load', filename, cells }, (m) => m.type === 'loaded' || m.type === 'load-error', ms, (m) => m.type === 'loading');
    if (reply.type === 'load-error') throw new Error(reply.error);
    return { exports: reply.exports, notes: reply.notes, output: reply.output };
  }

  /** Calls the loaded submission: resolves to { ok, value | error }; rejects with Timeout or WorkerGone. */
  async call(target, c, ms) {
    const id = (this.nextId = (this.nextId ?? 0) + 1);
    const reply = await this.request({ type: 'call', id, target, case: c }, (m) => m.type === 'result' && m.id === id, ms);
    return reply.ok ? { ok: true, value: reply.value } : { ok: false, error: reply.error };
  }
}
