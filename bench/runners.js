// The benchmark's child processes: one runner per implementation, each
// timing the workloads in a process of its own and returning medians and
// result fingerprints. bench/run.js starts them and prints the report.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  FIRST_CALLS, SWEEP_OPTIONS, meanOver, median, warmUp, SWEEP_SHAPES, count, gradOf, maxPoolLoop, measurePerCall, sweepInput, inputOf, measure as time, measureAsync as timeAsync, nhwc, outShapeOf, probe, same, toNCHW, toNHWC,
} from './workloads.js';


// One workload's poolgrad calls on fixed inputs: NCHW plain and resident
// (alloc() tensors; max with indices), backward (max from the forward's
// indices), and channels last, the layout tfjs-wasm (XNNPACK) pools in,
// without indices resident and plain, and with indices. free() releases the
// tensors.
function poolgradCalls(pg, w) {
  const max = w.op === 'max';
  const shape = w.shape;
  const oshape = outShapeOf(w);
  const opts = { kernelSize: w.k, stride: w.s, padding: w.p };
  const x = { data: inputOf(w), shape };
  const g = { data: gradOf(w), shape: oshape };
  const X = pg.alloc(shape);
  const Y = pg.alloc(oshape);
  const I = max ? pg.alloc(oshape, 'int32') : null;
  const G = pg.alloc(oshape);
  const GX = pg.alloc(shape);
  X.data.set(x.data);
  G.data.set(g.data);
  const xn = { data: toNHWC(x.data, shape), shape: nhwc(shape) };
  const XN = pg.alloc(xn.shape);
  const YN = pg.alloc(nhwc(oshape));
  const IN = max ? pg.alloc(nhwc(oshape), 'int32') : null;
  XN.data.set(xn.data);
  const nhwcOpts = { ...opts, dataFormat: 'NHWC' };
  const values = max ? { ...nhwcOpts, returnIndices: false } : nhwcOpts;
  const pool = max ? pg.maxPool2d : pg.avgPool2d;
  // The forward's indices, for max pooling's backward: plain from a plain
  // call, resident in I.
  const plainIndices = max ? pg.maxPool2d(x, opts).indices : null;
  if (max) pg.maxPool2d(X, opts, { output: Y, indices: I });
  return {
    x, g, X, Y, I, GX, xn, opts, values,
    forwardPlain: () => pool(x, opts),
    forwardResident: max ? () => pg.maxPool2d(X, opts, { output: Y, indices: I }) : () => pg.avgPool2d(X, opts, { output: Y }),
    backwardPlain: max ? () => pg.maxPool2dBackward(g, plainIndices, shape) : () => pg.avgPool2dBackward(g, shape, opts),
    backwardResident: max
      ? () => pg.maxPool2dBackward(G, I, shape, { gradInput: GX })
      : () => pg.avgPool2dBackward(G, shape, opts, { gradInput: GX }),
    nhwcValues: () => pool(XN, values, { output: YN }),
    nhwcValuesPlain: () => pool(xn, values),
    nhwcIndices: max ? () => pg.maxPool2d(XN, nhwcOpts, { output: YN, indices: IN }) : null,
    free: () => [X, Y, I, G, GX, XN, YN, IN].forEach((t) => t?.free()),
  };
}

export async function runPoolgrad(WORKLOADS, budgetMs) {
  const measure = (fn) => time(fn, budgetMs);
  const pg = await import('../js/node.js');
  await pg.ready();
  const results = {};
  for (const w of WORKLOADS) {
    const c = poolgradCalls(pg, w);
    const oshape = outShapeOf(w);
    const r = (results[w.id] = {});
    // Channels last: the like-for-like rows.
    r.nhwc = { values: measure(c.nhwcValues), valuesPlain: measure(c.nhwcValuesPlain) };
    if (c.nhwcIndices) r.nhwc.indices = measure(c.nhwcIndices);
    const valuesOf = (result) => (w.op === 'max' ? result.output.data : result.data);
    r.nhwcSame = same(toNCHW(valuesOf(c.nhwcValuesPlain()), oshape), valuesOf(c.forwardPlain()));
    r.forward = { plain: measure(c.forwardPlain), resident: measure(c.forwardResident) };
    r.backward = { plain: measure(c.backwardPlain), resident: measure(c.backwardResident) };
    const y = c.forwardPlain();
    const gx = c.backwardPlain();
    if (w.op === 'max') {
      r.same = same(y.output.data, c.Y.data) && same(y.indices.data, c.I.data) && same(gx.data, c.GX.data);
      r.probes = { forward: probe(y.output.data), backward: probe(gx.data) };
    } else {
      r.same = same(y.data, c.Y.data) && same(gx.data, c.GX.data);
      // TensorFlow.js divides by the window's input elements only: the
      // countIncludePad: false semantics, checked separately.
      const ex = { ...c.opts, countIncludePad: false };
      r.probes = {
        forward: probe(y.data),
        backward: probe(gx.data),
        forwardExcludePad: probe(pg.avgPool2d(c.x, ex).data),
        backwardExcludePad: probe(pg.avgPool2dBackward(c.g, w.shape, ex).data),
      };
    }
    c.free();
  }
  const stats = pg.memoryStats();
  return { results, simd: stats.simd };
}

