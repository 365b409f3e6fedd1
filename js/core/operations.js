// The four pooling operations: check the arguments, fill the parameter
// block, run the kernel on wasm addresses, return the results.
import { dataFormatOf, normalizeOptions, planeOutputShape, show } from '../options.js';
import { checkShape } from '../tensor.js';
import { withBuffers, result } from './arena.js';
import { checkInputShape, checkOutputTarget, checkTargets, describePooled, layoutOf, requireShape } from './arguments.js';
import { Param, Status, module, wasm } from './module.js';
import { check, paramBlock, writePlan } from './parameter-block.js';

/** `shape` with its spatial sizes replaced by [oh, ow], in `dataFormat`. */
export function withSpatial(shape, dataFormat, [oh, ow]) {
  return dataFormat === 'NHWC' ? [...shape.slice(0, -3), oh, ow, shape.at(-1)] : [...shape.slice(0, -2), oh, ow];
}

/** The sizes other than H and W: [N, C] or [C]. */
const batchAndChannels = (shape, dataFormat) =>
  dataFormat === 'NHWC' ? [...shape.slice(0, -3), shape.at(-1)] : shape.slice(0, -2);

/** What both forward operations check and size before any work: options, input, output shape and element count. */
function forwardPlan(kind, x, options) {
  module();
  const o = normalizeOptions(kind, options);
  const input = describePooled('x', x, o.dataFormat);
  const out = planeOutputShape([input.h, input.w], o);
  const shape = withSpatial(input.shape, o.dataFormat, out);
  checkShape('output shape', shape);
  return { o, input, out, shape, count: input.planes * out[0] * out[1] };
}

/** Max pooling; returns { output, indices } (indices: flat h·W + w inside each plane, -1 for an empty window), or { output } with returnIndices: false. */
export function maxPool2d(x, options, targets) {
  const { o, input, out, shape, count } = forwardPlan('max', x, options);
  const t = checkTargets(targets, o.returnIndices ? ['output', 'indices'] : ['output']);
  const output = checkOutputTarget('output', t.output, shape, 'float32', [['x', x]]);
  const indices = o.returnIndices ? checkOutputTarget('indices', t.indices, shape, 'int32', [['x', x]]) : null;
  return withBuffers(
    [
      { tensor: input.data ? null : x, data: input.data, count: input.count, Type: Float32Array },
      { tensor: output, count, Type: Float32Array },
      { tensor: indices, count: o.returnIndices ? count : 0, Type: Int32Array },
    ],
    ([inAddress, outAddress, indexAddress]) => {
      writePlan('max', o, input, out);
      check(wasm.maxForward(paramBlock(), inAddress, outAddress, indexAddress), 'maxPool2d');
      const values = result(output, count, Float32Array, outAddress, shape);
      if (!o.returnIndices) return { output: values };
      return { output: values, indices: result(indices, count, Int32Array, indexAddress, shape) };
    },
  );
}

/**
 * Scatter-adds gradOutput into a zero tensor of `inputShape` at the forward's
 * indices. The last argument may name the target (gradInput) and the
 * forward's dataFormat.
 */
