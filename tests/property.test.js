// Property tests (fast-check) over the public JS API against a naive
// reference written here from the PyTorch documentation: window by window,
// tap by tap, padding spelled out. Shares no code with js/ or cpp/.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AvgPool2d, avgPool2d, avgPool2dBackward, maxPool2d, maxPool2dBackward, memoryStats, ready,
} from 'poolgrad';

await ready();

const RUNS = { numRuns: 150, seed: 20261125 };

// --- the naive reference ------------------------------------------------------------

function refSize(input, k, s, p, d, ceil) {
  const q = (input + 2 * p - d * (k - 1) - 1) / s;
  let out = (ceil ? Math.ceil(q) : Math.floor(q)) + 1;
  // PyTorch: in ceil mode the last window must start inside input or left padding.
  if (ceil && (out - 1) * s >= input + p) out -= 1;
  return out;
}

function refGeometry(shape, o) {
  const [h, w] = shape.slice(-2);
  const planes = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  const oh = refSize(h, o.k[0], o.s[0], o.p[0], o.d[0], o.ceil);
  const ow = refSize(w, o.k[1], o.s[1], o.p[1], o.d[1], o.ceil);
  return { h, w, planes, oh, ow, outShape: [...shape.slice(0, -2), oh, ow] };
}

// Max: first element of the window wins, later ones if strictly greater;
// the first NaN wins over everything; no element at all gives (-inf, -1).
function refMax(x, shape, o) {
  const g = refGeometry(shape, o);
  const out = [];
  const idx = [];
  for (let c = 0; c < g.planes; c++) {
    for (let r = 0; r < g.oh; r++) {
      for (let q = 0; q < g.ow; q++) {
        let best = -Infinity;
        let at = -1;
        let nan = false;
        for (let i = 0; i < o.k[0]; i++) {
          for (let j = 0; j < o.k[1]; j++) {
            const hh = r * o.s[0] - o.p[0] + i * o.d[0];
            const ww = q * o.s[1] - o.p[1] + j * o.d[1];
            if (hh < 0 || hh >= g.h || ww < 0 || ww >= g.w || nan) continue;
            const v = x[c * g.h * g.w + hh * g.w + ww];
            if (at === -1 || Number.isNaN(v) || v > best) {
              best = v;
              at = hh * g.w + ww;
              nan = Number.isNaN(v);
            }
          }
        }
        out.push(best);
        idx.push(at);
      }
    }
  }
  return { out, idx, shape: g.outShape };
}

function refDivisor(g, o, r, q) {
  if (o.divisor !== undefined) return o.divisor;
  let n = 0;
  for (let i = 0; i < o.k[0]; i++) {
    for (let j = 0; j < o.k[1]; j++) {
      const hh = r * o.s[0] - o.p[0] + i;
      const ww = q * o.s[1] - o.p[1] + j;
      const inPadded = hh >= -o.p[0] && hh < g.h + o.p[0] && ww >= -o.p[1] && ww < g.w + o.p[1];
      const inInput = hh >= 0 && hh < g.h && ww >= 0 && ww < g.w;
      n += (o.countIncludePad ? inPadded : inInput) ? 1 : 0;
    }
  }
  return n;
}

// Visits every (output cell, input element) pair of average pooling.
function eachAvgTap(shape, o, visit) {
  const g = refGeometry(shape, o);
  let cell = 0;
  for (let c = 0; c < g.planes; c++) {
    for (let r = 0; r < g.oh; r++) {
      for (let q = 0; q < g.ow; q++, cell++) {
        const divisor = refDivisor(g, o, r, q);
        for (let i = 0; i < o.k[0]; i++) {
          for (let j = 0; j < o.k[1]; j++) {
            const hh = r * o.s[0] - o.p[0] + i;
            const ww = q * o.s[1] - o.p[1] + j;
            if (hh >= 0 && hh < g.h && ww >= 0 && ww < g.w) visit(cell, c * g.h * g.w + hh * g.w + ww, divisor);
          }
        }
      }
    }
  }
  return g;
}

