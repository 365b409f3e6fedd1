#!/usr/bin/env node
// npm run bench: the issue-6 workloads with poolgrad, the streaming floor,
// TensorFlow.js (wasm backend, 1 thread; cpu backend) and ONNX Runtime Web
// (wasm, 1 thread), each implementation in a process of its own. Prints a
// table of medians, the ratios behind each target, whether the results
// agree, and the machine. `--json` prints the same as JSON.
//
// Options: --json, --budget=MS (time spent per measurement, default 500),
// --rounds=N (default 3), --only=W1,W3 (a subset of the workloads),
// --from=FILE (print a saved --json run).
//
// The processes run in N rounds, one after the other in each round, and every
// figure is the lowest of its N round medians: on a shared machine a burst of
// someone else's load slows whichever process runs at that moment, and taking
// the best round keeps one burst from deciding a ratio.
//
// The vCPUs of a shared VM need not be equal either: on the machine of the
// recorded runs one of two ran the W1 kernel 1.5× slower than the other for
// minutes, and a child process tends to start, and stay, where its parent
// last ran. On Linux each round therefore starts its processes on the next CPU
// in turn (taskset; the affinity is widened to every CPU again before Node
// starts, so V8's helper threads are not squeezed onto the CPU of the main
// thread).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? true];
  }),
);
const budgetMs = Number(args.budget ?? 500);
const rounds = Math.max(1, Math.floor(Number(args.rounds ?? 3)));

const ALL_WORKLOADS = [
  { id: 'W1', op: 'max', shape: [1, 64, 112, 112], k: 3, s: 2, p: 1 },
  { id: 'W2', op: 'max', shape: [32, 64, 56, 56], k: 2, s: 2, p: 0 },
  { id: 'W3', op: 'avg', shape: [8, 128, 28, 28], k: 3, s: 1, p: 1 },
];
const WORKLOADS = args.only ? ALL_WORKLOADS.filter((w) => String(args.only).split(',').includes(w.id)) : ALL_WORKLOADS;
const IMPLS = ['poolgrad', 'floor', 'tfjs-wasm', 'tfjs-cpu', 'ort-web'];

// --- shared by every process ----------------------------------------------------

const count = (shape) => shape.reduce((a, b) => a * b, 1);
function outShapeOf(w) {
  const [n, c, h, wd] = w.shape;
  const o = (i) => Math.floor((i + 2 * w.p - w.k) / w.s) + 1;
  return [n, c, o(h), o(wd)];
}

// Distinct values (an odd multiplier is a bijection mod 2^24), so no window
// has a tie and every implementation must pick the same maximum.
function distinct(n, multiplier, offset) {
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) v[i] = (Math.imul(i + offset, multiplier) & 0xffffff) / 16777216 - 0.5;
  return v;
}
const inputOf = (w) => distinct(count(w.shape), 0x9e3779b1 | 0, 0);
const gradOf = (w) => distinct(count(outShapeOf(w)), 0x85ebca77 | 0, 12345);

function toNHWC(data, [n, c, h, w]) {
  const out = new Float32Array(data.length);
  for (let b = 0; b < n; b++)
    for (let ch = 0; ch < c; ch++)
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) out[((b * h + y) * w + x) * c + ch] = data[((b * c + ch) * h + y) * w + x];
  return out;
}
function toNCHW(data, [n, c, h, w]) {
  const out = new Float32Array(data.length);
  for (let b = 0; b < n; b++)
    for (let ch = 0; ch < c; ch++)
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) out[((b * c + ch) * h + y) * w + x] = data[((b * h + y) * w + x) * c + ch];
  return out;
}
const nhwc = ([n, c, h, w]) => [n, h, w, c];

