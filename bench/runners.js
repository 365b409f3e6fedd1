// The benchmark's child processes: one runner per implementation, each
// timing the workloads in a process of its own and returning medians and
// result fingerprints. bench/run.js starts them and prints the report.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  FIRST_CALLS, SWEEP_OPTIONS, meanOver, warmUp, SWEEP_SHAPES, count, gradOf, maxPoolLoop, measurePerCall, sweepInput, inputOf, measure as time, measureAsync as timeAsync, nhwc, outShapeOf, probe, same, toNCHW, toNHWC,
} from './workloads.js';


export async function runPoolgrad(WORKLOADS, budgetMs) {
  const measure = (fn) => time(fn, budgetMs);
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
    // Channels last, as tfjs-wasm (XNNPACK) pools: the like-for-like rows.
    const nshape = nhwc(shape);
    const noshape = nhwc(oshape);
    const XN = pg.alloc(nshape);
    const YN = pg.alloc(noshape);
    const xn = { data: toNHWC(x.data, shape), shape: nshape };
    XN.data.set(xn.data);
    const nopts = { ...opts, dataFormat: 'NHWC' };
    if (w.op === 'max') {
      const IN = pg.alloc(noshape, 'int32');
      const values = { ...nopts, returnIndices: false };
      r.nhwc = {
        values: measure(() => pg.maxPool2d(XN, values, { output: YN })),
        valuesPlain: measure(() => pg.maxPool2d(xn, values)),
        indices: measure(() => pg.maxPool2d(XN, nopts, { output: YN, indices: IN })),
      };
      r.nhwcSame = same(toNCHW(pg.maxPool2d(xn, values).output.data, oshape), pg.maxPool2d(x, opts).output.data);
      IN.free();
    } else {
      r.nhwc = {
        values: measure(() => pg.avgPool2d(XN, nopts, { output: YN })),
        valuesPlain: measure(() => pg.avgPool2d(xn, nopts)),
      };
      r.nhwcSame = same(toNCHW(pg.avgPool2d(xn, nopts).data, oshape), pg.avgPool2d(x, opts).data);
    }
    XN.free();
    YN.free();
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
  const tf = await import('@tensorflow/tfjs-core');
  const tfWasm = await import('@tensorflow/tfjs-backend-wasm');
  tfWasm.setThreadsCount(1);
  await tf.setBackend('wasm');
  await tf.ready();
  const sampleMs = Math.max(5, budgetMs / PAIR_SAMPLES / 2);
  const results = {};
  for (const w of WORKLOADS) {
    const shape = nhwc(w.shape);
    const oshape = nhwc(outShapeOf(w));
    const opts = { kernelSize: w.k, stride: w.s, padding: w.p };
    const xh = toNHWC(inputOf(w), w.shape);
    const plainNhwc = { data: xh, shape };
    const XN = pg.alloc(shape);
    XN.data.set(xh);
    const YN = pg.alloc(oshape);
    const X = pg.alloc(w.shape);
    X.data.set(inputOf(w));
    const Y = pg.alloc(outShapeOf(w));
    const I = pg.alloc(outShapeOf(w), 'int32');
    const nhwcOpts = w.op === 'max' ? { ...opts, dataFormat: 'NHWC', returnIndices: false } : { ...opts, dataFormat: 'NHWC' };
    const pool = w.op === 'max' ? pg.maxPool2d : pg.avgPool2d;
    const T = tf.tensor4d(xh, shape);
    const op = (t) => (w.op === 'max' ? tf.maxPool(t, w.k, w.s, w.p, 'floor') : tf.avgPool(t, w.k, w.s, w.p, 'floor'));
    const theirOp = () => op(T).dispose();
    const theirPlain = () => {
      const t = tf.tensor4d(xh, shape);
      const y = op(t);
      y.dataSync();
      t.dispose();
      y.dispose();
    };
    // Backward as in the separate runners: ours NCHW (max from the forward's
    // indices), tfjs's gradient kernels with the forward's tensors uploaded.
    const g = { data: gradOf(w), shape: outShapeOf(w) };
    const G = pg.alloc(g.shape);
    G.data.set(g.data);
    const GX = pg.alloc(w.shape);
    const indices = w.op === 'max' ? pg.maxPool2d({ data: inputOf(w), shape: w.shape }, opts).indices : null;
    if (indices) pg.maxPool2d(X, opts, { output: Y, indices: I });
    const gh = toNHWC(g.data, g.shape);
    const TY = op(T);
    const DY = tf.tensor4d(gh, oshape);
    const attrs = { filterSize: w.k, strides: w.s, pad: w.p, dimRoundingMode: 'floor' };
    const theirGrad = (dy) =>
      w.op === 'max'
        ? tf.engine().runKernel('MaxPoolGrad', { dy, input: T, output: TY }, attrs)
        : tf.engine().runKernel('AvgPoolGrad', { dy, input: T }, attrs);
    const pairs = {
      nhwcValues: [() => pool(XN, nhwcOpts, { output: YN }), theirOp],
      nhwcValuesPlain: [() => pool(plainNhwc, nhwcOpts), theirPlain],
      nchwResident: [w.op === 'max' ? () => pg.maxPool2d(X, opts, { output: Y, indices: I }) : () => pg.avgPool2d(X, opts, { output: Y }), theirOp],
      backwardResident: [
        w.op === 'max' ? () => pg.maxPool2dBackward(G, I, w.shape, { gradInput: GX }) : () => pg.avgPool2dBackward(G, w.shape, opts, { gradInput: GX }),
        () => theirGrad(DY).dispose(),
      ],
      backwardPlain: [
        w.op === 'max' ? () => pg.maxPool2dBackward(g, indices, w.shape) : () => pg.avgPool2dBackward(g, w.shape, opts),
        () => {
          const d = tf.tensor4d(gh, oshape);
          const gx = theirGrad(d);
          gx.dataSync();
          d.dispose();
          gx.dispose();
        },
      ],
    };
    const r = (results[w.id] = {});
    for (const [name, [mine, theirs]] of Object.entries(pairs)) {
      warmUp(mine);
      warmUp(theirs);
      const ratios = [];
      let ours = Infinity;
      let their = Infinity;
      for (let k = 0; k < PAIR_SAMPLES; k++) {
        const a = meanOver(mine, sampleMs);
        const b = meanOver(theirs, sampleMs);
        ratios.push(b / a);
        ours = Math.min(ours, a);
        their = Math.min(their, b);
      }
      r[name] = { ratios, ours, theirs: their };
    }
    for (const t of [XN, YN, X, Y, I, G, GX]) t.free();
    for (const t of [T, TY, DY]) t.dispose();
  }
  return { results };
}

export async function runTfjs(backend, WORKLOADS, budgetMs) {
  const measure = (fn) => time(fn, budgetMs);
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
  const median = (values) => values.sort((a, b) => a - b)[values.length >> 1];
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
