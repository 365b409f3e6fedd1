// poolgrad's pooling seen from the Python stand-ins (python/poolgrad_check/bridge.py).
import { fromPython, toPython } from './codec.js';

/**
 * The `_poolgrad_bridge.compute` of the Python stand-ins (torch,
 * interactive_check): JSON text in, JSON text out, computed by `poolgrad`
 * (the package's module). Shared by the Node runtime and the page's worker.
 */
export function poolgradBridge(poolgrad) {
  return function bridge(request) {
    try {
      const r = fromPython(String(request));
      const { tensor, toNested } = poolgrad;
      const flat = (nested) => (Array.isArray(nested) ? nested.flatMap(flat) : [nested]);
      const dims = (nested) => (Array.isArray(nested) ? [nested.length, ...dims(nested[0])] : []);
      let result;
      if (r.op === 'max_pool2d') {
        const { output, indices } = poolgrad.maxPool2d(tensor(r.input), r.options);
        result = { output: toNested(output), indices: toNested(indices) };
      } else if (r.op === 'max_pool2d_backward') {
        const indices = { data: Int32Array.from(flat(r.indices)), shape: dims(r.indices) };
        result = { gradInput: toNested(poolgrad.maxPool2dBackward(tensor(r.gradOutput), indices, r.inputShape)) };
      } else if (r.op === 'avg_pool2d') {
        result = { output: toNested(poolgrad.avgPool2d(tensor(r.input), r.options)) };
      } else if (r.op === 'avg_pool2d_backward') {
        result = { gradInput: toNested(poolgrad.avgPool2dBackward(tensor(r.gradOutput), r.inputShape, r.options)) };
      } else if (r.op === 'max_pool2d_layer') {
        const layer = new poolgrad.MaxPool2d(r.options);
        const output = layer.forward(tensor(r.input));
        result = { output: toNested(output), backpropYX: toNested(layer.backpropYX) };
        if (r.gradOutput) result.gradInput = toNested(layer.backwardInput(tensor(r.gradOutput)));
      } else {
        throw new Error(`unknown operation ${JSON.stringify(r.op)}`);
      }
      return toPython(result);
    } catch (error) {
      return toPython({ error: error && error.message ? String(error.message) : String(error) });
    }
  };
}
