// worker_threads side of `poolgrad check`: imports the learner's module and
// answers calls. Runs in its own thread so the CLI can terminate it when the
// learner's code never returns.
import { parentPort, workerData } from 'node:worker_threads';
import { answer, exportedNames } from '../js/checker/execute.js';

let module;
try {
  module = await import(workerData.url);
  parentPort.postMessage({ type: 'ready', exports: exportedNames(module) });
} catch (error) {
  parentPort.postMessage({ type: 'load-error', error: `${error && error.name ? `${error.name}: ` : ''}${error && error.message ? error.message : error}` });
}
if (module) parentPort.on('message', (message) => parentPort.postMessage(answer(module, message)));
