// Module Web Worker for the page's JavaScript code mode: imports the
// learner's module from a Blob URL it makes from the source it is sent and
// answers calls (protocol of js/checker/session.js, `load` carries
// { source, stubs }). Started from a same-origin file (the page's script-src
// 'self'), so the page never evaluates learner code itself and needs no
// 'unsafe-eval'; the page terminates this worker when a call overruns its
// deadline. Before the learner's module runs, worker-lockdown.js removes
// the worker's ways out (network, storage, other workers).
import { answer, exportedNames } from '../vendor/poolgrad/js/checker/execute.js';
import { lockDown } from './worker-lockdown.js';

const send = self.postMessage.bind(self);
const NestedWorker = self.Worker;
const blobUrl = (text) => URL.createObjectURL(new Blob([text], { type: 'text/javascript' }));

// A function that ran out of time once fails at once in later loads, so the
// functions calling it fail fast and say why instead of each waiting for the
// deadline. Reassigning works for `function` and `class` declarations (their
// module bindings are mutable); a `const` keeps its value (the try catches).
function stubCode(stubs) {
  return stubs
    .map(({ target, message }) => {
      const [owner, method] = target.split('.');
      const raise = `function () { throw new Error(${JSON.stringify(message)}); }`;
      if (!method) return `try { ${owner} = ${raise}; } catch {}`;
      if (method === 'backpropYX') return '';
      return `try { ${owner}.prototype.${method} = ${raise}; } catch {}`;
    })
    .join('\n');
}

// V8 gives a module's SyntaxError no position. A classic worker parsing the
// same text (exports blanked, wrapped in a function that never runs) reports
// the line and column of the first error in its error event.
function locateSyntaxError(source) {
  if (typeof NestedWorker !== 'function') return Promise.resolve(null);
  const body = `async function parseOnly() {\n${source.replace(/^(\s*)export(\s)/gm, '$1      $2')}\n}`;
  return new Promise((resolve) => {
    const url = blobUrl(body);
    let probe;
    const done = (where) => {
      clearTimeout(timer);
      probe?.terminate();
      URL.revokeObjectURL(url);
      resolve(where);
    };
    const timer = setTimeout(() => done(null), 2000);
    try {
      probe = new NestedWorker(url);
    } catch {
      done(null);
      return;
    }
    probe.onerror = (event) => {
      event.preventDefault();
      done(event.lineno > 1 ? { line: event.lineno - 1, column: event.colno } : null);
    };
  });
}

let learner = null;

self.onmessage = async ({ data }) => {
  if (data.type === 'load') {
    const url = blobUrl(`${data.source}\n;\n${stubCode(data.stubs ?? [])}\n`);
    try {
      lockDown();
      learner = await import(url);
      send({ type: 'ready', exports: exportedNames(learner) });
    } catch (error) {
      const where = error instanceof SyntaxError ? await locateSyntaxError(data.source) : null;
      const text = `${error && error.name ? `${error.name}: ` : ''}${error && error.message ? error.message : error}`;
      send({ type: 'load-error', error: where ? `${text} (line ${where.line}, column ${where.column})` : text, where });
    } finally {
      URL.revokeObjectURL(url);
    }
    return;
  }
  if (data.type === 'call' && learner) send(answer(learner, data));
};
