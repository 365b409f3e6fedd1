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

// --- the ONNX/TensorFlow conventions -----------------------------------------------

// [N, C, H, W] ↔ [N, H, W, C] of plain tensors.
function toNHWC({ data, shape: [n, c, h, w] }) {
  const out = new data.constructor(data.length);
  for (let b = 0; b < n; b++) for (let ch = 0; ch < c; ch++) for (let i = 0; i < h * w; i++) out[(b * h * w + i) * c + ch] = data[(b * c + ch) * h * w + i];
  return { data: out, shape: [n, h, w, c] };
}

const conventionCases = [
  { kernelSize: 3, stride: 2, padding: [0, 2, 1, 0] },
  { kernelSize: [2, 3], stride: [2, 1], padding: 'same' },
  { kernelSize: 3, stride: 2, padding: 'same-lower', dilation: [1, 2] },
  { kernelSize: 2, stride: 3, padding: 'valid', ceilMode: true },
  { kernelSize: [3, 2], stride: 1, padding: [2, 2, 0, 3], ceilMode: true, dilation: 2 },
];

describe('NHWC gives the NCHW results transposed, indices unchanged', () => {
  for (const options of conventionCases) {
    it(`max_${JSON.stringify(options)}`, () => {
      const x = distinctInput([2, 3, 7, 8], 5);
      const nchw = maxPool2d(x, options);
      const nhwc = maxPool2d(toNHWC(x), { ...options, dataFormat: 'NHWC' });
      expect(nhwc.output.shape).toEqual(toNHWC(nchw.output).shape);
      expect(Array.from(nhwc.output.data)).toEqual(Array.from(toNHWC(nchw.output).data));
      expect(Array.from(nhwc.indices.data)).toEqual(Array.from(toNHWC(nchw.indices).data));
      const g = distinctInput(nchw.output.shape, 9);
      const back = maxPool2dBackward(g, nchw.indices, x.shape);
      const backNHWC = maxPool2dBackward(toNHWC(g), nhwc.indices, toNHWC(x).shape, { dataFormat: 'NHWC' });
      expect(Array.from(backNHWC.data)).toEqual(Array.from(toNHWC(back).data));
    });
    it(`avg_${JSON.stringify(options)}`, () => {
      for (const countIncludePad of [true, false]) {
        const o = { ...options, countIncludePad };
        const x = distinctInput([2, 3, 7, 8], 6);
        const nchw = avgPool2d(x, o);
        const nhwc = avgPool2d(toNHWC(x), { ...o, dataFormat: 'NHWC' });
        expect(Array.from(nhwc.data)).toEqual(Array.from(toNHWC(nchw).data));
        const g = distinctInput(nchw.shape, 2);
        const back = avgPool2dBackward(g, x.shape, o);
        const backNHWC = avgPool2dBackward(toNHWC(g), toNHWC(x).shape, { ...o, dataFormat: 'NHWC' });
        expect(Array.from(backNHWC.data)).toEqual(Array.from(toNHWC(back).data));
      }
    });
  }
  it('unbatched_HWC_keeps_its_rank', () => {
    const x = { data: Float32Array.from({ length: 4 * 4 * 2 }, (_, i) => i), shape: [4, 4, 2] };
    const { output, indices } = maxPool2d(x, { kernelSize: 2, dataFormat: 'NHWC' });
    expect(output.shape).toEqual([2, 2, 2]);
    // Channel 0 holds the even values 0, 2, …: plane value v sits at position v / 2.
    expect(Array.from(output.data)).toEqual([10, 11, 14, 15, 26, 27, 30, 31]);
    expect(Array.from(indices.data)).toEqual([5, 5, 7, 7, 13, 13, 15, 15]);
  });
});

