// Expected answers and picture data for one unit, computed only through the
// poolgrad package's public API (passed in as `api`, so Node tests can use
// the same code with the Node entry point).

const isMax = (given) => given.op !== 'avg';

/** The expected { data, shape } for a unit { quantity, given }. */
export function solve(unit, api) {
  const g = unit.given;
  if (unit.quantity === 'outputShape') return { data: api.outputShape(g.inputShape, g.options), shape: [2] };
  const x = api.tensor(g.input);
  if (unit.quantity === 'output') {
    return isMax(g) ? api.maxPool2d(x, g.options).output : api.avgPool2d(x, g.options);
  }
  if (unit.quantity === 'backpropYX') {
    const layer = new api.MaxPool2d(g.options);
    layer.forward(x);
    return layer.backpropYX;
  }
  if (unit.quantity === 'gradInput') {
    const grad = api.tensor(g.gradOutput);
    if (isMax(g)) return api.maxPool2dBackward(grad, api.maxPool2d(x, g.options).indices, x.shape);
    return api.avgPool2dBackward(grad, x.shape, g.options);
  }
  throw new Error(`unknown quantity ${unit.quantity}`);
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
