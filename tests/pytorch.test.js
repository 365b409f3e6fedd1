// Every case recorded from real PyTorch (tests/fixtures/record_pytorch.py):
// values within 1e-5, indices exactly, gradients within 1e-5. The one
// deliberate difference: PyTorch's CPU kernel points a NaN window at its
// *last* NaN; poolgrad (like NumPy's argmax in the notebook) at its first.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { AvgPool2d, MaxPool2d, avgPool2d, avgPool2dBackward, maxPool2d, maxPool2dBackward, outputShape, ready } from 'poolgrad';

const fixtures = JSON.parse(readFileSync(new URL('./fixtures/pytorch.json', import.meta.url), 'utf8'));
const decode = (values) => Float32Array.from(values, (v) => (v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v));

beforeAll(() => ready());

function expectClose(actual, expected, what) {
  expect(actual.length, `${what} length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const [a, e] = [actual[i], expected[i]];
    const ok = Number.isNaN(e) ? Number.isNaN(a) : !Number.isFinite(e) ? a === e : Math.abs(a - e) <= 1e-5 * Math.max(1, Math.abs(e));
    if (!ok) expect.fail(`${what}[${i}]: got ${a}, PyTorch ${e}`);
  }
}

// Flat positions (h·W + w) a max window covers, in row-major tap order.
function windowCells(c, plane, oh, ow) {
  const pair = (v, d) => (v === undefined ? [d, d] : Array.isArray(v) ? v : [v, v]);
  const k = pair(c.options.kernelSize);
  const s = pair(c.options.stride ?? c.options.kernelSize);
  const p = pair(c.options.padding, 0);
  const d = pair(c.options.dilation, 1);
  const [H, W] = c.inputShape.slice(-2);
  const cells = [];
  for (let i = 0; i < k[0]; i++) {
    for (let j = 0; j < k[1]; j++) {
      const h = oh * s[0] - p[0] + i * d[0];
      const w = ow * s[1] - p[1] + j * d[1];
      if (h >= 0 && h < H && w >= 0 && w < W) cells.push(plane * H * W + h * W + w);
    }
  }
  return cells;
}

describe.each(fixtures.cases.filter((c) => c.op === 'max'))('pytorch max: $name', (c) => {
  const x = { data: decode(c.input), shape: c.inputShape };
  const grad = { data: decode(c.gradOutput), shape: c.outputShape };

  it('output_shape_matches', () => {
    expect(outputShape(c.inputShape.slice(-2), c.options)).toEqual(c.outputShape.slice(-2));
  });

  it('values_and_indices_match', () => {
    const { output, indices } = maxPool2d(x, c.options);
    expect(output.shape).toEqual(c.outputShape);
    expectClose(output.data, decode(c.output), 'output');
    const [Ho, Wo] = c.outputShape.slice(-2);
    const [H, W] = c.inputShape.slice(-2);
    indices.data.forEach((index, i) => {
      if (!Number.isNaN(output.data[i])) {
        expect(index, `indices[${i}]`).toBe(c.indices[i]);
        return;
      }
      const plane = Math.floor(i / (Ho * Wo));
      const firstNan = windowCells(c, plane, Math.floor((i % (Ho * Wo)) / Wo), i % Wo).find((cell) => Number.isNaN(x.data[cell]));
      expect(index, `indices[${i}] (first NaN of the window)`).toBe(firstNan - plane * H * W);
    });
  });

  it('gradient_matches', () => {
    const { indices } = maxPool2d(x, c.options);
    const gradInput = maxPool2dBackward(grad, indices, c.inputShape);
    const expected = decode(c.gradInput);
    // At NaN inputs PyTorch routes to the last NaN and poolgrad to the first.
    const comparable = (values) => values.filter((_, i) => !Number.isNaN(x.data[i]));
    expectClose(comparable(gradInput.data), comparable(expected), 'gradInput');
    const layer = new MaxPool2d(c.options);
    layer.forward(x);
    expectClose(layer.backwardInput(grad).data, gradInput.data, 'MaxPool2d.backwardInput');
  });
});

describe.each(fixtures.cases.filter((c) => c.op === 'avg'))('pytorch avg: $name', (c) => {
  const x = { data: decode(c.input), shape: c.inputShape };
  const grad = { data: decode(c.gradOutput), shape: c.outputShape };

  it('values_match', () => {
    const output = avgPool2d(x, c.options);
    expect(output.shape).toEqual(c.outputShape);
    expectClose(output.data, decode(c.output), 'output');
  });

  it('gradient_matches', () => {
    expectClose(avgPool2dBackward(grad, c.inputShape, c.options).data, decode(c.gradInput), 'gradInput');
    const layer = new AvgPool2d(c.options);
    layer.forward(x);
    expectClose(layer.backwardInput(grad).data, decode(c.gradInput), 'AvgPool2d.backwardInput');
  });
});

it('fixtures_cover_every_option', () => {
  const used = new Set(fixtures.cases.flatMap((c) => Object.keys(c.options)));
  expect([...used].sort()).toEqual(['ceilMode', 'countIncludePad', 'dilation', 'divisorOverride', 'kernelSize', 'padding', 'stride']);
  expect(fixtures.cases.some((c) => c.inputShape.length === 3)).toBe(true);
  expect(fixtures.cases.some((c) => c.input.includes('nan'))).toBe(true);
});