describe('returnIndices: false', () => {
  for (const options of [{ kernelSize: 2 }, { kernelSize: 3, stride: 2, padding: 1 }, ...conventionCases]) {
    for (const dataFormat of ['NCHW', 'NHWC']) {
      it(`${dataFormat}_${JSON.stringify(options)}_gives_the_same_output_and_no_indices`, () => {
        const x = distinctInput([1, 4, 9, 11], 3);
        // NaN and -inf too: a window holding NaN must give NaN without indices as well.
        x.data[7] = NaN;
        x.data[20] = -Infinity;
        const input = dataFormat === 'NHWC' ? toNHWC(x) : x;
        const full = maxPool2d(input, { ...options, dataFormat });
        const values = maxPool2d(input, { ...options, dataFormat, returnIndices: false });
        expect(Object.keys(values)).toEqual(['output']);
        expect(values.output.shape).toEqual(full.output.shape);
        expect(Array.from(values.output.data)).toEqual(Array.from(full.output.data));
      });
    }
  }
  it('writes_into_an_output_target', () => {
    const x = distinctInput([1, 2, 6, 6], 4);
    const y = alloc([1, 2, 3, 3]);
    const r = maxPool2d(x, { kernelSize: 2, returnIndices: false }, { output: y });
    expect(r.output).toBe(y);
    expect(Array.from(y.data)).toEqual(Array.from(maxPool2d(x, { kernelSize: 2 }).output.data));
    y.free();
  });
});

describe('padding forms', () => {
  it('same_keeps_ceil_of_size_over_stride_with_the_odd_padding_at_the_end', () => {
    // One row 1..6, kernel 3, stride 2: 3 windows, 1 padding. "same" pads the
    // end: windows [1,2,3], [3,4,5], [5,6,pad]; "same-lower" pads the start:
    // [pad,1,2], [2,3,4], [4,5,6].
    const x = { data: Float32Array.from([1, 2, 3, 4, 5, 6]), shape: [1, 1, 6] };
    const upper = avgPool2d(x, { kernelSize: [1, 3], stride: [1, 2], padding: 'same', countIncludePad: false });
    expect(Array.from(upper.data)).toEqual([2, 4, 5.5]);
    const lower = avgPool2d(x, { kernelSize: [1, 3], stride: [1, 2], padding: 'same-lower', countIncludePad: false });
    expect(Array.from(lower.data)).toEqual([1.5, 3, 5]);
    const included = avgPool2d(x, { kernelSize: [1, 3], stride: [1, 2], padding: 'same' });
    expect(Array.from(included.data)).toEqual([2, 4, 11 / 3].map(Math.fround));
  });
  it('four_numbers_are_top_bottom_left_right_and_may_exceed_half_the_kernel', () => {
    const x = { data: Float32Array.from([1, 2, 3, 4]), shape: [1, 2, 2] };
    const { output, indices } = maxPool2d(x, { kernelSize: 2, stride: 1, padding: [0, 0, 2, 0] });
    // Left padding 2: the first window lies wholly in the padding.
    expect(output.shape).toEqual([1, 1, 3]);
    expect(Array.from(output.data)).toEqual([-Infinity, 3, 4]);
    expect(Array.from(indices.data)).toEqual([-1, 2, 3]);
    expect(() => maxPool2d(x, { kernelSize: 2, stride: 1, padding: [2, 0] })).toThrow(/at most half/);
  });
  it('a_pair_or_number_keeps_pytorch_results', () => {
    const x = distinctInput([1, 2, 7, 7], 8);
    for (const [pair, quad] of [[1, [1, 1, 1, 1]], [[1, 0], [1, 1, 0, 0]]]) {
      const a = maxPool2d(x, { kernelSize: 3, stride: 2, padding: pair, ceilMode: true });
      const b = maxPool2d(x, { kernelSize: 3, stride: 2, padding: quad, ceilMode: true });
      expect(Array.from(b.output.data)).toEqual(Array.from(a.output.data));
      expect(Array.from(b.indices.data)).toEqual(Array.from(a.indices.data));
    }
  });
  it('the_words_ignore_ceilMode_as_onnx_auto_pad_does', () => {
    const x = distinctInput([1, 1, 5, 5], 2);
    expect(avgPool2d(x, { kernelSize: 2, padding: 'valid', ceilMode: true }).shape).toEqual([1, 1, 2, 2]);
    expect(avgPool2d(x, { kernelSize: 2, padding: 'same', ceilMode: true }).shape).toEqual([1, 1, 3, 3]);
  });
});

