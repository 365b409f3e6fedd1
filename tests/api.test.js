// The JS API beyond the recorded fixtures: gradients against finite
// differences, the zero-copy heap tensors, and the notebook-style layers.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AvgPool2d, MaxPool2d, alloc, avgPool2d, avgPool2dBackward, maxPool2d, maxPool2dBackward, memoryStats, ready, tensor, toNested,
} from 'poolgrad';

beforeAll(() => ready());

// Deterministic distinct values so that every max is unique (finite differences need that).
function distinctInput(shape, seed) {
  const n = shape.reduce((a, b) => a * b, 1);
  const order = Array.from({ length: n }, (_, i) => i);
  let s = seed;
  for (let i = n - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return { data: Float32Array.from(order, (v) => (v - n / 2) / 4), shape };
}

// d(sum(gradOutput · f(x))) / dx by central differences, in float64 via the float32 op.
function numericGradient(f, x, gradOutput, eps = 1e-2) {
  const loss = (data) => f({ data, shape: x.shape }).data.reduce((acc, v, i) => acc + v * gradOutput.data[i], 0);
  return x.data.map((_, i) => {
    const plus = x.data.slice();
    const minus = x.data.slice();
    plus[i] += eps;
    minus[i] -= eps;
    return (loss(plus) - loss(minus)) / (2 * eps);
  });
}

describe('gradients agree with finite differences', () => {
  const cases = [
    { kernelSize: 3, stride: 2 },
    { kernelSize: [3, 2], stride: [1, 2], padding: [1, 1] },
    { kernelSize: 2, stride: 1, dilation: 2, ceilMode: true },
  ];
  it.each(cases)('max_pool_finite_differences %o', (options) => {
    const x = distinctInput([1, 2, 7, 6], 11);
    const { output, indices } = maxPool2d(x, options);
    const g = { data: output.data.map((_, i) => ((i * 7) % 5) - 2), shape: output.shape };
    const analytic = maxPool2dBackward(g, indices, x.shape).data;
    const numeric = numericGradient((t) => maxPool2d(t, options).output, x, g);
    numeric.forEach((v, i) => expect(analytic[i]).toBeCloseTo(v, 3));
  });
  it.each([
    { kernelSize: 3, stride: 2 },
    { kernelSize: 3, stride: 2, padding: 1, countIncludePad: false, ceilMode: true },
    { kernelSize: [2, 3], stride: 1, padding: [1, 1], divisorOverride: 4 },
  ])('avg_pool_finite_differences %o', (options) => {
    const x = distinctInput([2, 1, 6, 7], 5);
    const output = avgPool2d(x, options);
    const g = { data: output.data.map((_, i) => ((i * 3) % 7) - 3), shape: output.shape };
    const analytic = avgPool2dBackward(g, x.shape, options).data;
    const numeric = numericGradient((t) => avgPool2d(t, options), x, g);
    numeric.forEach((v, i) => expect(analytic[i]).toBeCloseTo(v, 3));
  });
});

describe('notebook layers', () => {
  it('backprop_yx_with_padding_counts_from_window_anchor', () => {
    // Window anchored at (-1, -1): the max at input (0, 0) is tap (1, 1).
    const layer = new MaxPool2d({ kernelSize: 2, stride: 2, padding: 1 });
    layer.forward(tensor([[[9, 1], [1, 1]]]));
    expect(toNested(layer.backpropYX)[0][0][0]).toEqual([1, 1]);
  });

  it('backprop_yx_with_dilation_is_tap_index', () => {
    const layer = new MaxPool2d({ kernelSize: 2, stride: 1, dilation: 2 });
    layer.forward(tensor([[[0, 0, 0], [0, 0, 0], [0, 0, 5]]]));
    expect(toNested(layer.backpropYX)).toEqual([[[[1, 1]]]]);
  });

  it('empty_window_gives_minus_inf_index_minus_one_and_no_gradient', () => {
    // in=2, k=2, d=3, p=1: the window taps -1 and 2 on both axes, all outside.
    const layer = new MaxPool2d({ kernelSize: 2, stride: 1, padding: 1, dilation: 3 });
    const output = layer.forward(tensor([[[1, 2], [3, 4]]]));
    expect(Array.from(output.data)).toEqual([-Infinity]);
    expect(Array.from(layer.indices.data)).toEqual([-1]);
    expect(toNested(layer.backpropYX)).toEqual([[[[-1, -1]]]]);
    expect(Array.from(layer.backwardInput(tensor([[[5]]])).data)).toEqual([0, 0, 0, 0]);
  });

  it('backward_before_forward_is_a_clear_error', () => {
    expect(() => new MaxPool2d({ kernelSize: 2 }).backwardInput(tensor([[[1]]]))).toThrow(/forward\(x\)/);
    expect(() => new AvgPool2d({ kernelSize: 2 }).backwardInput(tensor([[[1]]]))).toThrow(/forward\(x\)/);
    expect(new MaxPool2d({ kernelSize: 2 }).backpropYX).toBeNull();
  });

  it('layer_options_are_a_frozen_copy', () => {
    const options = { kernelSize: [2, 2] };
    const layer = new MaxPool2d(options);
    options.kernelSize[0] = 99;
    expect(layer.options.kernelSize).toEqual([2, 2]);
    expect(Object.isFrozen(layer.options)).toBe(true);
  });

  it('ready_resolves_at_once_when_loaded', async () => {
    const first = ready();
    expect(ready()).toBe(first);
    await first;
  });
});

describe('zero-copy heap tensors', () => {
  it('resident_inputs_and_outputs_match_plain_calls', () => {
    const plain = distinctInput([2, 3, 9, 8], 3);
    const x = alloc(plain.shape);
    x.data.set(plain.data);
    const y = alloc([2, 3, 5, 4]);
    const idx = alloc([2, 3, 5, 4], 'int32');
    const result = maxPool2d(x, { kernelSize: 3, stride: 2, padding: 1 }, { output: y, indices: idx });
    expect(result.output).toBe(y);
    expect(result.indices).toBe(idx);
    const reference = maxPool2d(plain, { kernelSize: 3, stride: 2, padding: 1 });
    expect(Array.from(y.data)).toEqual(Array.from(reference.output.data));
    expect(Array.from(idx.data)).toEqual(Array.from(reference.indices.data));

    const gx = alloc(plain.shape);
    maxPool2dBackward(y, idx, plain.shape, { gradInput: gx });
    expect(Array.from(gx.data)).toEqual(Array.from(maxPool2dBackward(reference.output, reference.indices, plain.shape).data));

    const a = alloc([2, 3, 5, 4]);
    avgPool2d(x, { kernelSize: 3, stride: 2, padding: 1 }, { output: a });
    expect(Array.from(a.data)).toEqual(Array.from(avgPool2d(plain, { kernelSize: 3, stride: 2, padding: 1 }).data));
    avgPool2dBackward(a, plain.shape, { kernelSize: 3, stride: 2, padding: 1 }, { gradInput: gx });
    expect(Array.from(gx.data)).toEqual(Array.from(avgPool2dBackward(a, plain.shape, { kernelSize: 3, stride: 2, padding: 1 }).data));
    for (const t of [x, y, idx, gx, a]) t[Symbol.dispose]();
    expect(memoryStats().liveTensors).toBe(0);
  });

  it('heap_tensors_are_64_byte_aligned_and_views_survive_memory_growth', () => {
    const x = alloc([1, 1, 4, 4]);
    x.data.set(Float32Array.from({ length: 16 }, (_, i) => i));
    expect(x.address % 64).toBe(0);
    const before = memoryStats().heapBytes;
    const big = alloc([64, 1024, 1024]); // 256 MiB forces the wasm memory to grow
    expect(memoryStats().heapBytes).toBeGreaterThan(before);
    expect(Array.from(x.data)).toEqual(Array.from({ length: 16 }, (_, i) => i));
    big.free();
    x.free();
  });

  it('freed_tensors_are_refused_and_free_is_idempotent', () => {
    const x = alloc([1, 1, 2, 2]);
    x.free();
    x.free();
    expect(x.freed).toBe(true);
    expect(() => maxPool2d(x, { kernelSize: 2 })).toThrow(/freed/);
    expect(() => x.data).toThrow(/freed/);
  });

  it('output_target_must_have_the_output_shape', () => {
    const x = alloc([1, 1, 4, 4]);
    const wrong = alloc([1, 1, 3, 3]);
    expect(() => maxPool2d(x, { kernelSize: 2 }, { output: wrong })).toThrow('output.shape must be [1, 1, 2, 2], but got [1, 1, 3, 3]');
    x.free();
    wrong.free();
  });

  it('plain_calls_leave_no_wasm_allocation_behind', () => {
    const before = memoryStats();
    for (let i = 0; i < 50; i++) {
      const x = distinctInput([1, 2, 6, 6], i + 1);
      const { output, indices } = maxPool2d(x, { kernelSize: 2 });
      maxPool2dBackward(output, indices, x.shape);
      avgPool2dBackward(avgPool2d(x, { kernelSize: 3, padding: 1 }), x.shape, { kernelSize: 3, padding: 1 });
      expect(() => maxPool2d(x, { kernelSize: 9 })).toThrow(RangeError);
    }
    const after = memoryStats();
    expect(after.bytesInUse).toBe(before.bytesInUse);
    expect(after.liveTensors).toBe(before.liveTensors);
  });
});