// A fingerprint of a result (NCHW): sums and 512 values spread over it.
function probe(data) {
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

const now = () => performance.now();
function summarize(times) {
  times.sort((a, b) => a - b);
  return { median: times[times.length >> 1], reps: times.length };
}
function measure(fn) {
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
async function measureAsync(fn) {
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

// --- one process per implementation ------------------------------------------------

async function runPoolgrad() {
  const pg = await import('../js/node.js');
  await pg.ready();
  const results = {};
  for (const w of WORKLOADS) {
    const shape = w.shape;
    const oshape = outShapeOf(w);
    const opts = { kernelSize: w.k, stride: w.s, padding: w.p };
    const x = { data: inputOf(w), shape };
    const g = { data: gradOf(w), shape: oshape };
    const X = pg.alloc(shape);
    const Y = pg.alloc(oshape);
    const G = pg.alloc(oshape);
    const GX = pg.alloc(shape);
    X.data.set(x.data);
    G.data.set(g.data);
    const r = (results[w.id] = {});
    if (w.op === 'max') {
      const I = pg.alloc(oshape, 'int32');
      const plain = pg.maxPool2d(x, opts);
      r.forward = { plain: measure(() => pg.maxPool2d(x, opts)), resident: measure(() => pg.maxPool2d(X, opts, { output: Y, indices: I })) };
      r.backward = {
        plain: measure(() => pg.maxPool2dBackward(g, plain.indices, shape)),
        resident: measure(() => pg.maxPool2dBackward(G, I, shape, { gradInput: GX })),
      };
      const gx = pg.maxPool2dBackward(g, plain.indices, shape);
      r.same = same(plain.output.data, Y.data) && same(plain.indices.data, I.data) && same(gx.data, GX.data);
      r.probes = { forward: probe(plain.output.data), backward: probe(gx.data) };
      I.free();
    } else {
      const y = pg.avgPool2d(x, opts);
      r.forward = { plain: measure(() => pg.avgPool2d(x, opts)), resident: measure(() => pg.avgPool2d(X, opts, { output: Y })) };
      r.backward = {
        plain: measure(() => pg.avgPool2dBackward(g, shape, opts)),
        resident: measure(() => pg.avgPool2dBackward(G, shape, opts, { gradInput: GX })),
      };
      const gx = pg.avgPool2dBackward(g, shape, opts);
      r.same = same(y.data, Y.data) && same(gx.data, GX.data);
      // TensorFlow.js divides by the window's input elements only: the
      // countIncludePad: false semantics, checked separately.
      const ex = { ...opts, countIncludePad: false };
      r.probes = {
        forward: probe(y.data),
        backward: probe(gx.data),
        forwardExcludePad: probe(pg.avgPool2d(x, ex).data),
        backwardExcludePad: probe(pg.avgPool2dBackward(g, shape, ex).data),
      };
    }
    for (const t of [X, Y, G, GX]) t.free();
  }
  const stats = pg.memoryStats();
  return { results, simd: stats.simd };
}

function same(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

// Reads every input byte once and writes every output byte once (bench/floor.cpp).
async function runFloor() {
  const bytes = readFileSync(path.join(here, '../build/wasm/floor.wasm'));
  const stub = new Proxy({}, { get: () => () => 0 });
  const { instance } = await WebAssembly.instantiate(bytes, { env: stub, wasi_snapshot_preview1: stub });
  const { memory, stream } = instance.exports;
  instance.exports._initialize?.();
  const base = memory.buffer.byteLength; // beyond everything the module itself uses
  const results = {};
  for (const w of WORKLOADS) {
    const nIn = count(w.shape) * 4;
    const nOut = count(outShapeOf(w)) * 4;
    const indexBytes = w.op === 'max' ? nOut : 0;
    const figures = { forward: [nIn, nOut + indexBytes], backward: [nOut + indexBytes, nIn] };
    const r = (results[w.id] = {});
    for (const [dir, [inBytes, outBytes]] of Object.entries(figures)) {
      const need = base + inBytes + outBytes + 128;
      if (memory.buffer.byteLength < need) memory.grow(Math.ceil((need - memory.buffer.byteLength) / 65536));
      new Uint8Array(memory.buffer, base, inBytes).fill(1);
      const dst = base + Math.ceil(inBytes / 64) * 64;
      r[dir] = { bytes: inBytes + outBytes, ...measure(() => stream(base, inBytes, dst, outBytes)) };
      // The plain path's floor adds what any plain call must do in JS: copy
      // the inputs into wasm memory and the results out into fresh arrays.
      const source = new Uint8Array(inBytes).fill(1);
      r[dir].plain = measure(() => {
        new Uint8Array(memory.buffer, base, inBytes).set(source);
        stream(base, inBytes, dst, outBytes);
        new Uint8Array(new Uint8Array(memory.buffer, dst, outBytes));
      });
    }
  }
  return { results };
}

async function runTfjs(backend) {
  const tf = await import('@tensorflow/tfjs-core');
  if (backend === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setThreadsCount(1);
  } else {
    await import('@tensorflow/tfjs-backend-cpu');
  }
  await tf.setBackend(backend);
  await tf.ready();
  const info = backend === 'wasm'
    ? { simd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'), threads: (await import('@tensorflow/tfjs-backend-wasm')).getThreadsCount() }
    : {};
  const results = {};
  for (const w of WORKLOADS) {
    const shape = nhwc(w.shape);
    const oshape = nhwc(outShapeOf(w));
    const xh = toNHWC(inputOf(w), w.shape);
    const gh = toNHWC(gradOf(w), outShapeOf(w));
    const pad = w.p;
    const forward = (t) => (w.op === 'max' ? tf.maxPool(t, w.k, w.s, pad, 'floor') : tf.avgPool(t, w.k, w.s, pad, 'floor'));
    const X = tf.tensor4d(xh, shape);
    const Y = forward(X);
    const attrs = { filterSize: w.k, strides: w.s, pad, dimRoundingMode: 'floor' };
    const backward = (dy) =>
      w.op === 'max'
        ? tf.engine().runKernel('MaxPoolGrad', { dy, input: X, output: Y }, attrs)
        : tf.engine().runKernel('AvgPoolGrad', { dy, input: X }, attrs);
    const DY = tf.tensor4d(gh, oshape);
    const r = (results[w.id] = {});
    r.forward = {
      plain: measure(() => {
        const t = tf.tensor4d(xh, shape);
        const y = forward(t);
        y.dataSync();
        t.dispose();
        y.dispose();
      }),
      op: measure(() => forward(X).dispose()),
    };
    // Backward's plain path uploads only the gradient: the forward's tensors
    // are already on the backend in training, which favours tfjs.
    r.backward = {
      plain: measure(() => {
        const d = tf.tensor4d(gh, oshape);
        const gx = backward(d);
        gx.dataSync();
        d.dispose();
        gx.dispose();
      }),
      op: measure(() => backward(DY).dispose()),
    };
    const gx = backward(DY);
    r.probes = { forward: probe(toNCHW(Y.dataSync(), outShapeOf(w))), backward: probe(toNCHW(gx.dataSync(), w.shape)) };
    for (const t of [X, Y, DY, gx]) t.dispose();
  }
  return { results, info };
}

async function runOrt() {
  const ort = await import('onnxruntime-web');
  const { poolModel } = await import('./onnx.js');
  ort.env.wasm.numThreads = 1;
  const results = {};
  for (const w of WORKLOADS) {
    const attrs = { kernel_shape: [w.k, w.k], strides: [w.s, w.s], pads: [w.p, w.p, w.p, w.p] };
    if (w.op === 'avg') attrs.count_include_pad = 1; // PyTorch's default, as poolgrad's
    const model = poolModel(w.op === 'max' ? 'MaxPool' : 'AveragePool', attrs, w.shape, outShapeOf(w));
    const session = await ort.InferenceSession.create(model, { executionProviders: ['wasm'] });
    const x = inputOf(w);
    const run = () => session.run({ x: new ort.Tensor('float32', x, w.shape) });
    const r = (results[w.id] = {});
    r.forward = { plain: await measureAsync(async () => (await run()).y.data) };
    r.probes = { forward: probe((await run()).y.data) };
    await session.release();
  }
  return { results, info: { version: ort.env.versions?.web, threads: ort.env.wasm.numThreads } };
}

async function child(name) {
  const run = { poolgrad: runPoolgrad, floor: runFloor, 'tfjs-wasm': () => runTfjs('wasm'), 'tfjs-cpu': () => runTfjs('cpu'), 'ort-web': runOrt }[name];
  const out = await run();
  writeFileSync(args.out, JSON.stringify(out));
}

// --- the parent: run, compare, print ------------------------------------------------------

function machine() {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line) cpu = line.split(':')[1].trim();
  } catch {}
  const size = (f) => {
    try {
      return statSync(path.join(here, '..', f)).size;
    } catch {
      return null;
    }
  };
  return {
    cpu,
    freshMemory: freshMemory(),
    cores: os.cpus().length,
    memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    date: new Date().toISOString(),
    wasmBytes: { simd: size('dist/poolgrad.wasm'), scalar: size('dist/poolgrad-scalar.wasm') },
  };
}

// What writing to memory costs the first time (the OS maps a fresh page on
// each first touch) against writing it again, in a process of its own so no
// allocator can hand back pages it already touched. A plain call's result
// arrays, like tfjs's dataSync() and ORT's outputs, are fresh memory; on some
// virtual machines first touches cost far more than the copy itself.
function freshMemory() {
  const script = `
    const mb = 64;
    const t0 = performance.now();
    const a = new Uint8Array(mb << 20);
    a.fill(1);
    const t1 = performance.now();
    a.fill(2);
    const t2 = performance.now();
    console.log(JSON.stringify({ firstMsPerMB: (t1 - t0) / mb, againMsPerMB: (t2 - t1) / mb }));`;
  try {
    return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
  } catch {
    return null;
  }
}

// Results agree when every sampled value and the sums match within float32
// summation noise (relative 1e-5 of the values' magnitude).
function agree(a, b) {
  if (!a || !b) return null;
  const tol = (x) => 1e-5 * Math.max(1, Math.abs(x));
  if (Math.abs(a.sum - b.sum) > 1e-5 * Math.max(1, a.sumAbs)) return false;
  return a.samples.every((v, i) => Math.abs(v - b.samples[i]) <= tol(b.samples[i]));
}

// Two runs of one implementation merged: every { median, reps } figure from
// whichever run had the lower median; probes and info from the first run.
function fastest(a, b) {
  const out = { ...a };
  if (typeof a.median === 'number' && typeof b?.median === 'number' && b.median < a.median) {
    out.median = b.median;
    out.reps = b.reps;
  }
  for (const [key, value] of Object.entries(a)) {
    if (key === 'probes' || key === 'info' || value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    if (b?.[key] && typeof b[key] === 'object') out[key] = fastest(value, b[key]);
  }
  return out;
}

const fmt = (ms) => (ms == null ? '—' : ms < 1 ? ms.toFixed(3) : ms < 100 ? ms.toFixed(2) : ms.toFixed(0));
const ratio = (x) => (x == null || !Number.isFinite(x) ? '—' : x >= 100 ? `${x.toFixed(0)}×` : `${x.toFixed(2)}×`);

// The CPUs this process may run on (Linux: Cpus_allowed_list, e.g. "0-3,6"),
// when there are several and taskset is at hand; else null.
function allowedCpus() {
  if (process.platform !== 'linux' || spawnSync('taskset', ['-V']).status !== 0) return null;
  try {
    const list = readFileSync('/proc/self/status', 'utf8').match(/^Cpus_allowed_list:\s*(\S+)/m)[1];
    const cpus = list.split(',').flatMap((part) => {
      const [a, b = a] = part.split('-').map(Number);
      return Array.from({ length: b - a + 1 }, (_, i) => a + i);
    });
    return cpus.length > 1 ? { list, cpus } : null;
  } catch {
    return null;
  }
}
const allowed = allowedCpus();
const roundCpu = (round) => allowed && allowed.cpus[(round - 1) % allowed.cpus.length];

// argv that runs `command` starting on CPU `cpu`, free to move afterwards
// (should widening the affinity fail, the command still runs, pinned).
function startingOn(cpu, command) {
  if (!allowed) return command;
  return ['taskset', '-c', String(cpu), 'sh', '-c', `taskset -p -c ${allowed.list} $$ >/dev/null 2>&1; exec "$0" "$@"`, ...command];
}

async function parent() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'poolgrad-bench-'));
  const data = {};
  try {
    for (let round = 1; round <= rounds; round++) {
      const cpu = roundCpu(round);
      for (const name of IMPLS) {
        const out = path.join(dir, `${name}.json`);
        if (!args.json) process.stderr.write(`bench: round ${round}/${rounds}: ${name}…\n`);
        let run;
        try {
          const [file, ...argv] = startingOn(cpu, [process.execPath, fileURLToPath(import.meta.url), `--child=${name}`, `--out=${out}`, `--budget=${budgetMs}`, ...(args.only ? [`--only=${args.only}`] : [])]);
          execFileSync(file, argv, {
            stdio: ['ignore', 'ignore', 'inherit'],
            timeout: 30 * 60 * 1000,
          });
          run = JSON.parse(readFileSync(out, 'utf8'));
        } catch (error) {
          run = { error: String(error.message).split('\n')[0] };
        }
        data[name] = data[name] && !data[name].error ? (run.error ? data[name] : fastest(data[name], run)) : run;
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const pg = data.poolgrad.results ?? {};
  const rows = [];
  const targets = [];
  const checks = [];
  const med = (impl, id, dir, path_) => data[impl]?.results?.[id]?.[dir]?.[path_]?.median ?? data[impl]?.results?.[id]?.[dir]?.median;
  for (const w of WORKLOADS) {
    for (const dir of ['forward', 'backward']) {
      const row = {
        workload: w.id,
        op: `${w.op} k${w.k} s${w.s}${w.p ? ` p${w.p}` : ''} [${w.shape.join(',')}]`,
        dir,
        poolgradPlain: med('poolgrad', w.id, dir, 'plain'),
        poolgradResident: med('poolgrad', w.id, dir, 'resident'),
        floor: med('floor', w.id, dir),
        floorPlain: med('floor', w.id, dir, 'plain'),
        tfjsWasmPlain: med('tfjs-wasm', w.id, dir, 'plain'),
        tfjsWasmOp: med('tfjs-wasm', w.id, dir, 'op'),
        tfjsCpuPlain: med('tfjs-cpu', w.id, dir, 'plain'),
        tfjsCpuOp: med('tfjs-cpu', w.id, dir, 'op'),
        ortPlain: dir === 'forward' ? med('ort-web', w.id, dir, 'plain') : null,
      };
      rows.push(row);
      const need = dir === 'forward' ? 1 : 20;
      const tgt = (name, mine, theirs, factor) => {
        const speedup = mine && theirs ? theirs / mine : null;
        targets.push({ workload: w.id, dir, target: name, speedup, need: factor, met: speedup == null ? null : speedup >= factor });
      };
      tgt(`tfjs-wasm plain (upload+op+dataSync) ≥${need}×`, row.poolgradPlain, row.tfjsWasmPlain, need);
      tgt(`tfjs-wasm resident (op alone) ≥${need}×`, row.poolgradResident, row.tfjsWasmOp, need);
      if (dir === 'forward') {
        tgt('ort-web plain ≥3×', row.poolgradPlain, row.ortPlain, 3);
        tgt('ort-web vs resident ≥3×', row.poolgradResident, row.ortPlain, 3);
      }
      // Within 2× of the floor: floor / ours ≥ 0.5.
      tgt('resident within 2× of floor', row.poolgradResident, row.floor, 0.5);
      tgt('plain within 2× of plain floor (copy in+stream+copy out)', row.poolgradPlain, row.floorPlain, 0.5);

      const mine = pg[w.id]?.probes ?? {};
      // TensorFlow.js's average pooling divides by the input elements of a
      // window (countIncludePad: false) in the forward pass, but its gradient
      // divides by the full kernel area (countIncludePad: true).
      const tfjsExcludes = w.op === 'avg' && dir === 'forward';
      const ex = tfjsExcludes ? `${dir}ExcludePad` : dir;
      checks.push({ workload: w.id, dir, against: 'resident = plain (bitwise)', ok: pg[w.id]?.same ?? null });
      for (const impl of ['tfjs-wasm', 'tfjs-cpu']) {
        const note = w.op === 'avg' ? ` (countIncludePad: ${!tfjsExcludes})` : '';
        checks.push({ workload: w.id, dir, against: impl + note, ok: agree(mine[ex], data[impl]?.results?.[w.id]?.probes?.[dir]) });
      }
      if (dir === 'forward') checks.push({ workload: w.id, dir, against: 'ort-web', ok: agree(mine[dir], data['ort-web']?.results?.[w.id]?.probes?.[dir]) });
    }
  }

  const report = {
    machine: { ...machine(), roundsStartOnCpus: allowed ? Array.from({ length: rounds }, (_, i) => roundCpu(i + 1)) : null },
    budgetMs,
    rounds,
    implementations: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, { info: v.info ?? (k === 'poolgrad' ? { simd: v.simd } : undefined), error: v.error }])),
    rows,
    targets,
    checks,
  };
  if (args.json) {
    console.log(JSON.stringify(report, null, 2));
  } else {
    print(report);
  }
  const failed = checks.filter((c) => c.ok === false);
  if (failed.length) process.exitCode = 1;
}

function print(r) {
  const m = r.machine;
  console.log(`poolgrad benchmark — ${m.date}`);
  console.log(`machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.platform}, Node ${m.node}`);
  if (m.freshMemory) {
    const f = m.freshMemory;
    console.log(`fresh memory: first write ${f.firstMsPerMB.toFixed(3)} ms/MB, writing it again ${f.againMsPerMB.toFixed(3)} ms/MB (plain calls return fresh arrays)`);
  }
  if (m.roundsStartOnCpus) console.log(`rounds start their processes on cpu ${m.roundsStartOnCpus.join(', ')} (vCPUs of a shared VM differ)`);
  const best = r.rounds > 1 ? `the lowest of ${r.rounds} rounds' medians` : 'medians';
  console.log(`poolgrad.wasm ${m.wasmBytes.simd} B (SIMD), poolgrad-scalar.wasm ${m.wasmBytes.scalar} B; ${best} in ms (${r.budgetMs} ms per measurement), one thread`);
  for (const [k, v] of Object.entries(r.implementations)) {
    if (v.error) console.log(`  ${k}: FAILED — ${v.error}`);
    else if (v.info) console.log(`  ${k}: ${JSON.stringify(v.info)}`);
  }
  const head = ['', 'dir', 'pg plain', 'pg resident', 'floor', 'plain floor', 'tfjs-wasm plain', 'tfjs-wasm op', 'tfjs-cpu plain', 'tfjs-cpu op', 'ort-web'];
  const body = r.rows.map((x) => [x.workload, x.dir, fmt(x.poolgradPlain), fmt(x.poolgradResident), fmt(x.floor), fmt(x.floorPlain), fmt(x.tfjsWasmPlain), fmt(x.tfjsWasmOp), fmt(x.tfjsCpuPlain), fmt(x.tfjsCpuOp), fmt(x.ortPlain)]);
  table(head, body);
  console.log('');
  for (const w of WORKLOADS) console.log(`${w.id}: ${r.rows.find((x) => x.workload === w.id).op}`);
  console.log('\ntargets (speed-up = their time / ours; floor: floor time / ours, ≥ 0.5 means within 2×)');
  table(
    ['', 'dir', 'target', 'speed-up', 'met'],
    r.targets.map((t) => [t.workload, t.dir, t.target, ratio(t.speedup), t.met == null ? '—' : t.met ? 'met' : 'NOT met']),
  );
  console.log('\nresults agree');
  table(['', 'dir', 'against', 'ok'], r.checks.map((c) => [c.workload, c.dir, c.against, c.ok == null ? '—' : c.ok ? 'yes' : 'NO']));
}

function table(head, rows) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => String(row[i]).length)));
  const line = (cells) => cells.map((c, i) => (i < 3 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  console.log(line(head));
  for (const row of rows) console.log(line(row));
}

if (args.child) await child(args.child);
else if (args.from) print(JSON.parse(readFileSync(args.from, 'utf8'))); // re-print a saved --json run
else await parent();
