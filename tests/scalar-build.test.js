// The scalar fallback build (dist/poolgrad-scalar.*, no WebAssembly SIMD) is
// the one loaded where SIMD is missing. Here the SIMD probe is made to fail,
// the package is imported afresh, and the scalar build must give the same
// bits as the SIMD build on random cases that cover every fast path
// (cpp/src/pool_simd.cpp) and the general one.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as simd from 'poolgrad';
import { mulberry32 as rng } from '../js/checker/random.js';

let scalar;

beforeAll(async () => {
  await simd.ready();
  const real = WebAssembly;
  vi.stubGlobal('WebAssembly', Object.assign(Object.create(real), { validate: () => false }));
  vi.resetModules();
  try {
    scalar = await import('poolgrad');
    await scalar.ready();
  } finally {
    vi.unstubAllGlobals();
  }
});

afterAll(() => vi.resetModules());

// Ties, negatives, ±0, ±inf and NaN (NaN only where the op is max pooling).
function values(random, n, specials) {
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const r = random();
    if (specials && r < 0.02) v[i] = NaN;
    else if (specials && r < 0.04) v[i] = r < 0.03 ? Infinity : -Infinity;
    else if (r < 0.06) v[i] = -0;
    else if (r < 0.5) v[i] = Math.floor(random() * 7) - 3;
    else v[i] = (random() - 0.5) * 200;
  }
  return v;
}

const bits = (a) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length), (x, i) => (Number.isNaN(a[i]) ? 'NaN' : x));

function randomCase(seed) {
  const random = rng(seed);
  const pick = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
  const kernel = [pick(1, 4), pick(1, 4)];
  // Bias toward the fast paths' geometries: stride 1, 2 or = kernel.
  const strideOf = (k) => [1, 2, k, pick(1, 4)][pick(0, 3)];
  const stride = [strideOf(kernel[0]), strideOf(kernel[1])];
  const padding = [pick(0, kernel[0] >> 1), pick(0, kernel[1] >> 1)];
  const shape = [pick(1, 2), pick(1, 3), pick(kernel[0], 14), pick(kernel[1], 30)];
  return { random, kernel, stride, padding, shape, ceilMode: random() < 0.3, countIncludePad: random() < 0.7 };
}

describe('scalar fallback build', () => {
  it('is_selected_when_the_simd_probe_fails', () => {
    expect(simd.memoryStats().simd).toBe(true);
    expect(scalar.memoryStats().simd).toBe(false);
  });

  it('max_pooling_with_nan_ties_and_infinities_matches_simd_build_bit_for_bit', () => {
    for (let seed = 1; seed <= 150; seed++) {
      const c = randomCase(seed);
      const opts = { kernelSize: c.kernel, stride: c.stride, padding: c.padding, ceilMode: c.ceilMode };
      const x = { data: values(c.random, c.shape.reduce((a, b) => a * b), true), shape: c.shape };
      const a = simd.maxPool2d(x, opts);
      const b = scalar.maxPool2d(x, opts);
      expect(bits(b.output.data), `seed ${seed}`).toEqual(bits(a.output.data));
      expect(Array.from(b.indices.data), `seed ${seed}`).toEqual(Array.from(a.indices.data));
      const g = { data: values(c.random, a.output.data.length, false), shape: a.output.shape };
      expect(bits(scalar.maxPool2dBackward(g, b.indices, c.shape).data), `seed ${seed}`).toEqual(
        bits(simd.maxPool2dBackward(g, a.indices, c.shape).data),
      );
    }
  });

  it('average_pooling_forward_and_backward_match_simd_build_bit_for_bit', () => {
    for (let seed = 1001; seed <= 1150; seed++) {
      const c = randomCase(seed);
      const opts = { kernelSize: c.kernel, stride: c.stride, padding: c.padding, ceilMode: c.ceilMode, countIncludePad: c.countIncludePad };
      const x = { data: values(c.random, c.shape.reduce((a, b) => a * b), false), shape: c.shape };
      const a = simd.avgPool2d(x, opts);
      expect(bits(scalar.avgPool2d(x, opts).data), `seed ${seed}`).toEqual(bits(a.data));
      const g = { data: values(c.random, a.data.length, false), shape: a.shape };
      expect(bits(scalar.avgPool2dBackward(g, c.shape, opts).data), `seed ${seed}`).toEqual(
        bits(simd.avgPool2dBackward(g, c.shape, opts).data),
      );
    }
  });
});
