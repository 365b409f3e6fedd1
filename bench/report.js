// The benchmark's statistics and printing: the machine, merging rounds,
// whether results agree, the targets as ratios, and the tables.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './workloads.js';

const here = path.dirname(fileURLToPath(import.meta.url));

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
export function fastest(a, b) {
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

/** Rounds of the interleaved runner: every round's ratios pooled, the fastest times kept. */
export function pooledRatios(a, b) {
  const out = { ...a, results: { ...a.results } };
  for (const [id, pairs] of Object.entries(b.results ?? {})) {
    const mine = (out.results[id] = { ...out.results[id] });
    for (const [name, p] of Object.entries(pairs)) {
      const q = mine[name];
      mine[name] = q
        ? { ratios: [...q.ratios, ...p.ratios], ours: Math.min(q.ours, p.ours), theirs: Math.min(q.theirs, p.theirs) }
        : p;
    }
  }
  return out;
}


const fmt = (ms) => (ms == null ? '—' : ms < 1 ? ms.toFixed(3) : ms < 100 ? ms.toFixed(2) : ms.toFixed(0));
const ratio = (x) => (x == null || !Number.isFinite(x) ? '—' : x >= 100 ? `${x.toFixed(0)}×` : `${x.toFixed(2)}×`);

/**
 * The report of one run: a row per workload and direction, the targets as
 * ratios, whether the implementations' results agree, and the size sweep.
 * `data` holds each implementation's merged rounds.
 */
export function buildReport(data, WORKLOADS, meta) {
  const pg = data.poolgrad?.results ?? {};
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
        nhwcValues: dir === 'forward' ? pg[w.id]?.nhwc?.values?.median ?? null : null,
        nhwcValuesPlain: dir === 'forward' ? pg[w.id]?.nhwc?.valuesPlain?.median ?? null : null,
        nhwcIndices: dir === 'forward' ? pg[w.id]?.nhwc?.indices?.median ?? null : null,
        // Speed-ups against tfjs-wasm timed in one process, alternating.
        interleaved: data.interleaved?.results?.[w.id]
          ? Object.fromEntries(
              Object.entries(data.interleaved.results[w.id])
                .filter(([k]) => k.startsWith('backward') === (dir === 'backward'))
                .map(([k, p]) => [k, { speedup: median(p.ratios), samples: p.ratios.length, ours: p.ours, theirs: p.theirs }]),
            )
          : null,
      };
      rows.push(row);
      const need = dir === 'forward' ? 1 : 20;
      const tgt = (name, mine, theirs, factor, interleaved) => {
        // The pairs timed interleaved decide their targets; separate
        // processes only where no interleaved figure exists.
        const speedup = interleaved?.speedup ?? (mine && theirs ? theirs / mine : null);
        const label = interleaved ? `${name} (interleaved)` : name;
        targets.push({ workload: w.id, dir, target: label, speedup, need: factor, met: speedup == null ? null : speedup >= factor });
      };
      const il = row.interleaved ?? {};
      tgt(`tfjs-wasm plain (upload+op+dataSync) ≥${need}×`, row.poolgradPlain, row.tfjsWasmPlain, need, il.backwardPlain);
      tgt(`tfjs-wasm resident (op alone) ≥${need}×`, row.poolgradResident, row.tfjsWasmOp, need, il.nchwResident ?? il.backwardResident);
      if (dir === 'forward') {
        // Like for like: channels last without indices, as tfjs's op computes.
        tgt('NHWC no indices vs tfjs-wasm op ≥1.5×', row.nhwcValues, row.tfjsWasmOp, 1.5, il.nhwcValues);
        tgt('NHWC plain vs tfjs-wasm plain (upload+op+dataSync) ≥1.5×', row.nhwcValuesPlain, row.tfjsWasmPlain, 1.5, il.nhwcValuesPlain);
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
      if (dir === 'forward') checks.push({ workload: w.id, dir, against: 'NHWC = NCHW (bitwise)', ok: pg[w.id]?.nhwcSame ?? null });
      for (const impl of ['tfjs-wasm', 'tfjs-cpu']) {
        const note = w.op === 'avg' ? ` (countIncludePad: ${!tfjsExcludes})` : '';
        checks.push({ workload: w.id, dir, against: impl + note, ok: agree(mine[ex], data[impl]?.results?.[w.id]?.probes?.[dir]) });
      }
      if (dir === 'forward') checks.push({ workload: w.id, dir, against: 'ort-web', ok: agree(mine[dir], data['ort-web']?.results?.[w.id]?.probes?.[dir]) });
    }
  }

  // The sweep in ms per call: poolgrad and js in steady state, *First the
  // mean of a fresh process's first calls, poolgradLoad its import + ready().
  const sweep = Object.entries(data.sweep?.results ?? {}).map(([shape, s]) => ({
    shape,
    poolgrad: s.poolgrad.median,
    js: s.js.median,
    poolgradFirst: s.poolgradFirst?.median ?? null,
    jsFirst: s.jsFirst?.median ?? null,
    poolgradLoad: s.poolgradLoad?.median ?? null,
    same: s.same,
  }));
  const notebook = sweep.find((s) => s.shape === '1x2x5x5');
  if (notebook) {
    for (const [dir, mine, theirs] of [['steady', notebook.poolgrad, notebook.js], ['first calls', notebook.poolgradFirst, notebook.jsFirst]]) {
      const speedup = mine && theirs ? theirs / mine : null;
      targets.push({ workload: 'sweep 1x2x5x5', dir, target: 'no slower than the plain JS loop ≥1×', speedup, need: 1, met: speedup == null ? null : speedup >= 1 });
    }
  }
  if (sweep.length) checks.push({ workload: 'sweep', dir: 'forward', against: 'plain JS loop (bitwise)', ok: sweep.every((s) => s.same) });

  return {
    machine: { ...machine(), roundsStartOnCpus: meta.roundsStartOnCpus },
    budgetMs: meta.budgetMs,
    rounds: meta.rounds,
    implementations: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, { info: v.info ?? (k === 'poolgrad' ? { simd: v.simd } : undefined), error: v.error }])),
    rows,
    targets,
    checks,
    sweep,
  };
}

