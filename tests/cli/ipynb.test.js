// Reading .ipynb files (js/checker/ipynb.js) and `poolgrad answers FILE.ipynb`.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as poolgrad from 'poolgrad';
import { checkAnswers, codeCells, codeOf, NotebookError, readNotebook, storedOutput } from 'poolgrad/checker';
import { cli } from './run-cli.js';

const solvedPath = fileURLToPath(new URL('../fixtures/aufgabe7-solved.ipynb', import.meta.url));
const solved = readFileSync(solvedPath, 'utf8');
beforeAll(() => poolgrad.ready());
const work = mkdtempSync(join(tmpdir(), 'poolgrad-ipynb-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const notebook = (cells, extra = {}) => JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells, ...extra });
const code = (source, outputs = []) => ({ cell_type: 'code', execution_count: 1, metadata: {}, source, outputs });
const refusal = (text) => {
  try {
    readNotebook(text);
  } catch (error) {
    expect(error).toBeInstanceOf(NotebookError);
    return error;
  }
  throw new Error('not refused');
};

describe('readNotebook', () => {
  it('reads_code_cells_with_sources_and_stored_outputs_and_markdown_cells', () => {
    const nb = readNotebook(solved);
    const cells = codeCells(nb);
    expect(cells.map((c) => c.executionCount)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    expect(cells[3].source).toMatch(/^def get_output_shape\(input_shape, kernel_size/);
    expect(cells[4].outputs).toEqual([{ type: 'stream', name: 'stdout', text: 'Output Shape Max Pooling:\n (2, 2)\nOutput Shape:\n (4, 9)\n' }]);
    expect(nb.cells.some((c) => c.type === 'markdown' && c.source.includes('Praktikumsaufgabe P7'))).toBe(true);
    expect(codeOf(nb)).toContain('class AvgPooling:\n');
  });

  it('joins_line_lists_and_reads_results_and_errors_but_not_stderr', () => {
    const nb = readNotebook(notebook([
      code(['x = 1\n', 'x'], [
        { output_type: 'stream', name: 'stderr', text: 'warning\n' },
        { output_type: 'execute_result', execution_count: 1, data: { 'text/plain': ['(2, ', '2)'] }, metadata: {} },
        { output_type: 'error', ename: 'AssertionError', evalue: 'Not implemented', traceback: [] },
      ]),
    ]));
    expect(nb.cells[0].source).toBe('x = 1\nx');
    expect(nb.cells[0].outputs[1]).toEqual({ type: 'result', text: '(2, 2)' });
    expect(nb.cells[0].outputs[2]).toEqual({ type: 'error', ename: 'AssertionError', evalue: 'Not implemented' });
    expect(storedOutput(nb)).toBe('(2, 2)\n');
  });

  it('refuses_what_is_not_an_nbformat_4_notebook_with_a_key', () => {
    expect(refusal('{"cells": [').key).toBe('not-json');
    expect(refusal('[1, 2]').key).toBe('not-a-notebook');
    expect(refusal('{"hello": 1}').key).toBe('not-a-notebook');
    expect(refusal('{"nbformat": 3, "worksheets": []}')).toMatchObject({ key: 'nbformat', message: 'the notebook should be in nbformat 4, but it is in nbformat 3' });
    expect(refusal(notebook([], { nbformat: 5 })).key).toBe('nbformat');
    expect(refusal(notebook([{ cell_type: 'picture', source: '' }]))).toMatchObject({ key: 'bad-cell', message: expect.stringContaining('cell 1 of the notebook is malformed: cell_type should be code, markdown or raw, but got "picture"') });
    expect(refusal(notebook([code(7)])).message).toContain('source should be a string or a list of strings');
    expect(refusal(notebook([code('', [{ output_type: 'stream', text: [1] }])])).message).toContain('output 1: text should be');
    expect(refusal(42).key).toBe('not-text');
  });
});

describe('poolgrad answers FILE.ipynb', () => {
  it('judges_the_stored_outputs_of_a_solved_notebook', async () => {
    const r = await cli(['answers', solvedPath, '--json']);
    expect(r.code).toBe(0);
    const { blocks } = JSON.parse(r.stdout);
    expect(blocks.map((b) => b.verdict)).toEqual(['right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'not-judged', 'right']);
  });

  it('names_a_wrong_stored_output', async () => {
    const wrong = solved.replace('"   [ 0.  0. 16.  0.  0.]\\n"', '"   [ 0.  0.  8.  0.  0.]\\n"');
    expect(wrong).not.toBe(solved);
    const file = join(work, 'wrong.ipynb');
    writeFileSync(file, wrong);
    const r = await cli(['answers', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✘ dEdo_0 \(In\[11\].*cell \[0, 1, 2, 2\]: expected 16, got 8/s);
  });

  it('a_malformed_notebook_is_a_usage_error_naming_the_problem', async () => {
    const file = join(work, 'broken.ipynb');
    writeFileSync(file, '{"nbformat": 4, "cells": {}}');
    const r = await cli(['answers', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('broken.ipynb: the file is JSON but not a Jupyter notebook: "cells" is not a list');
  });

  it('the_whole_notebook_as_text_skips_the_emoji_placeholder_and_is_all_right', () => {
    // sources, outputs and the "Überprüfung" solutions, one of which shows emoji for the random o_1
    const nb = readNotebook(solved);
    const text = nb.cells.map((c) => `${c.source}\n${(c.outputs ?? []).map((o) => o.text ?? '').join('')}`).join('\n');
    expect(text).toContain('&#128551;');
    const { blocks } = checkAnswers(text, poolgrad);
    expect(blocks.filter((b) => b.verdict === 'wrong' || b.verdict === 'invalid')).toEqual([]);
    expect(blocks.filter((b) => b.verdict === 'right').length).toBe(20);
  });
});
