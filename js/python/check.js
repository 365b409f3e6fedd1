// Checking a learner's Python with the same engine as JavaScript
// (checker/run.js): the submission is loaded once into a fresh interpreter of
// a warm PythonRuntime, and the engine's sessions call into it.
import { checkAnswers } from '../checker/answers.js';
import { exercise } from '../checker/exercises.js';
import { codeCells, NotebookError, readNotebook } from '../checker/ipynb.js';
import { runChecks } from '../checker/run.js';
import { Timeout } from '../checker/session.js';

/** The notebook's definitions a submission may provide. */
export const PYTHON_EXPORTS = ['get_output_shape', 'maxpool2d', 'MaxPooling_', 'MaxPooling', 'AvgPooling'];

// Which engine export a Python definition stands for.
const ENGINE_EXPORT = { get_output_shape: 'getOutputShape', maxpool2d: 'maxpool2d', MaxPooling_: 'MaxPooling', MaxPooling: 'MaxPooling', AvgPooling: 'AvgPooling' };

/** A submission that is neither code nor a readable notebook. */
export class SubmissionError extends Error {
  constructor(message) {
    super(message);
    this.name = 'SubmissionError';
  }
}

/** { code } (a .py file or pasted code) or { notebookText } (.ipynb) → { filename, cells }. */
export function submissionOf({ code, notebookText, filename }) {
  if (notebookText !== undefined) {
    try {
      return { filename: filename ?? 'notebook.ipynb', cells: codeCells(readNotebook(notebookText)).map((c) => c.source) };
    } catch (error) {
      if (error instanceof NotebookError) throw new SubmissionError(`${filename ?? 'the notebook'}: ${error.message}`);
      throw error;
    }
  }
  if (typeof code === 'string') return { filename: filename ?? 'code.py', cells: [code] };
  throw new SubmissionError('a submission needs code (a string of Python) or notebookText (the .ipynb file as text)');
}

const tuple = (v) => (Array.isArray(v) ? `(${v.join(', ')})` : String(v));

/** The learner's Python call for exercise `name` on the inputs a failure shows. */
export function pythonCall(name, inputs) {
  const row = exercise(name);
  const [definition, member] = row.python.split('.');
  if (row.kind === 'getOutputShape') {
    const names = { inputShape: 'input_shape', kernelSize: 'kernel_size', stride: 'stride', padding: 'padding', dilation: 'dilation' };
    return `get_output_shape(${Object.entries(inputs).map(([k, v]) => `${names[k]}=${tuple(v)}`).join(', ')})`;
  }
  if (row.kind === 'maxpool2d') {
    const extra = ['padding', 'dilation'].filter((k) => inputs[k] !== undefined).map((k) => `, ${k}=${tuple(inputs[k])}`).join('');
    return `maxpool2d(input, kernel_size=${tuple(inputs.kernelSize)}, stride=${tuple(inputs.stride)}${extra})`;
  }
  const layer = `layer = ${definition}(kernel_size=${tuple(inputs.kernelSize)}, stride=${tuple(inputs.stride)}); layer.forward(input)`;
  if (member === 'forward') return layer;
  if (member === 'backprop_yx') return `${layer}; layer.backprop_yx`;
  return `${layer}; layer.backward_input(gradOutput)`;
}

// The engine's result in the notebook's words: Python names and calls.
function renamed(result) {
  const name = exercise(result.name).python;
  const { failure } = result;
  if (!failure) return { ...result, name };
  if (failure.kind === 'missing') {
    const definition = name.split('.')[0];
    const what = /^[A-Z]/.test(definition) ? 'class' : 'function';
    return { ...result, name, failure: { ...failure, message: `${definition} is not defined (expected a ${what} ${definition} as in the notebook)` } };
  }
  return { ...result, name, failure: failure.inputs ? { ...failure, call: pythonCall(result.name, failure.inputs) } : failure };
}

/**
 * Checks one submission on `runtime` (a PythonRuntime, started or not).
 * Resolves to { seed, level, results, answers?, notes, output } with the
 * notebook's names (`answers`: what the cells printed, judged as
 * `poolgrad answers` does, when they printed any of the notebook's blocks), or
 * { usageError } when the code defines none of the notebook's functions.
 * A Timeout while loading marks every function timed out.
 */
export async function checkPython({ poolgrad, runtime, submission, seed = 1, deadlineMs, counts, level, onResult = () => {} }) {
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
  const report = await runChecks({ poolgrad, openSession, seed, deadlineMs, counts, level, onResult: (r) => onResult(renamed(r)) });
  if (report.usageError) return { ...report, notes: first.notes, output: first.output };
  // The cells' own printed results (check cells, PyTorch gaps 30 and 31), judged as `poolgrad answers` does.
  const { blocks } = checkAnswers(first.output, poolgrad);
  const answers = blocks.length ? { blocks } : undefined;
  return { seed: report.seed, level: report.level, results: report.results.map(renamed), answers, notes: first.notes, output: first.output };
}
