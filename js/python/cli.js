// `poolgrad check FILE.py|FILE.ipynb`: the learner's Python, checked by the
// same engine and reported like a .mjs file (text, --json, exit codes).
import { readFileSync } from 'node:fs';
import { formatAnswers } from '../checker/answers.js';
import { formatReport } from '../checker/report.js';
import { say } from '../checker/words.js';
import * as poolgrad from '../node.js';
import { checkPython, SubmissionError } from './check.js';
import { PythonRuntime } from './runtime.js';

const PRINTED_HEADING = { en: 'what your cells printed:', de: 'was deine Zellen ausgegeben haben:' };
const NOTES_HEADING = { en: 'notes on your code:', de: 'Hinweise zu deinem Code:' };
const notesText = (notes, lang) => (notes.length ? `\n\n${NOTES_HEADING[lang] ?? NOTES_HEADING.en}\n${notes.map((n) => `  - ${n}`).join('\n')}` : '');

/**
 * Runs the check and prints the report. `UsageError` is the CLI's class for
 * exit code 2; `jsonSafe` its JSON replacer; `lang` the report's language.
 * Resolves to the exit code.
 */
export async function checkPythonFile({ path, file, flags, UsageError, jsonSafe, lang }) {
  const text = readFileSync(path, 'utf8');
  const submission = /\.ipynb$/i.test(file) ? { notebookText: text, filename: file } : { code: text, filename: file };
  const asked = Number(process.env.POOLGRAD_CHECK_MEMORY_MB);
  const runtime = new PythonRuntime(Number.isInteger(asked) && asked >= 64 ? { memoryMb: asked } : {});
  const progress = !flags.json && process.stderr.isTTY;
  if (progress) process.stderr.write('  starting Python (a few seconds the first time)…\n');
  let report;
  try {
    report = await checkPython({
      poolgrad,
      runtime,
      submission,
      seed: flags.seed ?? 1,
      level: flags.extended ? 'extended' : 'notebook',
      deadlineMs: flags.timeout ?? Number(process.env.POOLGRAD_CHECK_TIMEOUT_MS || 10_000),
      onResult: (r) => progress && process.stderr.write(`  checked ${r.name}\n`),
    });
  } catch (error) {
    if (error instanceof SubmissionError) throw new UsageError(error.message);
    throw error;
  } finally {
    runtime.stop();
  }
  // What the learner's cells printed goes to stderr, so --json stays one object on stdout.
  if (report.output && !flags.json) process.stderr.write(report.output.endsWith('\n') ? report.output : `${report.output}\n`);
  if (report.usageError) throw new UsageError(`${report.usageError}${notesText(report.notes, lang)}`);
  if (flags.json) {
    const { seed, level, results, answers, notes } = report;
    process.stdout.write(`${JSON.stringify({ seed, level, results, answers, notes }, jsonSafe)}\n`);
  } else {
    const failed = report.results.filter((r) => r.passed !== r.total);
    const shapeFailed = failed.length > 1 && ['mismatch', 'error'].includes(failed.find((r) => r.name === 'get_output_shape')?.failure?.kind);
    const hint = shapeFailed ? `\n${say(lang, 'report.hintShape').replace('getOutputShape', 'get_output_shape')}` : '';
    const printed = report.answers ? `\n\n${PRINTED_HEADING[lang] ?? PRINTED_HEADING.en}\n${formatAnswers(report.answers, lang)}` : '';
    process.stdout.write(`${formatReport(report, lang)}${hint}${printed}${notesText(report.notes, lang)}\n`);
  }
  const printedWrong = (report.answers?.blocks ?? []).some((b) => b.verdict === 'wrong' || b.verdict === 'invalid');
  return report.results.every((r) => r.passed === r.total) && !printedWrong ? 0 : 1;
}
