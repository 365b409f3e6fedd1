// `poolgrad grade INPUT [--out DIR] [--jobs N] [--seed N] [--timeout MS] [--points FILE.json] [--json]`
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { toCsv } from './csv.js';
import { gradeCourse } from './grade.js';
import { toHtml } from './html.js';
import { InputError, ZipError } from './input.js';
import { resolvePoints } from './points.js';
import { createProgress } from './progress.js';

export const GRADE_HELP = `  poolgrad grade INPUT [options]      grade a course: a folder of .ipynb/.py or Moodle's "download all submissions" .zip
      --out DIR       where grades.csv, grades.json and report.html go (default ./poolgrad-grades)
      --jobs N        submissions checked in parallel (default: the number of CPU cores)
      --seed N        seed of the random cases (default 1)
      --timeout MS    time budget per function in ms (default 10000)
      --points FILE   points scheme as JSON (default: docs/grading.md)
      --json          print grades.json on stdout too; no progress bar`;

const cores = () => (typeof availableParallelism === 'function' ? availableParallelism() : cpus().length) || 1;

function parseGradeArgs(argv, UsageError) {
  const flags = { json: false };
  const positional = [];
  const number = (name, value, min) => {
    if (value === undefined || !/^\d+$/.test(value) || Number(value) < min) {
      throw new UsageError(`--${name} should be an integer ≥ ${min}, but got ${value === undefined ? 'nothing' : JSON.stringify(value)}`);
    }
    return Number(value);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') flags.json = true;
    else if (a === '--jobs') flags.jobs = number('jobs', argv[++i], 1);
    else if (a === '--seed') flags.seed = number('seed', argv[++i], 0);
    else if (a === '--timeout') flags.timeout = number('timeout', argv[++i], 1);
    else if (a === '--out' || a === '--points') {
      const value = argv[++i];
      if (value === undefined || value === '') throw new UsageError(`${a} needs a path, but got nothing`);
      flags[a.slice(2)] = value;
    } else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a} for grade`, { help: true });
    else positional.push(a);
  }
  return { flags, positional };
}

function readPoints(file, UsageError) {
  if (!existsSync(resolve(file))) throw new UsageError(`--points: no such file: ${file}`);
  let parsed;
  try {
    parsed = JSON.parse(readFileSync(resolve(file), 'utf8'));
  } catch (error) {
    throw new UsageError(`--points ${file} should be JSON, but it is not: ${error.message}`);
  }
  try {
    return resolvePoints(parsed);
  } catch (error) {
    throw new UsageError(`--points ${file}: ${error.message}`);
  }
}

/** Runs the command; resolves to the exit code, throws UsageError for usage errors. */
export async function gradeCommand(argv, { UsageError, stdout = process.stdout, stderr = process.stderr }) {
  if (argv.includes('--help') || argv.includes('-h')) {
    stdout.write(`Usage:\n${GRADE_HELP}\n\nExit codes: 0 graded (whatever the grades), 2 usage error or unusable INPUT.\n`);
    return 0;
  }
  const { flags, positional } = parseGradeArgs(argv, UsageError);
  const [input, ...extra] = positional;
  if (!input) throw new UsageError('grade needs INPUT: a folder of notebooks or Moodle\'s submissions .zip');
  if (extra.length) throw new UsageError(`grade takes one INPUT, but got also ${extra.join(' ')}`);
  if (!existsSync(resolve(input))) throw new UsageError(`no such file or folder: ${input}`);
  const points = flags.points ? readPoints(flags.points, UsageError) : undefined;
  const out = resolve(flags.out ?? 'poolgrad-grades');
  try {
    mkdirSync(out, { recursive: true });
  } catch (error) {
    throw new UsageError(`--out ${flags.out ?? 'poolgrad-grades'}: cannot create the folder: ${error.message}`);
  }
  const progress = createProgress(stderr, !flags.json && stderr.isTTY === true);
  let grades;
  try {
    grades = await gradeCourse(resolve(input), {
      seed: flags.seed ?? 1,
      timeoutMs: flags.timeout ?? 10_000,
      jobs: flags.jobs ?? cores(),
      points,
      // An output folder inside a graded folder is not graded itself.
      skip: [out, realpathSync(out)],
      onProgress: (done, total) => progress.update(done, total),
    });
  } catch (error) {
    if (error instanceof ZipError || error instanceof InputError) throw new UsageError(`${input}: ${error.message}`);
    throw error;
  } finally {
    progress.finish();
  }
  // Only these three fixed names are written, all inside --out.
  const json = `${JSON.stringify(grades, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2)}\n`;
  writeFileSync(join(out, 'grades.json'), json);
  writeFileSync(join(out, 'grades.csv'), toCsv(grades));
  writeFileSync(join(out, 'report.html'), toHtml(grades));
  if (flags.json) stdout.write(json);
  else {
    const s = grades.summary;
    stderr.write(`graded ${s.graded} of ${s.participants} participants (${s.refused} refused) in ${grades.meta.seconds} s; wrote ${join(out, 'grades.csv')}, grades.json, report.html\n`);
  }
  return 0;
}
