// Reads a Jupyter notebook (nbformat 4, the JSON text of an .ipynb file):
// its code cells with their source and stored outputs, and its markdown
// cells. The notebook is untrusted input: nothing in it is run here, and a
// malformed one is refused with a NotebookError whose `key` each surface
// words itself (describeNotebookError is the English sentence).
// Pure: no Node or DOM API.

/** Larger files are refused before parsing (a course notebook is well below 1 MB). */
export const MAX_NOTEBOOK_BYTES = 32 * 1024 * 1024;

export class NotebookError extends Error {
  /** `key`: not-text, too-large, not-json, not-a-notebook, nbformat, bad-cell; `params` fill the sentence. */
  constructor(key, params = {}) {
    super(describeNotebookError({ key, ...params }));
    this.name = 'NotebookError';
    this.key = key;
    this.params = params;
  }
}

const MESSAGES = {
  'not-text': (e) => `the notebook should be text (the .ipynb file's JSON), but got ${e.got}`,
  'too-large': (e) => `the notebook should be at most ${e.max} bytes, but it has ${e.size}`,
  'not-json': (e) => `the file is not a notebook: it is not valid JSON (${e.detail})`,
  'not-a-notebook': (e) => `the file is JSON but not a Jupyter notebook: ${e.detail}`,
  nbformat: (e) => `the notebook should be in nbformat 4, but it is in nbformat ${e.got}`,
  'bad-cell': (e) => `cell ${e.index + 1} of the notebook is malformed: ${e.detail}`,
};

/** The English sentence for a NotebookError's { key, ...params }. */
export function describeNotebookError(error) {
  return (MESSAGES[error.key] ?? ((e) => `unreadable notebook (${e.key})`))(error);
}

// nbformat stores multi-line strings as a string or as a list of lines.
function joined(value, field, bad) {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((line) => typeof line === 'string')) return value.join('');
  throw bad(`${field} should be a string or a list of strings`);
}

function readOutput(output, index, at) {
  const bad = (detail) => new NotebookError('bad-cell', { index, detail: `output ${at + 1}: ${detail}` });
  if (!output || typeof output !== 'object') throw bad('it is not an object');
  const type = output.output_type;
  if (type === 'stream') {
    return { type: 'stream', name: output.name === 'stderr' ? 'stderr' : 'stdout', text: joined(output.text ?? '', 'text', bad) };
  }
  if (type === 'execute_result' || type === 'display_data') {
    const plain = output.data && output.data['text/plain'];
    return { type: 'result', text: plain === undefined ? '' : joined(plain, "data['text/plain']", bad) };
  }
  if (type === 'error') return { type: 'error', ename: String(output.ename ?? ''), evalue: String(output.evalue ?? '') };
  throw bad(`output_type should be stream, execute_result, display_data or error, but got ${JSON.stringify(type)}`);
}

function readCell(cell, index) {
  const bad = (detail) => new NotebookError('bad-cell', { index, detail });
  if (!cell || typeof cell !== 'object' || Array.isArray(cell)) throw bad('it is not an object');
  const type = cell.cell_type;
  if (!['code', 'markdown', 'raw'].includes(type)) throw bad(`cell_type should be code, markdown or raw, but got ${JSON.stringify(type)}`);
  const source = joined(cell.source ?? '', 'source', bad);
  if (type !== 'code') return { index, type, source };
  if (cell.outputs !== undefined && !Array.isArray(cell.outputs)) throw bad('outputs should be a list');
  const outputs = (cell.outputs ?? []).map((o, at) => readOutput(o, index, at));
  const executionCount = Number.isInteger(cell.execution_count) ? cell.execution_count : null;
  return { index, type, source, executionCount, outputs };
}

/**
 * Parses the JSON text of an .ipynb file into
 * { nbformat, cells: [{ index, type: 'code' | 'markdown' | 'raw', source, executionCount?, outputs? }] }
 * with outputs [{ type: 'stream', name, text } | { type: 'result', text } | { type: 'error', ename, evalue }].
 * Throws a NotebookError for anything else.
 */
export function readNotebook(text) {
  if (typeof text !== 'string') throw new NotebookError('not-text', { got: text === null ? 'null' : typeof text });
  if (text.length > MAX_NOTEBOOK_BYTES) throw new NotebookError('too-large', { max: MAX_NOTEBOOK_BYTES, size: text.length });
  let json;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new NotebookError('not-json', { detail: error.message });
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new NotebookError('not-a-notebook', { detail: 'its top level is not an object' });
  if (!('nbformat' in json) || !('cells' in json)) {
    // nbformat 3 keeps its cells in worksheets: name the version rather than call it no notebook.
    if (Number.isInteger(json.nbformat)) throw new NotebookError('nbformat', { got: json.nbformat });
    throw new NotebookError('not-a-notebook', { detail: 'it has no "nbformat" and "cells"' });
  }
  if (json.nbformat !== 4) throw new NotebookError('nbformat', { got: JSON.stringify(json.nbformat) });
  if (!Array.isArray(json.cells)) throw new NotebookError('not-a-notebook', { detail: '"cells" is not a list' });
  return { nbformat: 4, cells: json.cells.map(readCell) };
}

/** The code cells of a read notebook. */
export const codeCells = (notebook) => notebook.cells.filter((c) => c.type === 'code');

/** The source of every code cell joined as one Python file (cells separated by a blank line). */
export const codeOf = (notebook) => codeCells(notebook).map((c) => c.source.replace(/\s+$/, '')).join('\n\n') + '\n';

/**
 * What the notebook printed, as stored: each code cell's stdout and
 * text/plain results in order, cells one after another (as a learner would
 * copy them from the notebook).
 */
export function storedOutput(notebook) {
  return codeCells(notebook)
    .map((c) => c.outputs.filter((o) => (o.type === 'stream' && o.name === 'stdout') || o.type === 'result').map((o) => o.text).join(''))
    .filter((t) => t !== '')
    .map((t) => (t.endsWith('\n') ? t : `${t}\n`))
    .join('');
}