function refAvg(x, shape, o) {
  const g = refGeometry(shape, o);
  const sums = new Float64Array(g.planes * g.oh * g.ow);
  const divisors = new Float64Array(sums.length);
  eachAvgTap(shape, o, (cell, at, divisor) => {
    sums[cell] += x[at];
    divisors[cell] = divisor;
  });
  // A window of only padding still has its divisor (sum 0).
  return Array.from(sums, (s, i) => s / (divisors[i] || refDivisorOf(g, o, i)));
}

function refDivisorOf(g, o, cell) {
  const inPlane = cell % (g.oh * g.ow);
  return refDivisor(g, o, Math.floor(inPlane / g.ow), inPlane % g.ow);
}

function refAvgBackward(grad, shape, o) {
  const n = shape.reduce((a, b) => a * b, 1);
  const gi = new Float64Array(n);
  eachAvgTap(shape, o, (cell, at, divisor) => {
    gi[at] += grad[cell] / divisor;
  });
  return Array.from(gi);
}

// --- generators ------------------------------------------------------------------------

const pair = (lo, hi) => fc.tuple(fc.integer({ min: lo, max: hi }), fc.integer({ min: lo, max: hi }));

// Valid options (every rule but the output size, which the reference decides).
const optionsArb = (kind) =>
  fc
    .record({
      k: pair(1, 4),
      s: pair(1, 3),
      pRatio: fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
      d: kind === 'max' ? pair(1, 3) : fc.constant([1, 1]),
      ceil: fc.boolean(),
      countIncludePad: fc.boolean(),
      divisor: kind === 'avg' ? fc.option(fc.integer({ min: -5, max: 7 }).filter((v) => v !== 0), { nil: undefined }) : fc.constant(undefined),
    })
    .map(({ pRatio, ...o }) => ({ ...o, p: o.k.map((k, a) => Math.floor(pRatio[a] * (Math.floor(k / 2) + 1)) % (Math.floor(k / 2) + 1)) }));

const apiOptions = (o, kind) => ({
  kernelSize: o.k, stride: o.s, padding: o.p, ceilMode: o.ceil,
  ...(kind === 'max' ? { dilation: o.d } : { countIncludePad: o.countIncludePad, ...(o.divisor !== undefined ? { divisorOverride: o.divisor } : {}) }),
});

const shapeArb = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 })),
  fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 })),
);

// Quarter steps in [-5, 5]: many ties, float32 sums stay exact.
const valueArb = fc.integer({ min: -20, max: 20 }).map((v) => v / 4);
const specialArb = fc.oneof({ weight: 12, arbitrary: valueArb }, fc.constantFrom(NaN, Infinity, -Infinity, -0));

const dataFor = (shape, values = valueArb) => fc.array(values, { minLength: shape.reduce((a, b) => a * b, 1), maxLength: shape.reduce((a, b) => a * b, 1) });

const caseArb = (kind, values) =>
  fc.tuple(shapeArb, optionsArb(kind)).chain(([shape, o]) =>
    fc.record({ shape: fc.constant(shape), o: fc.constant(o), x: dataFor(shape, values) }));

const sameFloat = (a, b) => (Number.isNaN(a) && Number.isNaN(b)) || Object.is(a + 0, b + 0);
const close = (got, want, tol = 1e-5) =>
  (Number.isNaN(want) ? Number.isNaN(got) : !Number.isFinite(want) ? got === want : Math.abs(got - want) <= tol * (1 + Math.abs(want)));

function validOutput(shape, o) {
  const g = refGeometry(shape, o);
  return g.oh >= 1 && g.ow >= 1;
}

// --- properties --------------------------------------------------------------------------

