// What every benchmark process shares: the workloads, their inputs, result
// fingerprints and the timing statistics. No process state.

export const ALL_WORKLOADS = [
  { id: 'W1', op: 'max', shape: [1, 64, 112, 112], k: 3, s: 2, p: 1 },
  { id: 'W2', op: 'max', shape: [32, 64, 56, 56], k: 2, s: 2, p: 0 },
  { id: 'W3', op: 'avg', shape: [8, 128, 28, 28], k: 3, s: 1, p: 1 },
];

/** The size sweep: the notebook's 1×2×5×5 up to W2's size, W2's operation (max k2 s2). */
export const SWEEP_SHAPES = [[1, 2, 5, 5], [1, 8, 16, 16], [1, 64, 28, 28], [4, 64, 56, 56], [32, 64, 56, 56]];
export const SWEEP_OPTIONS = { kernelSize: 2 };
export const sweepInput = (shape) => ({ data: distinct(count(shape), 0x9e3779b1 | 0, 0), shape });

/**
 * The sweep's rival: max pooling k2 s2 with indices (NCHW, PyTorch's rules:
 * the first maximum of a window, NaN wins) as a learner's page would write it,
 * a plain loop over `{ data, shape }` returning fresh arrays.
 */
export function maxPoolLoop(x) {
  const [n, c, h, w] = x.shape;
  const oh = Math.floor((h - 2) / 2) + 1;
  const ow = Math.floor((w - 2) / 2) + 1;
  const out = new Float32Array(n * c * oh * ow);
  const idx = new Int32Array(out.length);
  let o = 0;
  for (let p = 0; p < n * c; p++) {
    const base = p * h * w;
    for (let r = 0; r < oh; r++) {
      for (let q = 0; q < ow; q++, o++) {
        let best = -Infinity;
        let at = -1;
        for (let i = 0; i < 2; i++) {
          for (let j = 0; j < 2; j++) {
            const pos = (2 * r + i) * w + 2 * q + j;
            const v = x.data[base + pos];
            if (at < 0 || v > best || (v !== v && best === best)) {
              best = v;
              at = pos;
            }
          }
        }
        out[o] = best;
        idx[o] = at;
      }
    }
  }
  return { output: { data: out, shape: [n, c, oh, ow] }, indices: { data: idx, shape: [n, c, oh, ow] } };
}

export const count = (shape) => shape.reduce((a, b) => a * b, 1);
export function outShapeOf(w) {
  const [n, c, h, wd] = w.shape;
  const o = (i) => Math.floor((i + 2 * w.p - w.k) / w.s) + 1;
  return [n, c, o(h), o(wd)];
}

// Distinct values (an odd multiplier is a bijection mod 2^24), so no window
// has a tie and every implementation must pick the same maximum.
export function distinct(n, multiplier, offset) {
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) v[i] = (Math.imul(i + offset, multiplier) & 0xffffff) / 16777216 - 0.5;
  return v;
}
export const inputOf = (w) => distinct(count(w.shape), 0x9e3779b1 | 0, 0);
export const gradOf = (w) => distinct(count(outShapeOf(w)), 0x85ebca77 | 0, 12345);

export function toNHWC(data, [n, c, h, w]) {
  const out = new Float32Array(data.length);
  for (let b = 0; b < n; b++)
    for (let ch = 0; ch < c; ch++)
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) out[((b * h + y) * w + x) * c + ch] = data[((b * c + ch) * h + y) * w + x];
  return out;
}
export function toNCHW(data, [n, c, h, w]) {
  const out = new Float32Array(data.length);
  for (let b = 0; b < n; b++)
    for (let ch = 0; ch < c; ch++)
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) out[((b * c + ch) * h + y) * w + x] = data[((b * h + y) * w + x) * c + ch];
  return out;
}
export const nhwc = ([n, c, h, w]) => [n, h, w, c];

// A fingerprint of a result (NCHW): sums and 512 values spread over it.
export function probe(data) {
  let sum = 0;
  let sumAbs = 0;
  for (let i = 0; i < data.length; i++) {
    sum += data[i];
    sumAbs += Math.abs(data[i]);
  }
  const samples = [];
  for (let j = 0; j < 512; j++) samples.push(data[Math.floor(((j + 0.5) * data.length) / 512)]);
  return { sum, sumAbs, samples };
}


