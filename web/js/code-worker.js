// Web Worker for the page's code mode: imports the learner's code (sent as
// text) from a Blob URL and answers calls. Started from this same-origin
// file (allowed by the page's script-src 'self'), so the page never evaluates
// learner code itself and needs no 'unsafe-eval'; the page terminates this
// worker when a call overruns its deadline.
import { answer, exportedNames } from '../vendor/poolgrad/js/checker/execute.js';

let learner = null;

self.onmessage = async ({ data }) => {
  if (data.type === 'load') {
    try {
      // The worker makes the Blob URL itself: a worker started from a Blob
      // (the one-file page) may not import a Blob URL made by the page.
      const url = URL.createObjectURL(new Blob([data.source], { type: 'text/javascript' }));
      try {
        learner = await import(url);
      } finally {
        URL.revokeObjectURL(url);
      }
      self.postMessage({ type: 'ready', exports: exportedNames(learner) });
    } catch (error) {
      self.postMessage({ type: 'load-error', error: `${error && error.name ? `${error.name}: ` : ''}${error && error.message ? error.message : error}` });
    }
    return;
  }
  if (data.type === 'call' && learner) self.postMessage(answer(learner, data));
};
