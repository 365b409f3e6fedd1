// What every benchmark process shares: the workloads, their inputs, result
// fingerprints and the timing statistics. No process state.

export const ALL_WORKLOADS = [
  { id: 'W1', op: 'max', shape: [1, 64, 112, 112], k: 3, s: 2, p: 1 },
  { id: 'W2', op: 'max', shape: [32, 64, 56, 56], k: 2, s: 2, p: 0 },
  { id: 'W3', op: 'avg', shape: [8, 128, 28, 28], k: 3, s: 1, p: 1 },
];

/** The size sweep: the notebook's 1×2×5×5 up to W2's size, W2's operation (max k2 s2). */
export const SWEEP_SHAPES = [[1, 2, 5, 5], [1, 8, 16, 16], [1, 64, 28, 28], [4, 64, 56, 56], [32, 64, 56, 56]];

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
function summarize(times) {
  times.sort((a, b) => a - b);
  return { median: times[times.length >> 1], reps: times.length };
}

/**
 * Median time of `fn` in ms: two warm-up calls, then at least 3 (at most 300)
 * calls within `budgetMs`, at least 7 where 4·budgetMs allows.
 */
export function measure(fn, budgetMs) {
  fn();
  fn();
  const times = [];
  const start = now();
  while (times.length < 3 || (now() - start < budgetMs && times.length < 300) || (times.length < 7 && now() - start < 4 * budgetMs)) {
    const t0 = now();
    fn();
    times.push(now() - t0);
  }
  return summarize(times);
}

export async function measureAsync(fn, budgetMs) {
  await fn();
  await fn();
  const times = [];
  const start = now();
  while (times.length < 3 || (now() - start < budgetMs && times.length < 300) || (times.length < 7 && now() - start < 4 * budgetMs)) {
    const t0 = now();
    await fn();
    times.push(now() - t0);
  }
  return summarize(times);
}