describe('results equal the naive reference', () => {
  it('maxPool2d_output_and_indices_equal_reference_incl_ties_nan_inf_padding_dilation_ceil', () => {
    fc.assert(
      fc.property(caseArb('max', specialArb), ({ shape, o, x }) => {
        const t = { data: Float32Array.from(x), shape };
        if (!validOutput(shape, o)) {
          expect(() => maxPool2d(t, apiOptions(o, 'max'))).toThrow(RangeError);
          return;
        }
        const want = refMax(t.data, shape, o);
        const { output, indices } = maxPool2d(t, apiOptions(o, 'max'));
        expect(output.shape).toEqual(want.shape);
        expect(indices.shape).toEqual(want.shape);
        expect(Array.from(indices.data)).toEqual(want.idx);
        want.out.forEach((v, i) => expect(sameFloat(output.data[i], v), `output[${i}] ${output.data[i]} vs ${v}`).toBe(true));
      }),
      RUNS,
    );
  });

  it('avgPool2d_equals_reference_incl_count_include_pad_divisor_override_ceil', () => {
    fc.assert(
      fc.property(caseArb('avg', specialArb), ({ shape, o, x }) => {
        const t = { data: Float32Array.from(x), shape };
        if (!validOutput(shape, o)) {
          expect(() => avgPool2d(t, apiOptions(o, 'avg'))).toThrow(RangeError);
          return;
        }
        const want = refAvg(t.data, shape, o);
        const out = avgPool2d(t, apiOptions(o, 'avg'));
        expect(out.shape).toEqual(refGeometry(shape, o).outShape);
        want.forEach((v, i) => expect(close(out.data[i], v), `output[${i}] ${out.data[i]} vs ${v}`).toBe(true));
      }),
      RUNS,
    );
  });

  it('avgPool2dBackward_equals_reference', () => {
    fc.assert(
      fc.property(
        fc.tuple(shapeArb, optionsArb('avg')).filter(([shape, o]) => validOutput(shape, o)).chain(([shape, o]) =>
          fc.record({ shape: fc.constant(shape), o: fc.constant(o), g: dataFor(refGeometry(shape, o).outShape) })),
        ({ shape, o, g }) => {
          const outShape = refGeometry(shape, o).outShape;
          const gi = avgPool2dBackward({ data: Float32Array.from(g), shape: outShape }, shape, apiOptions(o, 'avg'));
          expect(gi.shape).toEqual(shape);
          refAvgBackward(Float32Array.from(g), shape, o).forEach((v, i) => expect(close(gi.data[i], v, 1e-4)).toBe(true));
        },
      ),
      RUNS,
    );
  });
});

