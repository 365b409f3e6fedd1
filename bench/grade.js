// npm run bench (grading part): a generated 200-submission Moodle zip graded
// by `poolgrad grade` as a tutor runs it; reports seconds per submission.
// node bench/grade.js [--count N] [--jobs N] [--json]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  const bin = fileURLToPath(new URL('../bin/poolgrad.js', import.meta.url));
  const started = process.hrtime.bigint();
  const stdout = execFileSync(process.execPath, [bin, 'grade', zip, '--out', join(dir, 'out'), '--jobs', String(jobs), '--json'], { maxBuffer: 1 << 30, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const grades = JSON.parse(stdout);
  const result = {
    date: new Date().toISOString(),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`,
    node: process.version,
    submissions: grades.submissions.length,
    graded: grades.summary.graded,
    refused: grades.summary.refused,
    pythonChecks: grades.meta.pythonChecks,
    jobs,
    seconds: Math.round(seconds * 10) / 10,
    secondsPerSubmission: Math.round((seconds / grades.submissions.length) * 1000) / 1000,
    budgetPerSubmission: 2,
  };
  if (args.json) console.log(JSON.stringify(result));
  else {
    console.log(`poolgrad grade — ${result.submissions} submissions (${result.graded} graded, ${result.refused} refused), --jobs ${jobs}, ${result.machine}`);
    console.log(`  ${result.seconds} s in all, ${result.secondsPerSubmission} s per submission (budget ${result.budgetPerSubmission} s)${result.pythonChecks === 'run' ? '' : `; Python checks not run: ${result.pythonChecks}`}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
