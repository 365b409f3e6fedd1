#!/usr/bin/env node
// npm run bench: the workloads W1–W3 with poolgrad (NCHW; NHWC with and
// without indices), the streaming floor,
// TensorFlow.js (wasm backend, 1 thread; cpu backend) and ONNX Runtime Web
// (wasm, 1 thread), each implementation in a process of its own, and a size
// sweep against a plain JavaScript loop. Prints a
// table of medians, the ratios behind each target, whether the results
// agree, and the machine. `--json` prints the same as JSON.
//
// Options: --json, --budget=MS (time spent per measurement, default 500),
// --rounds=N (default 3), --only=W1,W3 (a subset of the workloads; add
// `sweep` to run the size sweep too, --only=sweep runs the sweep alone),
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
//
// Files: workloads.js (workloads, inputs, timing), runners.js (one runner per
// process), report.js (statistics and printing); this file starts the
// processes and merges their rounds.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildReport, fastest, pooledRatios, print } from './report.js';
import { runFloor, runInterleaved, runOrt, runPoolgrad, runSweep, runTfjs } from './runners.js';
import { ALL_WORKLOADS } from './workloads.js';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? true];
  }),
);
const budgetMs = Number(args.budget ?? 500);
const rounds = Math.max(1, Math.floor(Number(args.rounds ?? 3)));
const only = args.only ? String(args.only).split(',') : null;
const WORKLOADS = only ? ALL_WORKLOADS.filter((w) => only.includes(w.id)) : ALL_WORKLOADS;
const IMPLS = [...(WORKLOADS.length ? ['poolgrad', 'floor', 'tfjs-wasm', 'tfjs-cpu', 'ort-web', 'interleaved'] : []), ...(!only || only.includes('sweep') ? ['sweep'] : [])];

async function child(name) {
  const runners = {
    poolgrad: runPoolgrad,
    floor: runFloor,
    'tfjs-wasm': (w, b) => runTfjs('wasm', w, b),
    'tfjs-cpu': (w, b) => runTfjs('cpu', w, b),
    'ort-web': runOrt,
    sweep: runSweep,
    interleaved: runInterleaved,
  };
  const out = await runners[name](WORKLOADS, budgetMs);
  writeFileSync(args.out, JSON.stringify(out));
}

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
        const merge = name === 'interleaved' ? pooledRatios : fastest;
        data[name] = data[name] && !data[name].error ? (run.error ? data[name] : merge(data[name], run)) : run;
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const report = buildReport(data, WORKLOADS, { budgetMs, rounds, roundsStartOnCpus: allowed ? Array.from({ length: rounds }, (_, k) => roundCpu(k + 1)) : null });
  if (args.json) {
    console.log(JSON.stringify(report, null, 2));
  } else {
    print(report);
  }
  const failed = report.checks.filter((c) => c.ok === false);
  if (failed.length) process.exitCode = 1;
}


if (args.child) await child(args.child);
else if (args.from) print(JSON.parse(readFileSync(args.from, 'utf8'))); // re-print a saved --json run
else await parent();