describe('gradient properties', () => {
  it('avg_gradient_does_not_depend_on_the_input_values', () => {
    fc.assert(
      fc.property(
        fc.tuple(shapeArb, optionsArb('avg')).filter(([shape, o]) => validOutput(shape, o)).chain(([shape, o]) =>
          fc.record({
            shape: fc.constant(shape), o: fc.constant(o),
            x1: dataFor(shape, specialArb), x2: dataFor(shape, specialArb), g: dataFor(refGeometry(shape, o).outShape),
          })),
        ({ shape, o, x1, x2, g }) => {
          const grad = { data: Float32Array.from(g), shape: refGeometry(shape, o).outShape };
          const a = new AvgPool2d(apiOptions(o, 'avg'));
          a.forward({ data: Float32Array.from(x1), shape });
          const b = new AvgPool2d(apiOptions(o, 'avg'));
          b.forward({ data: Float32Array.from(x2), shape });
          expect(Array.from(a.backwardInput(grad).data)).toEqual(Array.from(b.backwardInput(grad).data));
        },
      ),
      RUNS,
    );
  });

  it('max_gradient_sum_equals_gradOutput_sum_when_no_window_is_empty', () => {
    fc.assert(
      fc.property(
        caseArb('max', specialArb).filter(({ shape, o }) => validOutput(shape, o)).chain((c) =>
          fc.record({ c: fc.constant(c), g: dataFor(refGeometry(c.shape, c.o).outShape, fc.integer({ min: -9, max: 9 })) })),
        ({ c, g }) => {
          const { indices } = maxPool2d({ data: Float32Array.from(c.x), shape: c.shape }, apiOptions(c.o, 'max'));
          fc.pre(indices.data.every((v) => v >= 0));
          const gi = maxPool2dBackward({ data: Float32Array.from(g), shape: indices.shape }, indices, c.shape);
          // Small integers: float32 sums are exact, so equality is exact.
          expect(gi.data.reduce((a, b) => a + b, 0)).toBe(g.reduce((a, b) => a + b, 0));
        },
      ),
      RUNS,
    );
  });

  // Distinct integer inputs (a permutation) make every max unique; a step of
  // 0.25 cannot change which element wins, so the difference quotient is exact.
  const distinctCase = (kind) =>
    fc.tuple(shapeArb.filter((s) => s.reduce((a, b) => a * b, 1) <= 120), optionsArb(kind))
      .filter(([shape, o]) => validOutput(shape, o))
      .chain(([shape, o]) => {
        const n = shape.reduce((a, b) => a * b, 1);
        return fc.record({
          shape: fc.constant(shape), o: fc.constant(o),
          x: fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i - n / 2), { minLength: n, maxLength: n }),
          g: dataFor(refGeometry(shape, o).outShape, fc.integer({ min: -4, max: 4 })),
        });
      });

  function numericGradient(forward, x, shape, g, eps) {
    const loss = (data) => forward({ data, shape }).reduce((acc, v, i) => acc + v * g[i], 0);
    return Array.from(x, (_, i) => {
      const plus = Float32Array.from(x);
      const minus = Float32Array.from(x);
      plus[i] += eps;
      minus[i] -= eps;
      return (loss(plus) - loss(minus)) / (2 * eps);
    });
  }

  it('max_gradient_agrees_with_finite_differences_where_the_max_is_unique', () => {
    fc.assert(
      fc.property(distinctCase('max'), ({ shape, o, x, g }) => {
        const opts = apiOptions(o, 'max');
        const { indices } = maxPool2d({ data: Float32Array.from(x), shape }, opts);
        fc.pre(indices.data.every((v) => v >= 0)); // an empty window's -inf has no derivative
        const gi = maxPool2dBackward({ data: Float32Array.from(g), shape: indices.shape }, indices, shape);
        const numeric = numericGradient((t) => maxPool2d(t, opts).output.data, Float32Array.from(x), shape, g, 0.25);
        numeric.forEach((v, i) => expect(Math.abs(gi.data[i] - v), `element ${i}`).toBeLessThan(1e-9));
      }),
      { ...RUNS, numRuns: 60 },
    );
  });

  it('avg_gradient_agrees_with_finite_differences', () => {
    fc.assert(
      fc.property(distinctCase('avg'), ({ shape, o, x, g }) => {
        const opts = apiOptions(o, 'avg');
        const outShape = refGeometry(shape, o).outShape;
        const gi = avgPool2dBackward({ data: Float32Array.from(g), shape: outShape }, shape, opts);
        const numeric = numericGradient((t) => avgPool2d(t, opts).data, Float32Array.from(x), shape, g, 0.5);
        numeric.forEach((v, i) => expect(Math.abs(gi.data[i] - v), `element ${i}`).toBeLessThan(1e-3 * (1 + Math.abs(v))));
      }),
      { ...RUNS, numRuns: 60 },
    );
  });
});

// --- bad inputs: the class is decided by the value alone ----------------------------------

// Arbitrary values, weighted towards the near misses.
const anyValue = fc.oneof(
  fc.integer({ min: -3, max: 6 }),
  fc.double(),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 0.5, 2 ** 31, 2 ** 53, -(2 ** 31)),
  fc.string({ maxLength: 3 }),
  fc.boolean(),
  fc.constantFrom(null, undefined),
  fc.bigInt({ min: -5n, max: 5n }),
  fc.array(fc.oneof(fc.integer({ min: -2, max: 5 }), fc.double(), fc.string({ maxLength: 2 }), fc.constant(null)), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);