export function same(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

// --- timing ---------------------------------------------------------------------

const now = () => performance.now();
// Written by every timed call, so no call's result is dead code to the JIT.
// eslint-disable-next-line no-unused-vars
let sink = null;
/** The middle value of `values` (the upper one of an even count), null for none. */
export function median(values) {
  const v = [...values].sort((a, b) => a - b);
  return v.length ? v[v.length >> 1] : null;
}

function summarize(times) {
  return { median: median(times), reps: times.length };
}

// V8 runs a wasm function as baseline (Liftoff) code until it is hot, then
// compiles it with TurboFan in the background: timing right after two calls
// sometimes timed the baseline code (W1 NHWC 0.35 against 0.21 ms in two runs
// of the same process). Every measurement first calls its function for this
// long.
const WARM_UP_MS = 100;

/**
 * Calls `fn` back to back for `ms` (at least `minCalls` times, at most 10^6)
 * and returns the mean time per call in ms.
 */
export function warmUp(fn, ms = WARM_UP_MS, minCalls = 2) {
  const warm = now();
  let calls = 0;
  while (calls < minCalls || (now() - warm < ms && calls < 1e6)) {
    sink = fn();
    calls++;
  }
  return (now() - warm) / calls;
}

/**
 * Median time of `fn` in ms: WARM_UP_MS (and at least 2 calls) of warm-up,
 * then at least 3 (at most 300) calls within `budgetMs`, at least 7 where
 * 4·budgetMs allows.
 */
export function measure(fn, budgetMs) {
  warmUp(fn);
  const times = [];
  const start = now();
  while (times.length < 3 || (now() - start < budgetMs && times.length < 300) || (times.length < 7 && now() - start < 4 * budgetMs)) {
    const t0 = now();
    fn();
    times.push(now() - t0);
  }
  return summarize(times);
}


/**
 * Steady-state time per call of `fn` in ms, for calls far shorter than the
 * timer's resolution and the loop around them: the calls run back to back
 * for WARM_MS first (V8 optimises a function only after many calls, and a
 * page that calls in a loop soon runs the optimised code), then in batches
 * of enough calls for a batch to last ≥ SAMPLE_MS; a sample is a batch's time
 * divided by its calls, the figure the median of the samples (at least 7, as
 * many as `budgetMs` allows).
 */
const WARM_MS = 300;
const SAMPLE_MS = 1;
export function measurePerCall(fn, budgetMs) {
  const batch = Math.max(1, Math.ceil(SAMPLE_MS / warmUp(fn, WARM_MS, 3)));
  const times = [];
  const start = now();
  while (times.length < 3 || (now() - start < budgetMs && times.length < 300) || (times.length < 7 && now() - start < 4 * budgetMs)) {
    const t0 = now();
    for (let i = 0; i < batch; i++) sink = fn();
    times.push((now() - t0) / batch);
  }
  return { ...summarize(times), batch };
}

/**
 * Mean time of `fn` in ms over back-to-back calls lasting about `ms` (at
 * least one call).
 */
export function meanOver(fn, ms) {
  const t0 = now();
  let calls = 0;
  do {
    sink = fn();
    calls++;
  } while (now() - t0 < ms);
  return (now() - t0) / calls;
}

/**
 * What a page's first calls cost: the mean time of the first FIRST_CALLS
 * calls of `fn` in a process that has not run it before (its code still
 * unoptimised, its arrays and the wasm arena not yet grown). One timer pair
 * around all of them, so timer overhead is negligible.
 */
export const FIRST_CALLS = 10;
export function measureFirstCalls(fn) {
  const t0 = now();
  for (let i = 0; i < FIRST_CALLS; i++) sink = fn();
  return (now() - t0) / FIRST_CALLS;
}

export async function measureAsync(fn, budgetMs) {
  const warm = now();
  for (let calls = 0; calls < 2 || now() - warm < WARM_UP_MS; calls++) await fn();
  const times = [];
  const start = now();
  while (times.length < 3 || (now() - start < budgetMs && times.length < 300) || (times.length < 7 && now() - start < 4 * budgetMs)) {
    const t0 = now();
    await fn();
    times.push(now() - t0);
  }
  return summarize(times);
}
