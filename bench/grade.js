// npm run bench (grading part): a generated 200-submission Moodle zip graded
// by `poolgrad grade` (the CLI's own code, in this process so that its CPU
// time, worker threads included, can be read); reports wall and CPU seconds
// per submission. CPU time tells what an idle machine would take when the
// shared machine is busy: wall ≈ CPU / cores.
// node bench/grade.js [--count=N] [--jobs=N] [--json]
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gradeCommand } from '../js/grade/cli.js';
import { moodleFolder, participants } from '../tests/grade/course.js';
import { writeZip } from '../tests/grade/zip-writer.js';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')).map(([k, v]) => [k, v ?? true]));
const count = Number(args.count ?? 200);
const jobs = Number(args.jobs ?? cpus().length);

// The course: the generator's participants (right, buggy, hostile, broken) repeated under new names and ids.
const kinds = participants();
const entries = [];
for (let i = 0; i < count; i++) {
  const p = kinds[i % kinds.length];
  const who = { name: `Teilnehmer ${String(i + 1).padStart(3, '0')}`, id: String(200000 + i) };
  for (const f of p.files) entries.push({ name: `${moodleFolder(who)}/${f.name}`, data: f.data, date: f.date });
}
const dir = mkdtempSync(join(tmpdir(), 'poolgrad-bench-grade-'));
try {
  const zip = join(dir, 'course.zip');
  writeFileSync(zip, writeZip(entries));
  const usage = (message) => new Error(message);
  const quiet = { write() {}, isTTY: false };
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  await gradeCommand([zip, '--out', join(dir, 'out'), '--jobs', String(jobs)], { UsageError: usage, stdout: quiet, stderr: quiet });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const { user, system } = process.cpuUsage(cpu);
  const cpuSeconds = (user + system) / 1e6;
  const grades = JSON.parse(readFileSync(join(dir, 'out', 'grades.json'), 'utf8'));
  const loadAverage = (await import('node:os')).loadavg()[0];
  const result = {
    date: new Date().toISOString(),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`,
    node: process.version,
    submissions: grades.submissions.length,
    graded: grades.summary.graded,
    refused: grades.summary.refused,
    pythonChecks: grades.meta.pythonChecks,
    // A sanity figure: a broken run shows up as no submission passing every check.
    passedEverything: grades.submissions.filter((x) => x.code?.results.every((r) => r.passed === r.total)).length,
    jobs,
    seconds: Math.round(seconds * 10) / 10,
    secondsPerSubmission: Math.round((seconds / grades.submissions.length) * 1000) / 1000,
    cpuSeconds: Math.round(cpuSeconds * 10) / 10,
    cpuSecondsPerSubmission: Math.round((cpuSeconds / grades.submissions.length) * 1000) / 1000,
    loadAverageAtEnd: Math.round(loadAverage * 10) / 10,
    budgetPerSubmission: 2,
  };
  if (args.json) console.log(JSON.stringify(result));
  else {
    console.log(`poolgrad grade — ${result.submissions} submissions (${result.graded} graded, ${result.passedEverything} passing every check, ${result.refused} refused), --jobs ${jobs}, ${result.machine}`);
    console.log(`  wall: ${result.seconds} s in all, ${result.secondsPerSubmission} s per submission (budget ${result.budgetPerSubmission} s)${result.pythonChecks === 'run' ? '' : `; Python checks not run: ${result.pythonChecks}`}`);
    console.log(`  CPU:  ${result.cpuSeconds} s in all, ${result.cpuSecondsPerSubmission} s per submission, so ≈ ${Math.round((result.cpuSecondsPerSubmission / Math.min(jobs, cpus().length)) * 1000) / 1000} s per submission on ${Math.min(jobs, cpus().length)} idle cores (load average at the end: ${result.loadAverageAtEnd})`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