const isNum = (v) => typeof v === 'number';
const isNumPair = (v) => Array.isArray(v) && v.length === 2 && isNum(v[0]) && isNum(v[1]);

// 'TypeError', 'RangeError', or 'ok?' (valid by itself; the output size may still refuse it).
function classOfSizeOption(v, min, optional) {
  if (optional && v === undefined) return 'ok?';
  if (!isNum(v) && !isNumPair(v)) return 'TypeError';
  const pairValue = isNum(v) ? [v, v] : v;
  if (pairValue.some((e) => !Number.isInteger(e) || e < min || e > 2 ** 30)) return 'RangeError';
  return 'ok?';
}

function classOfDivisor(v) {
  if (v === undefined || v === null) return 'ok?';
  if (!isNum(v)) return 'TypeError';
  return Number.isInteger(v) && v !== 0 && Math.abs(v) < 2 ** 31 ? 'ok?' : 'RangeError';
}

const classOfBoolean = (v) => (v === undefined || typeof v === 'boolean' ? 'ok?' : 'TypeError');

function outcome(call) {
  const before = memoryStats().bytesInUse;
  let result = 'ok';
  try {
    call();
  } catch (error) {
    result = error.constructor.name;
    expect(error.message.length).toBeGreaterThan(20);
  }
  expect(memoryStats().bytesInUse).toBe(before);
  return result;
}

function expectClass(got, want) {
  if (want === 'ok?') expect(['ok', 'RangeError']).toContain(got);
  else expect(got).toBe(want);
}

const X = { data: Float32Array.from({ length: 2 * 8 * 8 }, (_, i) => i % 7), shape: [2, 8, 8] };

describe('every bad input throws the right class (random values)', () => {
  for (const [name, min, kinds, optional] of [
    ['kernelSize', 1, ['max', 'avg'], false],
    ['stride', 1, ['max', 'avg'], true],
    ['padding', 0, ['max', 'avg'], true],
    ['dilation', 1, ['max'], true],
  ]) {
    for (const kind of kinds) {
      it(`${kind}_${name}_any_value`, () => {
        fc.assert(
          fc.property(anyValue, (v) => {
            if (name === 'stride' && v === null) return; // null stride means "the kernel size", as in PyTorch
            const opts = name === 'kernelSize' ? { kernelSize: v } : { kernelSize: 4, [name]: v };
            let want = classOfSizeOption(v, min, optional);
            // Padding beyond half the kernel (2 here) is refused by value.
            if (name === 'padding' && want === 'ok?' && [v].flat().some((e) => e > 2)) want = 'RangeError';
            const pool = kind === 'max' ? maxPool2d : avgPool2d;
            expectClass(outcome(() => pool(X, opts)), want);
          }),
          RUNS,
        );
      });
    }
  }

  it('avg_divisorOverride_any_value', () => {
    fc.assert(fc.property(anyValue, (v) => expectClass(outcome(() => avgPool2d(X, { kernelSize: 2, divisorOverride: v })), classOfDivisor(v))), RUNS);
  });

  it('ceilMode_and_countIncludePad_any_value', () => {
    fc.assert(
      fc.property(anyValue, anyValue, (a, b) => {
        const want = classOfBoolean(a) === 'TypeError' || classOfBoolean(b) === 'TypeError' ? 'TypeError' : 'ok?';
        expectClass(outcome(() => avgPool2d(X, { kernelSize: 2, ceilMode: a, countIncludePad: b })), want);
      }),
      RUNS,
    );
  });

  it('shape_any_entries', () => {
    fc.assert(
      fc.property(fc.array(anyValue, { maxLength: 6 }), (shape) => {
        let want;
        if (shape.length !== 3 && shape.length !== 4) want = 'RangeError';
        else {
          const bad = shape.findIndex((v) => !isNum(v) || !Number.isInteger(v) || v < 1);
          want = bad < 0 ? 'ok?' : isNum(shape[bad]) ? 'RangeError' : 'TypeError';
        }
        const n = want === 'ok?' ? shape.reduce((a, b) => a * b, 1) : 4;
        const data = n <= 4096 ? new Float32Array(n) : new Float32Array(4); // a too large shape is refused before data
        expectClass(outcome(() => maxPool2d({ data, shape }, { kernelSize: 1 })), want);
      }),
      RUNS,
    );
  });

  it('data_any_value_or_wrong_length', () => {
    fc.assert(
      fc.property(fc.oneof(anyValue, fc.array(fc.oneof(fc.double(), fc.string({ maxLength: 1 }), fc.constant(null)), { minLength: 4, maxLength: 5 })), (data) => {
        let want;
        if (Array.isArray(data)) {
          const bad = data.findIndex((v) => !isNum(v));
          want = bad >= 0 ? 'TypeError' : data.length === 4 ? 'ok' : 'RangeError';
        } else {
          want = 'TypeError';
        }
        const got = outcome(() => avgPool2d({ data, shape: [1, 2, 2] }, { kernelSize: 1 }));
        if (want === 'ok') expect(got).toBe('ok');
        else expect(got).toBe(want);
      }),
      RUNS,
    );
  });

  it('indices_any_values', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: -3, max: 20 }), fc.double(), fc.constantFrom(2 ** 32, -(2 ** 31) - 1)), { minLength: 4, maxLength: 4 }), (idx) => {
        const want = idx.every((v) => Number.isInteger(v) && v >= -1 && v < 16) ? 'ok' : 'RangeError';
        const got = outcome(() => maxPool2dBackward({ data: new Float32Array(4), shape: [1, 1, 2, 2] }, { data: idx, shape: [1, 1, 2, 2] }, [1, 1, 4, 4]));
        expect(got).toBe(want);
      }),
      RUNS,
    );
  });
});

