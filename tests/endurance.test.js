// Long run: 10^4 calls, good and bad mixed in a seeded random order. The
// wasm memory must not grow, malloc must hand back every byte, no alloc()
// tensor may stay alive, the JS heap must stay within a small bound, and
// every good call must keep answering exactly what it answered first.
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  AvgPool2d, MaxPool2d, alloc, avgPool2d, avgPool2dBackward, maxPool2d, maxPool2dBackward, memoryStats, outputShape, ready,
} from 'poolgrad';

await ready();

// A real gc() makes the process numbers mean something between two points.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

const CALLS = 10_000;
const JS_HEAP_BOUND = 8 * 2 ** 20; // bytes the JS heap + ArrayBuffers may differ by after gc

function lcg(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function filled(shape, random) {
  const n = shape.reduce((a, b) => a * b, 1);
  return { data: Float32Array.from({ length: n }, () => Math.round(random() * 40 - 20) / 4), shape };
}

// Good calls over fixed inputs: each returns its result's data so later
// calls can be compared with the first.
function goodCalls() {
  const random = lcg(7);
  const x = filled([2, 3, 9, 7], random);
  const x3 = filled([2, 6, 5], random);
  const g = filled([2, 3, 5, 4], random);
  const maxOpts = { kernelSize: [3, 2], stride: [2, 2], padding: [1, 1], dilation: [1, 2], ceilMode: true };
  const avgOpts = { kernelSize: 3, stride: 2, padding: 1, countIncludePad: false };
  const { indices } = maxPool2d(x, maxOpts);
  const gMax = filled(indices.shape, random);
  return [
    () => maxPool2d(x, maxOpts).output.data,
    () => maxPool2d(x3, { kernelSize: 2, ceilMode: true }).indices.data,
    () => maxPool2dBackward(gMax, indices, x.shape).data,
    () => avgPool2d(x, avgOpts).data,
    () => avgPool2d(x3, { kernelSize: [2, 3], divisorOverride: -3 }).data,
    () => avgPool2dBackward(g, x.shape, avgOpts).data,
    () => {
      const layer = new MaxPool2d({ kernelSize: 2, stride: 1 });
      layer.forward(x3);
      return layer.backpropYX.data;
    },
    () => {
      const layer = new AvgPool2d({ kernelSize: 2 });
      layer.forward(x3);
      return layer.backwardInput(filled([2, 3, 2], lcg(3))).data;
    },
    () => {
      // Zero-copy round trip: heap tensors in, heap tensors out, all freed.
      const hx = alloc(x.shape);
      const out = alloc(indices.shape);
      const idx = alloc(indices.shape, 'int32');
      try {
        hx.data.set(x.data);
        maxPool2d(hx, maxOpts, { output: out, indices: idx });
        return out.data.slice();
      } finally {
        [hx, out, idx].forEach((t) => t.free());
      }
    },
    () => Int32Array.from(outputShape([9, 7], maxOpts)),
  ];
}

// Bad calls touching every validation stage, including ones that fail
// after scratch memory has been taken (bad indices are found by the wasm core).
function badCalls() {
  const x = { data: new Float32Array(16), shape: [1, 1, 4, 4] };
  const g = { data: new Float32Array(4), shape: [1, 1, 2, 2] };
  return [
    () => maxPool2d(x, { kernelSize: 0 }),
    () => maxPool2d(x, { kernelSize: 2, stride: NaN }),
    () => avgPool2d(x, { kernelSize: 3, padding: 2 }),
    () => avgPool2d(x, { kernelSize: 5 }),
    () => avgPool2d(x, { kernelSize: 2, divisorOverride: 0 }),
    () => maxPool2d({ data: new Float32Array(3), shape: [1, 2, 2] }, { kernelSize: 1 }),
    () => maxPool2d({ data: new BigInt64Array(4), shape: [1, 2, 2] }, { kernelSize: 1 }),
    () => maxPool2d({ data: x.data, shape: [1, 1, 1, 4, 4] }, { kernelSize: 1 }),
    () => maxPool2dBackward(g, { data: new Int32Array([0, 1, 2, 99]), shape: [1, 1, 2, 2] }, [1, 1, 4, 4]),
    () => maxPool2dBackward(g, { data: new Int32Array([0, 1, 2, -5]), shape: [1, 1, 2, 2] }, [1, 1, 4, 4]),
    () => avgPool2dBackward({ data: new Float32Array(9), shape: [1, 1, 3, 3] }, [1, 1, 4, 4], { kernelSize: 2 }),
    () => {
      const t = alloc([1, 1, 4, 4]);
      t.free();
      return maxPool2d(t, { kernelSize: 2 });
    },
    () => {
      const out = alloc([1, 1, 3, 3]);
      try {
        return avgPool2d(x, { kernelSize: 2 }, { output: out });
      } finally {
        out.free();
      }
    },
    () => alloc([975_000_000]), // out of wasm memory
  ];
}

function measure() {
  gc();
  gc();
  const m = memoryStats();
  const p = process.memoryUsage();
  return { ...m, jsHeap: p.heapUsed, external: p.external, rss: p.rss };
}

describe('endurance', () => {
  it(`${CALLS}_mixed_good_and_bad_calls_keep_memory_flat_and_answers_stable`, () => {
    const good = goodCalls();
    const bad = badCalls();
    const expected = good.map((call) => call().slice());
    // Warm-up: any one-off growth (JIT, first malloc of each size) happens here.
    for (let i = 0; i < 500; i++) good[i % good.length]();
    const before = measure();

    const random = lcg(2026);
    let goodCount = 0;
    let badCount = 0;
    for (let i = 0; i < CALLS; i++) {
      if (random() < 0.5) {
        const k = Math.floor(random() * good.length);
        const data = good[k]();
        goodCount++;
        // Bitwise equal, NaN included: no state may leak from one call into the next.
        expect(Buffer.compare(Buffer.from(data.buffer, data.byteOffset, data.byteLength),
          Buffer.from(expected[k].buffer, expected[k].byteOffset, expected[k].byteLength))).toBe(0);
      } else {
        const k = Math.floor(random() * bad.length);
        let caught = null;
        try {
          bad[k]();
        } catch (error) {
          caught = error;
        }
        badCount++;
        expect(caught instanceof TypeError || caught instanceof RangeError, `bad call ${k}: ${caught}`).toBe(true);
      }
    }
    const after = measure();
    console.log(
      `endurance: ${goodCount} good + ${badCount} bad calls; wasm memory ${before.heapBytes} → ${after.heapBytes} bytes, ` +
        `malloc'ed ${before.bytesInUse} → ${after.bytesInUse} bytes, JS heap ${(before.jsHeap / 2 ** 20).toFixed(1)} → ` +
        `${(after.jsHeap / 2 ** 20).toFixed(1)} MiB, external ${(before.external / 2 ** 20).toFixed(1)} → ` +
        `${(after.external / 2 ** 20).toFixed(1)} MiB, rss ${(before.rss / 2 ** 20).toFixed(0)} → ${(after.rss / 2 ** 20).toFixed(0)} MiB`,
    );
    expect(goodCount + badCount).toBe(CALLS);
    expect(after.heapBytes).toBe(before.heapBytes);
    expect(after.bytesInUse).toBe(before.bytesInUse);
    expect(after.liveTensors).toBe(0);
    expect(Math.abs(after.jsHeap - before.jsHeap)).toBeLessThan(JS_HEAP_BOUND);
    expect(Math.abs(after.external - before.external)).toBeLessThan(JS_HEAP_BOUND);
  });
});

describe('running out of wasm memory', () => {
  // Runs last in this file: the wasm memory it grows to ~4 GB never shrinks.
  it('many_allocs_until_out_of_memory_give_a_RangeError_and_the_module_recovers', () => {
    const before = memoryStats();
    const held = [];
    let error = null;
    try {
      for (let i = 0; i < 64; i++) held.push(alloc([64, 1024, 1024])); // 256 MiB each; 4 GiB cannot all fit
    } catch (e) {
      error = e;
    }
    const grown = memoryStats();
    held.forEach((t) => t.free());
    console.log(`out of memory after ${held.length} × 256 MiB: wasm memory ${(grown.heapBytes / 2 ** 30).toFixed(2)} GiB, malloc'ed ${(grown.bytesInUse / 2 ** 30).toFixed(2)} GiB`);
    expect(error).toBeInstanceOf(RangeError);
    expect(error.message).toMatch(/alloc could not reserve 268435456 bytes for shape \[64, 1024, 1024\]: out of wasm memory/);
    expect(held.length).toBeGreaterThan(4);
    expect(held.length).toBeLessThan(16);
    // Everything handed back, and the module answers as before.
    expect(memoryStats().bytesInUse).toBe(before.bytesInUse);
    expect(memoryStats().liveTensors).toBe(0);
    const { output } = maxPool2d({ data: Float32Array.from({ length: 16 }, (_, i) => i), shape: [1, 1, 4, 4] }, { kernelSize: 2 });
    expect(Array.from(output.data)).toEqual([5, 7, 13, 15]);
    // A plain call that needs more scratch than is left is refused the same way.
    const big = alloc([200, 1024, 1024]); // 800 MiB resident
    try {
      // 3.6 GB of gradInput scratch beside 800 MiB resident: more than 4 GB.
      expect(() => avgPool2dBackward({ data: [1], shape: [1, 1, 1] }, [1, 16, 56250000], { kernelSize: [16, 56250000] }))
        .toThrow(/out of wasm memory: could not reserve 3600000064 bytes/);
      expect(Array.from(avgPool2d({ data: [1, 2, 3, 4], shape: [1, 2, 2] }, { kernelSize: 2 }).data)).toEqual([2.5]);
    } finally {
      big.free();
    }
    expect(memoryStats().bytesInUse).toBe(before.bytesInUse);
  });

  // The fast average kernels need scratch memory (a padded copy of a plane,
  // shares); when none is left they step aside for the general path, which
  // needs none, instead of aborting the wasm instance.
  it('average_calls_whose_kernel_scratch_cannot_be_had_answer_with_the_same_bits', () => {
    const before = memoryStats();
    const shape = [1, 1, 2100, 2100]; // scratch ≈ 17.7 MB, above the 16 MiB block kept between calls
    const opts = { kernelSize: 3, stride: 1, padding: 1 };
    const x = alloc(shape);
    const y = alloc(shape);
    const gx = alloc(shape);
    const held = [];
    try {
      let seed = 7;
      for (let i = 0; i < x.data.length; i++) {
        seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
        x.data[i] = seed / 2 ** 32 - 0.5;
      }
      const wantForward = avgPool2d({ data: x.data.slice(), shape }, opts).data;
      const wantBackward = avgPool2dBackward({ data: x.data.slice(), shape }, shape, opts).data;
      for (const mib of [256, 16, 1]) {
        try {
          for (;;) held.push(alloc([mib, 256, 1024]));
        } catch (e) {
          expect(e.message).toMatch(/out of wasm memory/);
        }
      }
      // Memory is exhausted: a block of the kernel's scratch size is refused…
      expect(() => alloc([2104, 2100])).toThrow(/out of wasm memory/);
      // …yet resident calls that would use one still answer, bit for bit.
      // (toEqual on 4.4 M elements would take most of a minute.)
      const firstDifference = (a, b) => new Uint32Array(a.buffer, a.byteOffset, a.length)
        .findIndex((bits, i) => bits !== new Uint32Array(b.buffer, b.byteOffset, b.length)[i]);
      avgPool2d(x, opts, { output: y });
      expect(firstDifference(y.data, wantForward)).toBe(-1);
      avgPool2dBackward(x, shape, opts, { gradInput: gx });
      expect(firstDifference(gx.data, wantBackward)).toBe(-1);
    } finally {
      held.forEach((t) => t.free());
      for (const t of [x, y, gx]) t.free();
    }
    expect(memoryStats().bytesInUse).toBe(before.bytesInUse);
    expect(Array.from(avgPool2d({ data: [1, 2, 3, 4], shape: [1, 2, 2] }, { kernelSize: 2 }).data)).toEqual([2.5]);
  });
});
