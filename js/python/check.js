// Checking a learner's Python with the same engine as JavaScript
// (checker/run.js): the submission is loaded once into a fresh interpreter of
// a warm PythonRuntime, and the engine's sessions call into it.
import { runChecks } from '../checker/run.js';
import { Timeout } from '../checker/session.js';

/** The notebook's names for the engine's targets, in report order. */
export const PYTHON_NAMES = {
  getOutputShape: 'get_output_shape',
  maxpool2d: 'maxpool2d',
  'MaxPooling.forward': 'MaxPooling_.forward',
  'MaxPooling.backpropYX': 'MaxPooling_.backprop_yx',
  'MaxPooling.backwardInput': 'MaxPooling.backward_input',
  'AvgPooling.forward': 'AvgPooling.forward',
  'AvgPooling.backwardInput': 'AvgPooling.backward_input',
};
export const PYTHON_EXPORTS = ['get_output_shape', 'maxpool2d', 'MaxPooling_', 'MaxPooling', 'AvgPooling'];

// Which engine export a Python definition stands for.
const ENGINE_EXPORT = { get_output_shape: 'getOutputShape', maxpool2d: 'maxpool2d', MaxPooling_: 'MaxPooling', MaxPooling: 'MaxPooling', AvgPooling: 'AvgPooling' };

/** A malformed notebook or source: the CLI reports it as a usage error. */
export class SubmissionError extends Error {
  constructor(message) {
    super(message);
    this.name = 'SubmissionError';
  }
}

/**
 * The code cells of an nbformat-4 notebook, as source strings.
 * Throws SubmissionError naming what is wrong.
 */
export function notebookCells(text, filename = 'notebook') {
  let notebook;
  try {
    notebook = JSON.parse(text);
  } catch (error) {
    throw new SubmissionError(`${filename} should be a Jupyter notebook (JSON), but it is not valid JSON: ${error.message}`);
  }
  if (!notebook || typeof notebook !== 'object' || !Array.isArray(notebook.cells)) {
    throw new SubmissionError(`${filename} should be a Jupyter notebook with a "cells" list (nbformat 4), but got ${notebook === null ? 'null' : Array.isArray(notebook) ? 'a list' : typeof notebook === 'object' ? 'an object without "cells"' : typeof notebook}`);
  }
  if (notebook.nbformat !== undefined && notebook.nbformat !== 4) {
    throw new SubmissionError(`${filename} should be nbformat 4, but got nbformat ${JSON.stringify(notebook.nbformat)}`);
  }
  return notebook.cells
    .filter((cell) => cell && cell.cell_type === 'code')
    .map((cell, i) => {
      const { source } = cell;
      if (typeof source === 'string') return source;
      if (Array.isArray(source) && source.every((line) => typeof line === 'string')) return source.join('');
      throw new SubmissionError(`${filename}: code cell ${i + 1} should have a "source" string or list of strings, but got ${JSON.stringify(source)?.slice(0, 40)}`);
    });
}

/** { code } (a .py file or pasted code) or { notebookText } (.ipynb) → { filename, cells }. */
export function submissionOf({ code, notebookText, filename }) {
  if (typeof notebookText === 'string') return { filename: filename ?? 'notebook.ipynb', cells: notebookCells(notebookText, filename ?? 'the notebook') };
  if (typeof code === 'string') return { filename: filename ?? 'code.py', cells: [code] };
  throw new SubmissionError('a submission needs code (a string of Python) or notebookText (the .ipynb file as text)');
}

function renamed(result) {
  const name = PYTHON_NAMES[result.name] ?? result.name;
  if (result.failure?.kind !== 'missing') return { ...result, name };
  const definition = name.split('.')[0];
  const what = /^[A-Z]/.test(definition) ? 'class' : 'function';
  return { ...result, name, failure: { ...result.failure, message: `${definition} is not defined (expected a ${what} ${definition} as in the notebook)` } };
}

/**
 * Checks one submission on `runtime` (a PythonRuntime, started or not).
 * Resolves to { seed, results, notes, output } with the notebook's names, or
 * { usageError } when the code defines none of the notebook's functions.
 * A Timeout while loading marks every function timed out.
 */
export async function checkPython({ poolgrad, runtime, submission, seed = 1, deadlineMs, counts, onResult = () => {} }) {
  const { filename, cells } = submissionOf(submission);
  await runtime.start();
  let loaded = null; // { worker, exports, notes, output } of the current load
  let hung = null; // the Timeout of a first load that never finished
  const first = { notes: [], output: '' };
  const load = async (ms) => {
    if (hung) throw hung;
    if (loaded && loaded.worker === runtime.worker && runtime.worker) return loaded;
    await runtime.start();
    const worker = runtime.worker;
    const reply = await runtime.load({ filename, cells }, ms);
    if (!loaded) Object.assign(first, reply);
    loaded = { worker, ...reply };
    return loaded;
  };
  try {
    await load(deadlineMs ?? 10_000);
  } catch (error) {
    if (!(error instanceof Timeout)) throw error;
    hung = error;
  }
  if (loaded && loaded.exports.length === 0) {
    return { usageError: `${filename} defines none of ${PYTHON_EXPORTS.join(', ')}`, notes: first.notes, output: first.output };
  }
  const openSession = async (ms) => {
    const { exports } = await load(ms);
    return {
      exports: [...new Set(exports.map((name) => ENGINE_EXPORT[name]))],
      call: (target, c, left) => runtime.call(target, c, left),
      close() {},
    };
  };
  const report = await runChecks({ poolgrad, openSession, seed, deadlineMs, counts, onResult: (r) => onResult(renamed(r)) });
  if (report.usageError) return { ...report, notes: first.notes, output: first.output };
  return { seed: report.seed, results: report.results.map(renamed), notes: first.notes, output: first.output };
}