// --- one authority for the option rules ------------------------------------------------
// The core's make_plan decides; js/options.js words the same rules. Random
// integer options, legal or not, go to both: they must accept the same calls,
// compute the same output size, and refuse for the same parameter.
import { normalizeOptions, planeOutputSize } from '../js/options.js';
import { Param, PadRule, Status, statusNames, wasm } from '../js/core/module.js';
import { paramBlock } from '../js/core/parameter-block.js';

const STATUS_OF_PARAMETER = {
  kernelSize: 'badKernelSize', stride: 'badStride', padding: 'badPadding', dilation: 'badDilation',
  divisorOverride: 'badDivisor', 'output size': 'badOutputSize', 'padded input': 'tooLarge',
};

function namedParameter(message) {
  const hit = Object.keys(STATUS_OF_PARAMETER).find((name) => message.startsWith(name) || message.startsWith(`the ${name}`));
  return hit ?? message;
}

// Writes the raw integers straight into the block (no JS normalisation), so
// options JS refuses reach the core as well.
function planRaw(kind, raw, [h, w]) {
  const p = new Int32Array(wasm.HEAP32.buffer, paramBlock(), Param.count);
  p.fill(0);
  const pair = (v) => (Array.isArray(v) ? v : [v, v]);
  p[Param.kind] = kind === 'max' ? 0 : 1;
  p[Param.planes] = 1;
  p[Param.channels] = 1;
  p[Param.inH] = h;
  p[Param.inW] = w;
  [p[Param.kernelH], p[Param.kernelW]] = pair(raw.kernelSize);
  [p[Param.strideH], p[Param.strideW]] = pair(raw.stride ?? raw.kernelSize);
  [p[Param.dilationH], p[Param.dilationW]] = pair(raw.dilation ?? 1);
  const words = { valid: 'valid', same: 'sameUpper', 'same-lower': 'sameLower' };
  if (typeof raw.padding === 'string') {
    p[Param.padRule] = PadRule[words[raw.padding]];
  } else if (Array.isArray(raw.padding) && raw.padding.length === 4) {
    p[Param.padRule] = PadRule.explicit;
    [p[Param.padTop], p[Param.padBottom], p[Param.padLeft], p[Param.padRight]] = raw.padding;
  } else {
    const [ph, pw] = pair(raw.padding ?? 0);
    p[Param.padRule] = PadRule.symmetric;
    [p[Param.padTop], p[Param.padBottom], p[Param.padLeft], p[Param.padRight]] = [ph, ph, pw, pw];
  }
  p[Param.ceilMode] = raw.ceilMode ? 1 : 0;
  p[Param.countIncludePad] = raw.countIncludePad === false ? 0 : 1;
  p[Param.hasDivisor] = raw.divisorOverride === undefined ? 0 : 1;
  p[Param.divisor] = raw.divisorOverride ?? 0;
  p[Param.indices] = 1;
  const status = statusNames[wasm.plan(paramBlock())];
  return { status, out: [p[Param.outH], p[Param.outW]] };
}

