// tfjs-core's pooling op tests (maxPool, avgPool, maxPoolWithArgmax, pool and
// their gradients; tests/fixtures/tfjs.json, made by
// tests/fixtures/record_tfjs.mjs), run through the public API in NHWC. The
// cases where tfjs contradicts the PyTorch/ONNX definitions poolgrad follows
// are listed below with the reason; each must really differ, so the list
// cannot hide a case that would pass.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { avgPool2d, avgPool2dBackward, maxPool2d, maxPool2dBackward, ready } from 'poolgrad';

await ready();

const fixture = JSON.parse(readFileSync(new URL('../fixtures/tfjs.json', import.meta.url), 'utf8'));

/** tfjs rounding poolgrad does not offer: it refuses it, naming ceilMode. */
const UNSUPPORTED = {
  'x=[2,2,3] f=[2,2] s=3 p=1 dimRoundingMode=round': "dimRoundingMode 'round' has no PyTorch or ONNX counterpart.",
  'max x=[3,3,1] f=[3,3] s=3 d=1 p=explicit dimRoundingMode=round': "dimRoundingMode 'round' has no PyTorch or ONNX counterpart.",
  'avg x=[3,3,1] f=[3,3] s=3 d=1 p=explicit dimRoundingMode=round': "dimRoundingMode 'round' has no PyTorch or ONNX counterpart.",
};

/** tfjs test name → why poolgrad answers differently (README "Conformance"). */
export const CONTRADICTIONS = {
  '[x=[3,3,1] f=[2,2] s=1 ignores NaNs':
    'tfjs max pooling skips NaN; PyTorch and ONNX propagate it (a window holding NaN gives NaN).',
  '[x=[1,3,3,1] f=[2,2] s=1 ignores NaNs':
    'tfjs max pooling skips NaN; PyTorch and ONNX propagate it (a window holding NaN gives NaN and points at it).',
  'x=[2,2,3] f=[2,2] s=3 p=1 dimRoundingMode=ceil':
    'tfjs ceil rounding keeps a last window that starts in the end padding; PyTorch and ONNX (ceil_mode) drop it.',
  'max x=[3,3,1] f=[3,3] s=3 d=1 p=explicit dimRoundingMode=ceil':
    'tfjs ceil rounding keeps a last window that starts in the end padding; PyTorch and ONNX (ceil_mode) drop it.',
  'avg x=[3,3,1] f=[3,3] s=3 d=1 p=explicit dimRoundingMode=ceil':
    'tfjs ceil rounding keeps a last window that starts in the end padding; PyTorch and ONNX (ceil_mode) drop it.',
  'max x=[2,2,3] f=[1,1] s=2 p=1 fractional outputs default rounding':
    'tfjs pool() places the windows as if the leading padding were 0 when the output size is fractional; with padding 1 on each side the first window lies wholly in the padding (PyTorch/ONNX: −∞ for max).',
  'avg x=[2,2,3] f=[1,1] s=2 p=1 fractional outputs default rounding':
    'tfjs pool() places the windows as if the leading padding were 0 when the output size is fractional; with padding 1 on each side the first window lies wholly in the padding (ONNX without count_include_pad: 0 / 0 = NaN).',
  'gradient x=[3,3,1] f=[3,3] s=1 p=explicit':
    "tfjs's avgPool gradient divides by the whole window area while its forward divides by the input elements in the window; poolgrad's gradient is the derivative of its forward (checked against finite differences).",
  'input int32 throws error':
    'tfjs refuses an int32 tensor for average pooling; poolgrad takes any numeric data as float32.',
  'max throws when neither s=1 nor d=1':
    'tfjs pool() refuses stride > 1 together with dilation > 1 (a TensorFlow limit); ONNX allows both and so does poolgrad.',
  'avg throws when neither s=1 nor d=1':
    'tfjs pool() refuses stride > 1 together with dilation > 1 (a TensorFlow limit); ONNX allows both and so does poolgrad.',
};

const pair = (v) => (Array.isArray(v) ? v : [v, v]);

