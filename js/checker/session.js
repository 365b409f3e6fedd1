// One learner worker seen from the checker: load the module, call cases one
// at a time with a deadline, terminate. The Node CLI and the page wrap their
// own worker type ({ post, listen, terminate }) and share this logic.

/** The worker died (out of memory, crashed) or was stopped before this call. */
export class WorkerGone extends Error {
  constructor(message) {
    super(message);
    this.name = 'WorkerGone';
  }
}

export class Timeout extends Error {
  constructor(ms) {
    super(`did not finish within ${ms} ms (an endless loop?); the worker was stopped`);
    this.name = 'Timeout';
    this.ms = ms;
  }
}

/**
 * Waits for the worker's { type: 'ready', exports } (or 'load-error') within
 * `timeoutMs`; resolves to { exports, call(target, case, timeoutMs), close() }.
 * `call` resolves to { ok, value | error }; it rejects with Timeout or
 * WorkerGone, after which the worker is gone.
 */
export function connect({ post, listen, terminate }, timeoutMs) {
  let pending = null;
  let nextId = 1;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    terminate();
  };
  const waitFor = (match, ms) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending = null;
        close();
        reject(new Timeout(ms));
      }, Math.max(0, ms));
      pending = { match, resolve: (v) => (clearTimeout(timer), resolve(v)), reject: (e) => (clearTimeout(timer), reject(e)) };
    });
  listen((message) => {
    if (pending && pending.match(message)) {
      const { resolve } = pending;
      pending = null;
      resolve(message);
    }
  }, (error) => {
    // The worker died (e.g. out of memory): fail the waiting call, not the checker.
    const wasClosed = closed;
    close();
    if (pending) {
      const { reject } = pending;
      pending = null;
      const reason = error && error.message ? error.message : String(error);
      reject(wasClosed ? new WorkerGone('the worker was stopped') : new WorkerGone(`the worker running this code stopped: ${reason}`));
    }
  });
  return waitFor((m) => m.type === 'ready' || m.type === 'load-error', timeoutMs).then((m) => {
    if (m.type !== 'ready') {
      close();
      const error = new Error(m.error);
      error.loadError = true;
      throw error;
    }
    return {
      exports: m.exports,
      async call(target, c, ms) {
        if (closed) throw new WorkerGone('the worker was stopped earlier');
        const id = nextId++;
        const reply = waitFor((r) => r.type === 'result' && r.id === id, ms);
        post({ type: 'call', id, target, case: c });
        const r = await reply;
        return r.ok ? { ok: true, value: r.value } : { ok: false, error: r.error };
      },
      close,
    };
  });
}