describe('option rules: JS and the wasm core decide alike', () => {
  // Mostly legal values, some at or past the edges.
  const small = fc.oneof({ arbitrary: fc.integer({ min: 1, max: 3 }), weight: 12 }, { arbitrary: fc.integer({ min: -2, max: 6 }), weight: 1 });
  const pad = fc.oneof({ arbitrary: fc.integer({ min: 0, max: 2 }), weight: 12 }, { arbitrary: fc.integer({ min: -2, max: 6 }), weight: 1 });
  const pairOrNumber = fc.oneof(small, fc.tuple(small, small));
  const padPairOrNumber = fc.oneof(pad, fc.tuple(pad, pad));
  const rawOptions = fc.record(
    {
      kind: fc.constantFrom('max', 'avg'),
      kernelSize: fc.oneof({ arbitrary: pairOrNumber, weight: 30 }, { arbitrary: fc.constant(2 ** 30 + 1), weight: 1 }),
      stride: pairOrNumber,
      dilation: fc.oneof({ arbitrary: pairOrNumber, weight: 30 }, { arbitrary: fc.constant([1, 2 ** 31 - 1]), weight: 1 }),
      padding: fc.oneof(padPairOrNumber, fc.tuple(pad, pad, pad, pad), fc.constantFrom('valid', 'same', 'same-lower')),
      ceilMode: fc.boolean(),
      countIncludePad: fc.boolean(),
      divisorOverride: fc.integer({ min: -2, max: 2 }),
      size: fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 })),
    },
    { requiredKeys: ['kind', 'kernelSize', 'size'] },
  );
  it('options_agree_on_acceptance_output_size_and_the_refused_parameter', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(rawOptions, ({ kind, size, ...raw }) => {
        if (kind === 'max') delete raw.divisorOverride;
        if (kind === 'max') delete raw.countIncludePad;
        let js;
        try {
          js = { out: planeOutputSize(size[0], size[1], normalizeOptions(kind, raw)) };
        } catch (error) {
          js = { refused: namedParameter(error.message) };
        }
        const core = planRaw(kind, raw, size);
        if (js.out) {
          accepted += 1;
          expect(core.status).toBe('ok');
          expect(core.out).toEqual(js.out);
        } else {
          refused += 1;
          expect(core.status).toBe(STATUS_OF_PARAMETER[js.refused] ?? js.refused);
        }
      }),
      { numRuns: 3000, seed: 20261130 },
    );
    // The generator must reach both sides of the rules.
    expect(accepted).toBeGreaterThan(600);
    expect(refused).toBeGreaterThan(600);
  });
  it('the_status_names_come_from_the_module', () => {
    expect(Status.ok).toBe(0);
    expect(new Set(Object.values(Status)).size).toBe(Object.keys(Status).length);
    expect(Object.keys(Param)).toContain('expectOutH');
  });
});
