// The four pooling operations: check the arguments, fill the parameter
// block, run the kernel on wasm addresses, return the results.
import { dataFormatOf, normalizeOptions, planeOutputSize, show } from '../options.js';
import { checkShape } from '../tensor.js';
import { withBuffers, result } from './arena.js';
import { checkInputShape, checkOutputTarget, checkTargets, describePooled, layoutOf, requireShape } from './arguments.js';
import { Param, Status, core, heap, module } from './module.js';
import { check, paramBlock, writePlan } from './parameter-block.js';

/** `shape` with its spatial sizes replaced by [oh, ow], in `dataFormat`. */
export function withSpatial(shape, dataFormat, spatial) {
  const result = shape.slice();
  const h = dataFormat === 'NHWC' ? shape.length - 3 : shape.length - 2;
  result[h] = spatial[0];
  result[h + 1] = spatial[1];
  return result;
}

/** Whether shapes `a` and `b` have one rank and agree in all sizes but H and W (N and C in `dataFormat`). */
function sameBatchAndChannels(a, b, dataFormat) {
  if (a.length !== b.length) return false;
  const h = dataFormat === 'NHWC' ? a.length - 3 : a.length - 2;
  for (let i = 0; i < a.length; i++) {
    if (i !== h && i !== h + 1 && a[i] !== b[i]) return false;
  }
  return true;
}

/** What both forward operations check and size before any work: options, input, output shape and element count. */
function forwardPlan(kind, x, options) {
  module();
  const o = normalizeOptions(kind, options);
  const input = describePooled('x', x, o.dataFormat);
  const out = planeOutputSize(input.h, input.w, o);
  const shape = withSpatial(input.shape, o.dataFormat, out);
  checkShape('output shape', shape);
  return { o, input, out, shape, count: input.planes * out[0] * out[1] };
}

const MAX_TARGETS = ['output', 'indices'];
const VALUE_TARGETS = ['output'];
const BACKWARD_TARGETS = ['gradInput'];
const MAX_BACKWARD_ARGUMENTS = ['gradInput', 'dataFormat'];

/** Max pooling; returns { output, indices } (indices: flat h·W + w inside each plane, -1 for an empty window), or { output } with returnIndices: false. */
export function maxPool2d(x, options, targets) {
  const { o, input, out, shape, count } = forwardPlan('max', x, options);
  const t = checkTargets(targets, o.returnIndices ? MAX_TARGETS : VALUE_TARGETS);
  const output = checkOutputTarget('output', t.output, shape, 'float32', 'x', x);
  const indices = o.returnIndices ? checkOutputTarget('indices', t.indices, shape, 'int32', 'x', x) : null;
  return withBuffers(
    [
      { tensor: input.data ? null : x, data: input.data, count: input.count, Type: Float32Array },
      { tensor: output, count, Type: Float32Array },
      { tensor: indices, count: o.returnIndices ? count : 0, Type: Int32Array },
    ],
    ([inAddress, outAddress, indexAddress]) => {
      writePlan('max', o, input, out);
      check(core.maxForward(paramBlock(), inAddress, outAddress, indexAddress), 'maxPool2d');
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
  const t = checkTargets(targets, MAX_BACKWARD_ARGUMENTS);
  const dataFormat = dataFormatOf(t.dataFormat);
  const input = checkInputShape('inputShape', inputShape, dataFormat);
  const grad = describePooled('gradOutput', gradOutput, dataFormat);
  const idx = describePooled('indices', indices, dataFormat, 'int32');
  if (!sameBatchAndChannels(grad.shape, input.shape, dataFormat)) {
    throw new RangeError(
      `gradOutput.shape must match inputShape ${show(input.shape)} in all but the two spatial sizes, but got ${show(grad.shape)}`,
    );
  }
  if (!sameBatchAndChannels(idx.shape, input.shape, dataFormat)) {
    throw new RangeError(`indices.shape must equal gradOutput.shape ${show(grad.shape)} (the maxPool2d output), but got ${show(idx.shape)}`);
  }
  // The indices come from the forward and carry its output size; a
  // gradOutput of another size is the argument that is off.
  requireShape('gradOutput', grad.shape, idx.shape, 'equal to indices.shape, the maxPool2d output the indices come from');
  const gradInput = checkOutputTarget('gradInput', t.gradInput, input.shape, 'float32', 'gradOutput', gradOutput);
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
      const status = core.maxBackward(paramBlock(), gradAddress, indexAddress, outAddress);
      if (status === Status.badIndices) throw badIndex(new Int32Array(heap(Int32Array).buffer, indexAddress, idx.count), input);
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
  const t = checkTargets(targets, VALUE_TARGETS);
  const output = checkOutputTarget('output', t.output, shape, 'float32', 'x', x);
  return withBuffers(
    [
      { tensor: input.data ? null : x, data: input.data, count: input.count, Type: Float32Array },
      { tensor: output, count, Type: Float32Array },
    ],
    ([inAddress, outAddress]) => {
      writePlan('avg', o, input, out);
      check(core.avgForward(paramBlock(), inAddress, outAddress), 'avgPool2d');
      return result(output, count, Float32Array, outAddress, shape);
    },
  );
}

/** Average pooling's input gradient: needs only gradOutput, the input's shape and the options. */
export function avgPool2dBackward(gradOutput, inputShape, options, targets) {
  module();
  const given = checkInputShape('inputShape', inputShape, 'NCHW');
  const o = normalizeOptions('avg', options, 'avgPool2dBackward');
  const input = o.dataFormat === 'NCHW' ? given : { ...given, ...layoutOf(given.shape, given.count, o.dataFormat) };
  const grad = describePooled('gradOutput', gradOutput, o.dataFormat);
  const out = planeOutputSize(input.h, input.w, o);
  const expected = withSpatial(input.shape, o.dataFormat, out);
  requireShape('gradOutput', grad.shape, expected, () => `the avgPool2d output for inputShape ${show(input.shape)}`);
  const t = checkTargets(targets, BACKWARD_TARGETS);
  const gradInput = checkOutputTarget('gradInput', t.gradInput, input.shape, 'float32', 'gradOutput', gradOutput);
  return withBuffers(
    [
      { tensor: grad.data ? null : gradOutput, data: grad.data, count: grad.count, Type: Float32Array },
      { tensor: gradInput, count: input.count, Type: Float32Array },
    ],
    ([gradAddress, outAddress]) => {
      writePlan('avg', o, input, out);
      check(core.avgBackward(paramBlock(), gradAddress, outAddress), 'avgPool2dBackward');
      return result(gradInput, input.count, Float32Array, outAddress, input.shape);
    },
  );
}
