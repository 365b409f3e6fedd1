// The printed output a notebook stored, judged as `poolgrad answers` judges
// pasted output, cell by cell, so each verdict names the learner's cell.
import { checkAnswers, notebookExpectations } from '../checker/answers.js';
import { compare } from '../checker/compare.js';

/** The notebook's judged check-cell outputs, as `cell label` keys (the CSV's output columns). */
export const OUTPUT_BLOCKS = [
  'In[5] Output Shape Max Pooling',
  'In[5] Output Shape',
  'In[7] o_1',
  'In[9] o_1',
  'In[9] backward_yx',
  'In[11] dEdo_0',
  'In[13] dEdo_0',
  'In[16] o_1',
  'In[16] o_0.grad',
  'In[17] o_0.grad',
];

// Max- and average-pooling cells print under the same labels; the cell's own
// code says which one it is, so a max gradient printed by the average cell is
// judged wrong there instead of right for the max cell.
const FAMILY_CELLS = { max: { dEdo_0: 'In[11]', 'o_0.grad': 'In[16]' }, avg: { dEdo_0: 'In[13]', 'o_0.grad': 'In[17]' } };

function familyOf(source) {
  const avg = /avg|AvgPool|average/i.test(source);
  const max = /max_?pool|MaxPool/i.test(source);
  return avg && !max ? 'avg' : max && !avg ? 'max' : null;
}

/**
 * Judges the stored outputs of `cells`: `{ [block]: { verdict, message,
 * notebookCell, executionCount, wrong?, expected?, actual? } }` for every
 * block found; a block printed twice keeps its last verdict.
 */
export function judgeOutputs(cells, poolgrad, expectations = notebookExpectations(poolgrad)) {
  const verdicts = {};
  for (const cell of cells) {
    if (cell.type !== 'code' || !cell.output) continue;
    const family = familyOf(cell.source);
    for (const block of checkAnswers(cell.output, poolgrad).blocks) {
      let judged = block;
      const wanted = family && FAMILY_CELLS[family][block.label];
      if (wanted && block.cell !== wanted && block.verdict !== 'invalid') judged = rejudge(block, wanted, expectations);
      if (family === 'avg' && block.label === 'o_1') continue; // the random-input cell: nothing to judge
      if (!judged.cell || judged.verdict === 'not-judged') continue;
      verdicts[`${judged.cell} ${judged.label}`] = { ...judged, notebookCell: cell.index, executionCount: cell.executionCount };
    }
  }
  return verdicts;
}

function rejudge(block, cell, expectations) {
  const option = expectations[block.label].find((o) => o.cell === cell);
  const value = block.verdict === 'right' ? expectations[block.label].find((o) => o.cell === block.cell).expected : block.actual;
  const diff = compare(option.expected, value);
  const base = { label: block.label, line: block.line, cell, what: option.what };
  if (!diff) return { ...base, verdict: 'right', message: 'right' };
  return { ...base, verdict: 'wrong', message: diff.message, wrong: diff.wrong, expected: option.expected, actual: value };
}
