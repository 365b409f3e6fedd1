// ONNX's backend node tests for 2-D MaxPool and AveragePool
// (tests/fixtures/onnx.json, made by tests/fixtures/record_onnx.py), run
// through the public API in both layouts, with and without indices.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { avgPool2d, maxPool2d, ready } from 'poolgrad';

await ready();

const fixture = JSON.parse(readFileSync(new URL('../fixtures/onnx.json', import.meta.url), 'utf8'));

const AUTO_PAD = { SAME_UPPER: 'same', SAME_LOWER: 'same-lower', VALID: 'valid' };

/** poolgrad options for an ONNX node's attributes (ONNX pads: [top, left, bottom, right]). */
export function onnxOptions(op, a) {
  const [top, left, bottom, right] = a.pads;
  const options = {
    kernelSize: a.kernel_shape,
    stride: a.strides,
    dilation: a.dilations,
    padding: AUTO_PAD[a.auto_pad] ?? [top, bottom, left, right],
    ceilMode: Boolean(a.ceil_mode),
  };
  if (op === 'AveragePool') options.countIncludePad = Boolean(a.count_include_pad);
  return options;
}

function toNHWC({ data, shape: [n, c, h, w] }) {
  const out = new data.constructor(data.length);
  for (let b = 0; b < n; b++) for (let ch = 0; ch < c; ch++) for (let i = 0; i < h * w; i++) out[(b * h * w + i) * c + ch] = data[(b * c + ch) * h * w + i];
  return out;
}

// ONNX's Indices count over the whole tensor, in row-major (storage_order 0)
// or column-major (1) order inside each plane; ours are h·W + w inside it.
function onnxIndex(ours, position, [, , h, w], [, , oh, ow], storageOrder) {
  if (ours < 0) return ours;
  const plane = Math.floor(position / (oh * ow));
  const [r, c] = [Math.floor(ours / w), ours % w];
  return plane * h * w + (storageOrder ? c * h + r : r * w + c);
}

const close = (tolerance) => (got, want) => {
  expect(got.length).toBe(want.length);
  got.forEach((v, i) => {
    if (Object.is(v, want[i]) || v === want[i]) return;
    expect(Math.abs(v - want[i]), `element ${i}: ${v} vs ${want[i]}`).toBeLessThanOrEqual(tolerance * (1 + Math.abs(want[i])));
  });
};

describe('ONNX backend node tests, 2-D pooling', () => {
  it('the_fixture_holds_the_cases', () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(27);
    expect(fixture.cases.filter((c) => c.expected_from === 'published').length).toBeGreaterThanOrEqual(15);
  });
  for (const c of fixture.cases) {
    it(c.name, () => {
      const options = onnxOptions(c.op, c.attributes);
      const x = { data: Float32Array.from(c.input.data), shape: c.input.shape };
      // Published values are printed to 4 decimals in one case.
      const same = close(c.name.endsWith('last_window_starts_on_pad') ? 1e-4 : 1e-6);
      if (c.op === 'MaxPool') {
        const { output, indices } = maxPool2d(x, options);
        expect(output.shape).toEqual(c.output.shape);
        same(Array.from(output.data), c.output.data);
        if (c.indices) {
          const onnx = Array.from(indices.data, (v, i) => onnxIndex(v, i, x.shape, output.shape, c.attributes.storage_order));
          expect(onnx).toEqual(c.indices.data);
        }
        const values = maxPool2d(x, { ...options, returnIndices: false });
        same(Array.from(values.output.data), c.output.data);
        const nhwc = maxPool2d({ data: toNHWC(x), shape: [x.shape[0], x.shape[2], x.shape[3], x.shape[1]] }, { ...options, dataFormat: 'NHWC', returnIndices: false });
        same(Array.from(nhwc.output.data), Array.from(toNHWC({ data: Float32Array.from(c.output.data), shape: c.output.shape })));
      } else {
        const output = avgPool2d(x, options);
        expect(output.shape).toEqual(c.output.shape);
        same(Array.from(output.data), c.output.data);
        const nhwc = avgPool2d({ data: toNHWC(x), shape: [x.shape[0], x.shape[2], x.shape[3], x.shape[1]] }, { ...options, dataFormat: 'NHWC' });
        same(Array.from(nhwc.data), Array.from(toNHWC({ data: Float32Array.from(c.output.data), shape: c.output.shape })));
      }
    });
  }
});
