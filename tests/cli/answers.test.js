// `poolgrad answers`: the notebook's printed output judged without Python.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answersFile, cli } from './run-cli.js';

describe('poolgrad answers', () => {
  it('notebook_output_as_printed_is_all_right_and_the_random_avg_o1_is_not_judged', async () => {
    const r = await cli(['answers', answersFile('notebook-right'), '--json']);
    expect(r.code).toBe(0);
    const { blocks } = JSON.parse(r.stdout);
    expect(blocks.map((b) => b.label)).toEqual([
      'Output Shape Max Pooling', 'Output Shape', 'o_1', 'o_1', 'backward_yx', 'dEdo_0', 'dEdo_0', 'o_1', 'o_0.grad', 'o_1', 'o_0.grad',
    ]);
    expect(blocks.map((b) => b.verdict)).toEqual([
      'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'not-judged', 'right',
    ]);
    // the two dEdo_0 blocks are told apart: max pooling's, then average pooling's
    expect(blocks.filter((b) => b.label === 'dEdo_0').map((b) => b.cell)).toEqual(['In[11]', 'In[13]']);
    expect(blocks.filter((b) => b.label === 'o_1').map((b) => b.cell)).toEqual(['In[7]', 'In[9]', 'In[16]', 'In[17]']);
  });

  it('wrong_cells_are_named_per_block', async () => {
    const r = await cli(['answers', answersFile('notebook-wrong')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✘ Output Shape \(In\[5\].*expected \(4, 9\), got \(5, 9\) \(h_out wrong\)/);
    expect(r.stdout).toMatch(/✘ dEdo_0 \(In\[11\].*cell \[0, 1, 2, 2\]: expected 16, got 8/s);
    expect(r.stdout).toMatch(/✘ dEdo_0 \(In\[13\].*cell \[0, 0, 0, 2\]: expected 3, got 4/s);
    expect(r.stdout).toContain('3 of 10 judged blocks wrong');
  });

  it('reads_stdin_when_no_file_is_given', async () => {
    const r = await cli(['answers'], { input: readFileSync(answersFile('notebook-wrong'), 'utf8') });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('expected 16, got 8');
  });

  it('a_single_pasted_block_from_the_avg_cell_is_judged_against_avg', async () => {
    const text = 'dEdo_0:\n[[[[ 2.  2.  3.  1.  1.]\n   [ 2.  2.  3.  1.  1.]\n   [ 2.  2.  2.  0.  0.]\n   [ 0.  0. -1. -1. -1.]\n   [ 0.  0. -1. -1. -1.]]\n\n  [[ 1.  1.  2.  1.  1.]\n   [ 1.  1.  2.  1.  1.]\n   [ 1.  1.  1.  0.  0.]\n   [ 0.  0. -1. -1. -1.]\n   [ 0.  0. -1. -1. -1.]]]]\n';
    const r = await cli(['answers', '--json'], { input: text });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).blocks).toMatchObject([{ label: 'dEdo_0', cell: 'In[13]', verdict: 'right' }]);
  });

  it('wrong_shape_and_unreadable_blocks_fail', async () => {
    const text = 'o_1:\n[[[[5. 5. 1.]\n   [6. 3. 1.]]]]\no_0.grad:\n[[[[ 0.  x ]]]]\n';
    const r = await cli(['answers', '--json'], { input: text });
    expect(r.code).toBe(1);
    const { blocks } = JSON.parse(r.stdout);
    expect(blocks[0]).toMatchObject({ label: 'o_1', verdict: 'wrong' });
    expect(blocks[0].message).toContain('expected shape [1, 2, 2, 2], but got shape [1, 1, 2, 3]');
    expect(blocks[1]).toMatchObject({ label: 'o_0.grad', verdict: 'invalid' });
    expect(blocks[1].message).toContain('"x" is not a number');
  });

  it('text_without_any_notebook_block_is_a_usage_error', async () => {
    const r = await cli(['answers'], { input: 'hello\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('found no notebook output');
  });
});