/** poolgrad options for tfjs's (filterSize, strides, pad, dilations, dimRoundingMode). */
function optionsOf(filterSize, strides, pad, dilations, dimRoundingMode) {
  let padding;
  if (typeof pad === 'string') padding = pad;
  else if (Array.isArray(pad)) padding = [pad[1][0], pad[1][1], pad[2][0], pad[2][1]];
  else padding = [pad, pad, pad, pad];
  const options = { kernelSize: pair(filterSize), stride: pair(strides ?? 1), dilation: pair(dilations ?? 1), padding, dataFormat: 'NHWC' };
  // tfjs rounds sizes with trunc (= floor here) unless told; 'ceil' is
  // ceilMode; 'round' has no poolgrad counterpart and is passed on to be refused.
  if (dimRoundingMode === 'ceil') options.ceilMode = true;
  else if (dimRoundingMode !== undefined && dimRoundingMode !== 'floor') options.ceilMode = dimRoundingMode;
  return options;
}

function run(record) {
  const [input, ...args] = record.args;
  const x = input.tensor ? { data: Float32Array.from(input.tensor.data, Number), shape: input.tensor.shape } : input.notATensor;
  const dy = record.dy && { data: Float32Array.from(record.dy.tensor.data, Number), shape: record.dy.tensor.shape };
  let kind;
  let options;
  if (record.op.startsWith('pool')) {
    const [windowShape, poolingType, pad, dilations, strides, dimRoundingMode] = args;
    kind = poolingType;
    options = optionsOf(windowShape, strides, pad, dilations, dimRoundingMode);
  } else {
    const [filterSize, strides, pad, fifth] = args;
    kind = record.op.startsWith('avg') ? 'avg' : 'max';
    options = optionsOf(filterSize, strides, pad, 1, record.op === 'maxPoolWithArgmax' ? undefined : fifth);
  }
  if (input.tensor && input.tensor.dtype === 'int32' && kind === 'avg') x.data = Int32Array.from(input.tensor.data);
  const grad = record.op.endsWith('Grad');
  if (kind === 'avg') {
    const avg = { ...options, countIncludePad: false }; // TensorFlow averages over the input elements only
    if (grad) return { output: avgPool2dBackward(dy, x.shape, avg) };
    return { output: avgPool2d(x, avg) };
  }
  const { output, indices } = maxPool2d(x, options);
  if (grad) return { output: maxPool2dBackward(dy, indices, x.shape, { dataFormat: 'NHWC' }) };
  if (record.op !== 'maxPoolWithArgmax') return { output };
  // tfjs counts (y·W + x)·C + c, per batch or (includeBatchInIndex) over the whole tensor.
  const [h, w, c] = x.shape.slice(-3);
  const perBatch = (indices.data.length / (x.shape.length === 4 ? x.shape[0] : 1));
  const withBatch = args[3] === true;
  const data = Array.from(indices.data, (v, i) => (withBatch ? Math.floor(i / perBatch) * h * w * c : 0) + v * c + (i % c));
  return { output, indexes: { data, shape: indices.shape } };
}

// tfjs's expectArraysClose for float32: |a − e| ≤ 1e-3, NaN equals NaN.
function expectClose(got, want) {
  expect(got.length).toBe(want.length);
  got.forEach((v, i) => {
    if (Number.isNaN(want[i]) || want[i] === Infinity || want[i] === -Infinity) expect(v).toBe(want[i]);
    else expect(Math.abs(v - want[i]), `element ${i}: ${v} vs ${want[i]}`).toBeLessThanOrEqual(1e-3);
  });
}

function check(record) {
  if (record.expect.throws) {
    expect(() => run(record)).toThrow();
    return;
  }
  const results = run(record);
  for (const part of ['output', 'indexes']) {
    if (record.expect[`${part}Shape`]) expect(results[part].shape).toEqual(record.expect[`${part}Shape`]);
    if (record.expect[part]) expectClose(Array.from(results[part].data), record.expect[part].map(Number));
  }
}

describe('tfjs-core pooling op tests', () => {
  it('the_fixture_holds_the_cases', () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(110);
    expect(fixture.skipped).toEqual([]);
  });
  for (const test of fixture.cases) {
    const name = `${test.file}: ${test.name}`;
    if (test.name in UNSUPPORTED) {
      it(`${name} (refused: not offered)`, () => {
        for (const record of test.calls) expect(() => run(record)).toThrow(/ceilMode must be true or false/);
      });
      continue;
    }
    if (test.name in CONTRADICTIONS) {
      it(`${name} (differs on purpose)`, () => {
        expect(() => test.calls.forEach(check)).toThrow();
      });
      continue;
    }
    it(name, () => test.calls.forEach(check));
  }
});