describe('gradients of the new forms agree with finite differences', () => {
  const check = (forward, backward, x, g) => {
    const numeric = numericGradient(forward, x, g);
    const analytic = backward(g);
    analytic.data.forEach((v, i) => expect(v).toBeCloseTo(numeric[i], 2));
  };
  for (const options of conventionCases) {
    for (const dataFormat of ['NCHW', 'NHWC']) {
      const shape = dataFormat === 'NHWC' ? [1, 6, 7, 2] : [1, 2, 6, 7];
      it(`max_${dataFormat}_${JSON.stringify(options)}`, () => {
        const o = { ...options, dataFormat };
        const x = distinctInput(shape, 11);
        const { output, indices } = maxPool2d(x, o);
        const g = distinctInput(output.shape, 12);
        check((t) => maxPool2d(t, o).output, (gg) => maxPool2dBackward(gg, indices, shape, { dataFormat }), x, g);
      });
      it(`avg_${dataFormat}_${JSON.stringify(options)}`, () => {
        for (const countIncludePad of [true, false]) {
          const o = { ...options, dataFormat, countIncludePad };
          const x = distinctInput(shape, 13);
          const g = distinctInput(avgPool2d(x, o).shape, 14);
          check((t) => avgPool2d(t, o), (gg) => avgPool2dBackward(gg, shape, o), x, g);
        }
      });
    }
  }
});

describe('layers follow dataFormat and the padding forms', () => {
  it('MaxPool2d_NHWC_backpropYX_is_the_NCHW_one_per_channel', () => {
    const options = { kernelSize: 3, stride: 2, padding: 'same-lower' };
    const x = distinctInput([1, 2, 6, 7], 21);
    const a = new MaxPool2d(options);
    a.forward(x);
    const b = new MaxPool2d({ ...options, dataFormat: 'NHWC' });
    b.forward(toNHWC(x));
    const [, c, oh, ow] = a.indices.shape;
    expect(b.backpropYX.shape).toEqual([1, oh, ow, c, 2]);
    for (let ch = 0; ch < c; ch++) {
      for (let p = 0; p < oh * ow; p++) {
        const yx = [0, 1].map((k) => a.backpropYX.data[(ch * oh * ow + p) * 2 + k]);
        const yxNHWC = [0, 1].map((k) => b.backpropYX.data[(p * c + ch) * 2 + k]);
        expect(yxNHWC).toEqual(yx);
        expect(yx[0]).toBeGreaterThanOrEqual(0);
        expect(yx[0]).toBeLessThan(3);
      }
    }
    const g = distinctInput(a.indices.shape, 3);
    expect(Array.from(b.backwardInput(toNHWC(g)).data)).toEqual(Array.from(toNHWC(a.backwardInput(g)).data));
  });
  it('AvgPool2d_with_dilation_and_explicit_padding', () => {
    const options = { kernelSize: 2, dilation: 2, padding: [1, 0, 0, 1] };
    const x = distinctInput([1, 1, 5, 5], 4);
    const layer = new AvgPool2d(options);
    expect(Array.from(layer.forward(x).data)).toEqual(Array.from(avgPool2d(x, options).data));
    const g = distinctInput(layer.forward(x).shape, 5);
    expect(Array.from(layer.backwardInput(g).data)).toEqual(Array.from(avgPool2dBackward(g, x.shape, options).data));
  });
});

describe('the core refuses an output size that differs from the one JS allocated', () => {
  it('size_mismatch_throws_and_writes_nothing', async () => {
    const { writePlan, check, paramBlock } = await import('../js/core/parameter-block.js');
    const { normalizeOptions } = await import('../js/options.js');
    const { wasm } = await import('../js/core/module.js');
    const x = alloc([1, 1, 4, 4]);
    x.data.set(Float32Array.from({ length: 16 }, (_, i) => i));
    const y = alloc([1, 1, 2, 2]);
    y.data.fill(7);
    const o = normalizeOptions('max', { kernelSize: 2, returnIndices: false });
    // JS claims a 1×2 output where the core plans 2×2: as if the two sides'
    // size rules disagreed.
    writePlan('max', o, { planes: 1, channels: 1, h: 4, w: 4 }, [1, 2]);
    const status = wasm.maxForward(paramBlock(), x.address, y.address, 0);
    expect(() => check(status, 'maxPool2d')).toThrow(/computes the output size \[2, 2\], but poolgrad's JS computed \[1, 2\]/);
    expect(Array.from(y.data)).toEqual([7, 7, 7, 7]);
    x.free();
    y.free();
  });
});
