// Expected answers and picture data for one unit, computed only through the
// poolgrad package's public API (passed in as `api`, so Node tests can use
// the same code with the Node entry point). The expected answer is the
// exercise table's (poolgrad/checker), the one the CLI checks against.
import { caseOfGiven, exerciseForUnit } from '../vendor/poolgrad/js/checker/judging.js';

const isMax = (given) => given.op !== 'avg';

/** The expected { data, shape } for a unit { quantity, given }. */
export function solve(unit, api) {
  const row = exerciseForUnit(unit.quantity, isMax(unit.given) ? 'max' : 'avg');
  const expected = row.expected(api, caseOfGiven(unit.given));
  if (unit.quantity === 'outputShape') return { data: expected, shape: [2] };
  return api.tensor(expected, unit.quantity === 'backpropYX' ? 'int32' : 'float32');
}

/**
 * Everything the pictures need for a tensor unit: forward output, indices
 * (max), and, per output cell, the input-gradient it alone sends back
 * (one-hot backward through the package), so the heat map can show how
 * overlapping contributions add.
 */
export function explain(unit, api) {
  const g = unit.given;
  const x = api.tensor(g.input);
  const max = isMax(g);
  const forward = max ? api.maxPool2d(x, g.options) : { output: api.avgPool2d(x, g.options), indices: null };
  const out = { input: x, output: forward.output, indices: forward.indices, options: g.options, op: max ? 'max' : 'avg' };
  if (!g.gradOutput) return out;
  const grad = api.tensor(g.gradOutput);
  out.gradOutput = grad;
  out.gradInput = max ? api.maxPool2dBackward(grad, forward.indices, x.shape) : api.avgPool2dBackward(grad, x.shape, g.options);
  // contributions[k] = gradInput produced by output element k alone.
  out.contributions = Array.from(grad.data, (value, k) => {
    const oneHot = { data: new Float32Array(grad.data.length), shape: grad.shape };
    oneHot.data[k] = value;
    return max ? api.maxPool2dBackward(oneHot, forward.indices, x.shape).data : api.avgPool2dBackward(oneHot, x.shape, g.options).data;
  });
  return out;
}
