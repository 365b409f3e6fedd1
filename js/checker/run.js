// The checking engine: runs each of the learner's functions and methods on
// the cases from cases.js, compares with the poolgrad package, shrinks the
// first failure. Works in Node and in the browser: the caller hands in the
// poolgrad module and a way to open a learner worker (see session.js).

import { gradientFor, makeCases } from './cases.js';
import { compare } from './compare.js';
import { EXPORTS, exercise, firstOfKind, kindOf, TARGETS } from './exercises.js';
import { describeCall } from './execute.js';
import { alternativesFor } from './misconceptions.js';
import { Timeout, WorkerGone } from './session.js';
import { shrink } from './shrink.js';
import { say } from './words.js';

export { TARGETS };
export const DEFAULT_DEADLINE_MS = 10_000;

/** Expected results from poolgrad's public API (the exercise table's). */
export const expectedFor = (poolgrad, target, c) => exercise(target).expected(poolgrad, c);

const dims = (x) => [x.length, x[0].length, x[0][0].length, x[0][0][0].length];

// Sizes gradOutput to the case's output: the notebook's own gradient when it
// fits, otherwise reproducible values from gradSeed (or all ones once shrunk).
function prepare(poolgrad, kind, c) {
  if (kind !== 'MaxPooling' && kind !== 'AvgPooling') return c;
  const [n, ch, h, w] = dims(c.input);
  const [oh, ow] = poolgrad.outputShape([h, w], { kernelSize: c.kernelSize, stride: c.stride });
  const shape = [n, ch, oh, ow];
  const fits = c.gradOutput && JSON.stringify(dims(c.gradOutput)) === JSON.stringify(shape);
  if (fits && !c.unitGrad) return c;
  const gradOutput = c.unitGrad
    ? Array.from({ length: n }, () => Array.from({ length: ch }, () => Array.from({ length: oh }, () => Array(ow).fill(1))))
    : gradientFor(shape, c.gradSeed ?? 1);
  return { ...c, gradOutput };
}

const hasEmptyWindow = (v) => (Array.isArray(v) ? v.some(hasEmptyWindow) : v === -Infinity);

// A case is used only if poolgrad accepts it and it has no max window made of
// padding alone (−∞ there is our convention, not something to ask of learners).
function isValid(poolgrad, kind, c) {
  try {
    return !hasEmptyWindow(expectedFor(poolgrad, firstOfKind(kind).name, prepare(poolgrad, kind, c)));
  } catch {
    return false;
  }
}

/** The givens a report shows for `target` on case `c`. */
const inputsOf = (target, c) => exercise(target).inputs(c);

// Runs every case of `name` in `session`, counting passes into `result`;
// resolves to the first failure (shrunk) or null. Errors other than the
// learner's worker timing out or dying are ours and propagate.
async function checkTarget({ poolgrad, session, name, kind, list, result, left, deadlineMs }) {
  // One evaluation: learner vs poolgrad on one case; null when it passes.
  const evaluate = async (c) => {
    const expected = expectedFor(poolgrad, name, c);
    const reply = await session.call(name, c, left());
    const base = { call: describeCall(name, c), inputs: inputsOf(name, c), label: c.label };
    if (!reply.ok) return { kind: 'error', ...base, expected, error: reply.error, message: `threw ${reply.error}` };
    if (!compare(expected, reply.value)) return null;
    // Only a failing result is held against the misconceptions (they cost a few poolgrad calls).
    const diff = compare(expected, reply.value, alternativesFor(poolgrad, name, c));
    const mistake = diff.mistake ? { mistake: diff.mistake } : {};
    return { kind: 'mismatch', ...base, expected, actual: reply.value, message: diff.message, reason: diff.reason, wrong: diff.wrong, ...mistake };
  };

  let first = null;
  let firstCase = null;
  let at = 0;
  try {
    for (; at < list.length; at++) {
      const c = list[at];
      const failure = await evaluate(c);
      if (!failure) result.passed += 1;
      else if (!first) [first, firstCase] = [failure, c];
    }
  } catch (error) {
    if (!(error instanceof Timeout || error instanceof WorkerGone)) throw error;
    const c = list[at];
    const timedOut = error instanceof Timeout;
    const where = { call: describeCall(name, c), inputs: inputsOf(name, c), label: c.label };
    if (timedOut) return { kind: 'timeout', ...where, seconds: deadlineMs / 1000, message: say('en', 'report.timeoutMessage', { seconds: deadlineMs / 1000 }) };
    return { kind: 'crash', ...where, error: error.message, message: say('en', 'report.crashMessage', { error: error.message }) };
  }
  if (!first) return null;
  const shrunk = await shrink(kind, firstCase, first, async (candidate) => {
    if (left() <= 0) throw new Timeout(deadlineMs);
    if (!isValid(poolgrad, kind, candidate)) return null;
    try {
      return await evaluate(prepare(poolgrad, kind, candidate));
    } catch (error) {
      if (error instanceof Timeout || error instanceof WorkerGone) throw error;
      return null; // poolgrad refused the candidate: not a case to show
    }
  });
  // A shrunk case may be too small to tell the misconception apart; the original case could.
  const mistake = shrunk.failure.mistake ?? first.mistake;
  return { ...shrunk.failure, ...(mistake ? { mistake } : {}), shrinkSteps: shrunk.steps };
}