export function maxPool2dBackward(gradOutput, indices, inputShape, targets) {
  module();
  const t = checkTargets(targets, ['gradInput', 'dataFormat']);
  const dataFormat = dataFormatOf(t.dataFormat);
  const input = checkInputShape('inputShape', inputShape, dataFormat);
  const grad = describePooled('gradOutput', gradOutput, dataFormat);
  const idx = describePooled('indices', indices, dataFormat, 'int32');
  const lead = batchAndChannels(input.shape, dataFormat);
  if (grad.shape.length !== input.shape.length || batchAndChannels(grad.shape, dataFormat).some((s, i) => s !== lead[i])) {
    throw new RangeError(
      `gradOutput.shape must match inputShape ${show(input.shape)} in all but the two spatial sizes, but got ${show(grad.shape)}`,
    );
  }
  const indexLead = batchAndChannels(idx.shape, dataFormat);
  if (idx.shape.length !== input.shape.length || indexLead.some((s, i) => s !== lead[i])) {
    throw new RangeError(`indices.shape must equal gradOutput.shape ${show(grad.shape)} (the maxPool2d output), but got ${show(idx.shape)}`);
  }
  // The indices come from the forward and carry its output size; a
  // gradOutput of another size is the argument that is off.
  requireShape('gradOutput', grad.shape, idx.shape, 'equal to indices.shape, the maxPool2d output the indices come from');
  const gradInput = checkOutputTarget('gradInput', t.gradInput, input.shape, 'float32', [['gradOutput', gradOutput]]);
  return withBuffers(
    [
      { tensor: grad.data ? null : gradOutput, data: grad.data, count: grad.count, Type: Float32Array },
      { tensor: idx.data ? null : indices, data: idx.data, count: idx.count, Type: Int32Array },
      { tensor: gradInput, count: input.count, Type: Float32Array },
    ],
    ([gradAddress, indexAddress, outAddress]) => {
      const p = writePlan('max', null, input, null, dataFormat);
      p[Param.outH] = grad.h;
      p[Param.outW] = grad.w;
      const status = wasm.maxBackward(paramBlock(), gradAddress, indexAddress, outAddress);
      if (status === Status.badIndices) throw badIndex(new Int32Array(wasm.HEAP32.buffer, indexAddress, idx.count), input);
      check(status, 'maxPool2dBackward');
      return result(gradInput, input.count, Float32Array, outAddress, input.shape);
    },
  );
}

function badIndex(values, input) {
  const limit = input.h * input.w;
  const at = values.findIndex((v) => v < -1 || v >= limit);
  return new RangeError(
    `indices must lie in [-1, ${limit}) (positions inside a ${input.h}×${input.w} plane), but got ${values[at]} at position ${at}`,
  );
}

/** Average pooling. */
export function avgPool2d(x, options, targets) {
  const { o, input, out, shape, count } = forwardPlan('avg', x, options);
  const t = checkTargets(targets, ['output']);
  const output = checkOutputTarget('output', t.output, shape, 'float32', [['x', x]]);
  return withBuffers(
    [
      { tensor: input.data ? null : x, data: input.data, count: input.count, Type: Float32Array },
      { tensor: output, count, Type: Float32Array },
    ],
    ([inAddress, outAddress]) => {
      writePlan('avg', o, input, out);
      check(wasm.avgForward(paramBlock(), inAddress, outAddress), 'avgPool2d');
      return result(output, count, Float32Array, outAddress, shape);
    },
  );
}

/** Average pooling's input gradient: needs only gradOutput, the input's shape and the options. */
export function avgPool2dBackward(gradOutput, inputShape, options, targets) {
  module();
  const given = checkInputShape('inputShape', inputShape, 'NCHW');
  const o = normalizeOptions('avg', options, 'avgPool2dBackward');
  const input = { ...given, ...layoutOf(given.shape, given.count, o.dataFormat) };
  const grad = describePooled('gradOutput', gradOutput, o.dataFormat);
  const out = planeOutputShape([input.h, input.w], o);
  const expected = withSpatial(input.shape, o.dataFormat, out);
  requireShape('gradOutput', grad.shape, expected, `the avgPool2d output for inputShape ${show(input.shape)}`);
  const t = checkTargets(targets, ['gradInput']);
  const gradInput = checkOutputTarget('gradInput', t.gradInput, input.shape, 'float32', [['gradOutput', gradOutput]]);
  return withBuffers(
    [
      { tensor: grad.data ? null : gradOutput, data: grad.data, count: grad.count, Type: Float32Array },
      { tensor: gradInput, count: input.count, Type: Float32Array },
    ],
    ([gradAddress, outAddress]) => {
      writePlan('avg', o, input, out);
      check(wasm.avgBackward(paramBlock(), gradAddress, outAddress), 'avgPool2dBackward');
      return result(gradInput, input.count, Float32Array, outAddress, input.shape);
    },
  );
}