// Reads every input byte once and writes every output byte once (bench/floor.cpp).
export async function runFloor(WORKLOADS, budgetMs) {
  const measure = (fn) => time(fn, budgetMs);
  const bytes = readFileSync(new URL('../build/wasm/floor.wasm', import.meta.url));
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

// The targets' pairs timed in one process, alternating short samples of
// both sides: on a shared VM a process's speed drifts by up to 1.5–2× over
// minutes (W1's NHWC call took 0.21 and 0.35 ms in two processes a minute
// apart, the NCHW call in the same processes 1.01 and 1.28 ms), and timing
// each side in its own process turns that drift into the ratio. Each pair
// gives PAIR_SAMPLES ratios per round; the report takes their median.
const PAIR_SAMPLES = 15;
export async function runInterleaved(WORKLOADS, budgetMs) {
  const pg = await import('../js/node.js');
  await pg.ready();
  const tf = await loadTfjs('wasm');
  const sampleMs = Math.max(5, budgetMs / PAIR_SAMPLES / 2);
  const results = {};
  for (const w of WORKLOADS) {
    const ours = poolgradCalls(pg, w);
    const theirs = tfjsCalls(tf, w);
    const pairs = {
      nhwcValues: [ours.nhwcValues, theirs.forwardOp],
      nhwcValuesPlain: [ours.nhwcValuesPlain, theirs.forwardPlain],
      nchwResident: [ours.forwardResident, theirs.forwardOp],
      backwardResident: [ours.backwardResident, theirs.backwardOp],
      backwardPlain: [ours.backwardPlain, theirs.backwardPlain],
    };
    const r = (results[w.id] = {});
    for (const [name, [mine, their]] of Object.entries(pairs)) {
      warmUp(mine);
      warmUp(their);
      const ratios = [];
      let fastestOurs = Infinity;
      let fastestTheirs = Infinity;
      for (let k = 0; k < PAIR_SAMPLES; k++) {
        const a = meanOver(mine, sampleMs);
        const b = meanOver(their, sampleMs);
        ratios.push(b / a);
        fastestOurs = Math.min(fastestOurs, a);
        fastestTheirs = Math.min(fastestTheirs, b);
      }
      r[name] = { ratios, ours: fastestOurs, theirs: fastestTheirs };
    }
    ours.free();
    theirs.dispose();
  }
  return { results };
}

// TensorFlow.js with one backend ('wasm': XNNPACK, one thread; 'cpu').
async function loadTfjs(backend) {
  const tf = await import('@tensorflow/tfjs-core');
  if (backend === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setThreadsCount(1);
  } else {
    await import('@tensorflow/tfjs-backend-cpu');
  }
  await tf.setBackend(backend);
  await tf.ready();
  return tf;
}

// One workload's tfjs calls (NHWC, its layout): the op on an uploaded
// tensor, the plain call (upload + op + dataSync), the gradient kernel (max's
// from the forward's input and output, as tfjs's own gradient does) on an
// uploaded gradient, and its plain call, which uploads only the gradient: the
// forward's tensors are already on the backend in training, which favours
// tfjs. dispose() frees the tensors.
function tfjsCalls(tf, w) {
  const shape = nhwc(w.shape);
  const oshape = nhwc(outShapeOf(w));
  const xh = toNHWC(inputOf(w), w.shape);
  const gh = toNHWC(gradOf(w), outShapeOf(w));
  const forward = (t) => (w.op === 'max' ? tf.maxPool(t, w.k, w.s, w.p, 'floor') : tf.avgPool(t, w.k, w.s, w.p, 'floor'));
  const X = tf.tensor4d(xh, shape);
  const Y = forward(X);
  const DY = tf.tensor4d(gh, oshape);
  const attrs = { filterSize: w.k, strides: w.s, pad: w.p, dimRoundingMode: 'floor' };
  const backward = (dy) =>
    w.op === 'max'
      ? tf.engine().runKernel('MaxPoolGrad', { dy, input: X, output: Y }, attrs)
      : tf.engine().runKernel('AvgPoolGrad', { dy, input: X }, attrs);
  const plainly = (upload, run) => () => {
    const t = upload();
    const out = run(t);
    out.dataSync();
    t.dispose();
    out.dispose();
  };
  return {
    Y,
    backward: () => backward(DY),
    forwardPlain: plainly(() => tf.tensor4d(xh, shape), forward),
    forwardOp: () => forward(X).dispose(),
    backwardPlain: plainly(() => tf.tensor4d(gh, oshape), backward),
    backwardOp: () => backward(DY).dispose(),
    dispose: () => [X, Y, DY].forEach((t) => t.dispose()),
  };
}

export async function runTfjs(backend, WORKLOADS, budgetMs) {
  const measure = (fn) => time(fn, budgetMs);
  const tf = await loadTfjs(backend);
  const info = backend === 'wasm'
    ? { simd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'), threads: (await import('@tensorflow/tfjs-backend-wasm')).getThreadsCount() }
    : {};
  const results = {};
  for (const w of WORKLOADS) {
    const c = tfjsCalls(tf, w);
    const r = (results[w.id] = {});
    r.forward = { plain: measure(c.forwardPlain), op: measure(c.forwardOp) };
    r.backward = { plain: measure(c.backwardPlain), op: measure(c.backwardOp) };
    const gx = c.backward();
    r.probes = { forward: probe(toNCHW(c.Y.dataSync(), outShapeOf(w))), backward: probe(toNCHW(gx.dataSync(), w.shape)) };
    gx.dispose();
    c.dispose();
  }
  return { results, info };
}

export async function runOrt(WORKLOADS, budgetMs) {
  const measureAsync = (fn) => timeAsync(fn, budgetMs);
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

// Per-call cost from the notebook's tensor up to W2's size: poolgrad's plain
// call against max pooling with indices written as a plain JavaScript loop
// (what a learner's page would otherwise run), in two regimes. Steady: calls
// back to back after warm-up, batched so the timer resolves them. First
// calls: the mean of a page's first FIRST_CALLS calls, each implementation
// and shape in fresh processes (bench/first-calls.js), the median of
// FIRST_CALL_PROCESSES of them.
const FIRST_CALL_PROCESSES = 5;
function firstCalls(impl, shape) {
  const script = fileURLToPath(new URL('./first-calls.js', import.meta.url));
  const runs = Array.from({ length: FIRST_CALL_PROCESSES }, () =>
    JSON.parse(execFileSync(process.execPath, [script, impl, shape.join('x')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })));
  const first = { median: median(runs.map((r) => r.firstMs)), reps: runs.length * FIRST_CALLS };
  return impl === 'poolgrad' ? { first, load: { median: median(runs.map((r) => r.loadMs)), reps: runs.length } } : { first };
}

export async function runSweep(_workloads, budgetMs) {
  const pg = await import('../js/node.js');
  await pg.ready();
  const results = {};
  for (const shape of SWEEP_SHAPES) {
    const x = sweepInput(shape);
    const mine = pg.maxPool2d(x, SWEEP_OPTIONS);
    const theirs = maxPoolLoop(x);
    const pgFirst = firstCalls('poolgrad', shape);
    results[shape.join('x')] = {
      poolgrad: measurePerCall(() => pg.maxPool2d(x, SWEEP_OPTIONS), budgetMs),
      js: measurePerCall(() => maxPoolLoop(x), budgetMs),
      poolgradFirst: pgFirst.first,
      poolgradLoad: pgFirst.load,
      jsFirst: firstCalls('js', shape).first,
      same: same(mine.output.data, theirs.output.data) && same(mine.indices.data, theirs.indices.data),
    };
  }
  return { results };
}