/**
 * Checks a learner's module. Options:
 * - poolgrad: the package's module (from 'poolgrad' in Node, vendor/…/index.js in the page)
 * - openSession(timeoutMs): Promise of a session (see session.js connect) on a fresh worker
 * - seed (1), deadlineMs per function (10 000), counts (cases per kind), onResult(result)
 * - level: 'notebook' (default: the notebook's scope) or 'extended' (see cases.js LEVELS)
 * Resolves to { seed, level, results: [{ name, passed, total, failure? }] } or
 * { usageError } when the module cannot be imported or exports none of the names.
 */
export async function runChecks({ poolgrad, openSession, seed = 1, deadlineMs = DEFAULT_DEADLINE_MS, counts, level = 'notebook', onResult = () => {} }) {
  await poolgrad.ready();
  const cases = makeCases(seed, (kind, c) => isValid(poolgrad, kind, c), counts, level);
  const results = [];
  let exportsChecked = false;
  let importHung = null;

  for (const name of TARGETS) {
    const kind = kindOf(name);
    const list = cases[kind].map((c) => prepare(poolgrad, kind, c));
    let deadline = Date.now() + deadlineMs;
    const left = () => deadline - Date.now();
    const result = { name, passed: 0, total: list.length };
    let session;
    try {
      // A module whose own top level never finishes would cost every function its budget: wait once.
      if (importHung) throw importHung;
      session = await openSession(left());
      // The function's own budget starts once its worker is up (a restarted Python runtime takes a while).
      deadline = Date.now() + deadlineMs;
    } catch (error) {
      if (error instanceof Timeout) {
        importHung = error;
        result.failure = { kind: 'timeout', ms: error.ms, message: say('en', 'report.importTimeout', { ms: error.ms }) };
        results.push(result);
        onResult(result);
        continue;
      }
      return { usageError: `could not import the module: ${error.message}` };
    }
    if (!exportsChecked) {
      exportsChecked = true;
      if (session.exports.length === 0) {
        session.close();
        return { usageError: `the module exports none of ${EXPORTS.join(', ')}` };
      }
    }

    const { exported } = exercise(name);
    if (!session.exports.includes(exported)) {
      session.close();
      const what = /^[A-Z]/.test(exported) ? 'class' : 'function';
      result.failure = { kind: 'missing', message: say('en', 'report.missing', { name: exported, what }) };
      results.push(result);
      onResult(result);
      continue;
    }
    try {
      const failure = await checkTarget({ poolgrad, session, name, kind, list, result, left, deadlineMs });
      if (failure) result.failure = failure;
    } finally {
      // Also after an error of our own, so the learner's worker cannot keep the process alive.
      session.close();
    }
    results.push(result);
    onResult(result);
  }
  return { seed, level, results };
}
