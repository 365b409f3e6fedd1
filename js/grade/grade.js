// Grades a course: every submission read, run through the Python checks,
// its stored outputs judged, its gaps and Verständnisfrage answer found.
import { mistakeName } from '../checker/misconceptions.js';
import { describeFailure } from '../checker/report.js';
import { collectSubmissions, readBytes } from './input.js';
import { findAnswer, findGaps, readSubmission } from './notebook.js';
import { judgeOutputs, OUTPUT_BLOCKS } from './outputs.js';
import { DEFAULT_POINTS, FUNCTIONS, score } from './points.js';
import { openPythonChecker } from './python.js';
import { ZIP_LIMITS } from './zip.js';

/**
 * Grades INPUT. Options: `seed`, `timeoutMs` (per function), `jobs`
 * (parallel checks), `points` (a resolved scheme), `limits` (zip/file
 * limits), `skip` (absolute paths not to read, e.g. the output folder),
 * `onProgress(done, total)`, `openChecker` (defaults to the Python pool).
 * Returns `{ meta, submissions, summary }`, the content of grades.json.
 */
export async function gradeCourse(input, {
  seed = 1,
  timeoutMs = 10_000,
  jobs = 1,
  points = DEFAULT_POINTS,
  limits = ZIP_LIMITS,
  skip = [],
  onProgress = () => {},
  openChecker = openPythonChecker,
  poolgrad,
} = {}) {
  const started = Date.now();
  const { source, submissions } = collectSubmissions(input, { limits, skip });
  const pg = poolgrad ?? (await loadPoolgrad());
  const checker = await openChecker({ jobs, timeoutMs, seed });
  const graded = new Array(submissions.length);
  let done = 0;
  onProgress(done, submissions.length);
  try {
    let next = 0;
    const worker = async () => {
      while (next < submissions.length) {
        const i = next++;
        graded[i] = await gradeOne(submissions[i], { checker, pg, points });
        onProgress(++done, submissions.length);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, submissions.length)) }, worker));
  } finally {
    await checker.close();
  }
  return {
    meta: {
      tool: 'poolgrad grade',
      input,
      source,
      seed,
      timeoutMs,
      jobs,
      points,
      pythonChecks: checker.available ? 'run' : checker.reason,
      functions: FUNCTIONS,
      outputBlocks: OUTPUT_BLOCKS,
      submissions: graded.length,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    },
    submissions: graded,
    summary: summarize(graded),
  };
}

async function loadPoolgrad() {
  const poolgrad = await import('../node.js');
  await poolgrad.ready();
  return poolgrad;
}

async function gradeOne(sub, { checker, pg, points }) {
  const row = { name: sub.name, id: sub.id, file: sub.file, files: sub.files, note: sub.note, status: 'graded', reason: null, code: null, outputs: {}, gaps: null, answer: null };
  const refuse = (reason) => ({ ...row, status: 'refused', reason, ...score(row, points) });
  if (sub.refused) return refuse(sub.refused);
  const { bytes, refused } = readBytes(sub);
  if (refused) return refuse(refused);
  const read = readSubmission(bytes, sub.kind);
  if (read.problem) return refuse(read.problem);
  row.gaps = findGaps(read.cells);
  row.answer = sub.kind === 'ipynb' ? findAnswer(read.cells) : null;
  row.outputs = judgeOutputs(read.cells, pg);
  // Without the Python runtime, meta.pythonChecks says why once for the course.
  if (checker.available) {
    try {
      const input = sub.kind === 'py' ? { code: read.text, filename: sub.file } : { notebookText: read.text, filename: sub.file };
      const { results, notes, usageError } = await checker.check(input);
      // Code that defines none of the functions (e.g. the untouched template) is still graded on its outputs.
      if (usageError) row.reason = usageError;
      row.code = {
        results: (results ?? []).map((r) => (r.failure ? { ...r, failureText: describeFailure(r.failure) } : r)),
        notes: notes ?? [],
      };
    } catch (error) {
      row.reason = `the Python checks could not run: ${error.message}`;
    }
  }
  return { ...row, ...score(row, points) };
}

const nameOf = (key) => {
  try {
    return mistakeName(key);
  } catch {
    return key;
  }
};

/** The course picture: how often each mistake, failing function, wrong block and open gap occurs. */
export function summarize(graded) {
  const count = (map, key) => map.set(key, (map.get(key) ?? 0) + 1);
  const mistakes = new Map();
  const functions = new Map();
  const outputs = new Map();
  const gaps = new Map();
  for (const s of graded) {
    for (const r of s.code?.results ?? []) {
      if (r.passed === r.total) continue;
      count(functions, r.name);
      if (r.failure?.mistake) count(mistakes, `${r.failure.mistake}\u0000${r.name}`);
    }
    for (const [block, v] of Object.entries(s.outputs ?? {})) if (v.verdict === 'wrong' || v.verdict === 'invalid') count(outputs, block);
    for (const n of s.gaps?.open ?? []) count(gaps, n);
  }
  const sorted = (map, shape) => [...map].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0]))).map(shape);
  return {
    participants: graded.length,
    graded: graded.filter((s) => s.status === 'graded').length,
    refused: graded.filter((s) => s.status === 'refused').length,
    mistakes: sorted(mistakes, ([k, n]) => ({ mistake: k.split('\u0000')[0], name: nameOf(k.split('\u0000')[0]), function: k.split('\u0000')[1], count: n })),
    failingFunctions: sorted(functions, ([name, n]) => ({ function: name, count: n })),
    wrongOutputs: sorted(outputs, ([block, n]) => ({ block, count: n })),
    openGaps: sorted(gaps, ([gap, n]) => ({ gap, count: n })),
  };
}