export function print(r) {
  const WORKLOADS = [...new Set(r.rows.map((x) => x.workload))].map((id) => ({ id }));
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
  if (r.rows.length) printWorkloads(r);
  if (r.sweep?.length && !r.sweep.some((s) => s.poolgradFirst != null)) {
    // A report saved before the sweep had two regimes: each call timed alone.
    console.log('\nper-call cost by size (max k2 s2 with indices, plain call; each call timed alone after 2 warm-up calls), ms');
    table(['shape', 'poolgrad', 'JS loop', 'JS / poolgrad', 'same'], r.sweep.map((s) => [s.shape, fmt(s.poolgrad), fmt(s.js), ratio(s.js / s.poolgrad), s.same ? 'yes' : 'NO']), 1);
  } else if (r.sweep?.length) {
    const us = (ms) => (ms == null ? '—' : ms * 1000 < 10 ? (ms * 1000).toFixed(2) : ms * 1000 < 1000 ? (ms * 1000).toFixed(1) : (ms * 1000).toFixed(0));
    console.log('\nper-call cost by size (max k2 s2 with indices, plain call), µs per call: poolgrad against a plain JavaScript loop');
    console.log('steady: back-to-back calls after warm-up; first 10: mean of the first 10 calls in a fresh process');
    table(
      ['shape', 'pg steady', 'JS steady', 'JS / pg', 'pg first 10', 'JS first 10', 'JS / pg ', 'same'],
      r.sweep.map((s) => [s.shape, us(s.poolgrad), us(s.js), ratio(s.js / s.poolgrad), us(s.poolgradFirst), us(s.jsFirst), ratio(s.jsFirst / s.poolgradFirst), s.same ? 'yes' : 'NO']),
      1,
    );
    const load = r.sweep.find((s) => s.poolgradLoad != null)?.poolgradLoad;
    if (load != null) console.log(`poolgrad's import + ready() before a page's first call: ${fmt(load)} ms`);
  }
  if (WORKLOADS.length) console.log('');
  for (const w of WORKLOADS) console.log(`${w.id}: ${r.rows.find((x) => x.workload === w.id).op}`);
  console.log('\ntargets (speed-up = their time / ours; floor: floor time / ours, ≥ 0.5 means within 2×)');
  table(
    ['', 'dir', 'target', 'speed-up', 'met'],
    r.targets.map((t) => [t.workload, t.dir, t.target, ratio(t.speedup), t.met == null ? '—' : t.met ? 'met' : 'NOT met']),
  );
  console.log('\nresults agree');
  table(['', 'dir', 'against', 'ok'], r.checks.map((c) => [c.workload, c.dir, c.against, c.ok == null ? '—' : c.ok ? 'yes' : 'NO']));
}

function printWorkloads(r) {
  const head = ['', 'dir', 'pg plain', 'pg resident', 'floor', 'plain floor', 'tfjs-wasm plain', 'tfjs-wasm op', 'tfjs-cpu plain', 'tfjs-cpu op', 'ort-web'];
  const body = r.rows.map((x) => [x.workload, x.dir, fmt(x.poolgradPlain), fmt(x.poolgradResident), fmt(x.floor), fmt(x.floorPlain), fmt(x.tfjsWasmPlain), fmt(x.tfjsWasmOp), fmt(x.tfjsCpuPlain), fmt(x.tfjsCpuOp), fmt(x.ortPlain)]);
  table(head, body);
  console.log('\nchannels last (NHWC), forward: poolgrad against the tfjs-wasm op (XNNPACK, NHWC)');
  table(
    ['', 'pg NHWC no indices', 'pg NHWC no indices plain', 'pg NHWC indices', 'pg NCHW indices', 'tfjs-wasm op', 'tfjs-wasm plain'],
    r.rows.filter((x) => x.dir === 'forward').map((x) => [x.workload, fmt(x.nhwcValues), fmt(x.nhwcValuesPlain), fmt(x.nhwcIndices), fmt(x.poolgradResident), fmt(x.tfjsWasmOp), fmt(x.tfjsWasmPlain)]),
  );
  const il = r.rows.filter((x) => x.dir === 'forward' && x.interleaved);
  if (!il.length) return;
  const back = (id) => r.rows.find((x) => x.workload === id && x.dir === 'backward')?.interleaved ?? {};
  console.log('\ninterleaved in one process: speed-up against tfjs-wasm, the median of alternating samples (fastest ms of each side)');
  const cell = (p) => (p ? `${ratio(p.speedup)} (${fmt(p.ours)} / ${fmt(p.theirs)})` : '—');
  table(
    ['', 'NHWC no indices vs op', 'NHWC plain vs plain', 'NCHW resident vs op', 'backward resident', 'backward plain', 'samples'],
    il.map((x) => [
      x.workload,
      cell(x.interleaved.nhwcValues),
      cell(x.interleaved.nhwcValuesPlain),
      cell(x.interleaved.nchwResident),
      cell(back(x.workload).backwardResident),
      cell(back(x.workload).backwardPlain),
      String(x.interleaved.nhwcValues?.samples ?? '—'),
    ]),
  );
}

// The first `labels` columns are left-aligned, the figures after them right-aligned.
function table(head, rows, labels = 3) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => String(row[i]).length)));
  const line = (cells) => cells.map((c, i) => (i < labels ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  console.log(line(head));
  for (const row of rows) console.log(line(row));
}
