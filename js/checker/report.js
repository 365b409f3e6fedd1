// Turns runChecks' results into the text the CLI prints and the page shows.
import { format, tensor } from '../tensor.js';
import { describeJudgement, shapeIfRectangular } from './compare.js';
import { exercise } from './exercises.js';
import { describeMistake, mistakeName } from './misconceptions.js';
import { say } from './words.js';

const indent = (text, pad) => text.split('\n').map((line) => pad + line).join('\n');

/** An array as NumPy prints it (as in the notebook), JSON for anything irregular. */
export function showValue(value) {
  const shape = shapeIfRectangular(value);
  if (!shape || shape.length === 0 || shape.includes(0)) return JSON.stringify(value);
  if (shape.length === 1 && shape[0] === 2 && value.every(Number.isInteger)) return `(${value.join(', ')})`;
  const ints = value.flat(Infinity).every((v) => Number.isInteger(v) && Math.abs(v) < 2 ** 31);
  try {
    return format(tensor(value, ints && shape.at(-1) === 2 && shape.length === 5 ? 'int32' : 'float32'));
  } catch {
    return JSON.stringify(value);
  }
}

// The failure's sentence in `lang`, from its fields (its `message` is the English one).
function failureMessage(f, lang, name) {
  if (lang === 'en') return f.message;
  switch (f.kind) {
    case 'missing': {
      const { exported } = exercise(name);
      return say(lang, 'report.missing', { name: exported, what: /^[A-Z]/.test(exported) ? 'class' : 'function' });
    }
    case 'timeout':
      return f.seconds !== undefined ? say(lang, 'report.timeoutMessage', f) : say(lang, 'report.importTimeout', f);
    case 'crash':
      return say(lang, 'report.crashMessage', f);
    case 'error':
      return say(lang, 'report.threw', f);
    case 'mismatch':
      return f.reason ? describeJudgement(f.reason, lang) : f.message;
    default:
      return f.message;
  }
}

/** The line naming a recognised misconception and its right rule ('' when none). */
export function mistakeLine(key, lang = 'en') {
  return key ? say(lang, 'report.mistake', { name: mistakeName(key, lang), rule: describeMistake(key, lang) }) : '';
}

/** The failure block under result `name`'s line (empty when none), in `lang` ('en' or 'de'). */
export function describeFailure(failure, lang = 'en', name = undefined) {
  if (!failure) return '';
  if (failure.kind === 'missing') return `  → ${failureMessage(failure, lang, name)}`;
  const lines = [];
  const head = say(lang, `report.${failure.kind}`);
  const shrunk = failure.shrinkSteps ? say(lang, 'report.shrunk', { steps: failure.shrinkSteps }) : '';
  const label = failure.label ? say(lang, failure.shrinkSteps ? 'report.shrunkFrom' : 'report.case', { label: failure.label }) : '';
  lines.push(`  ${head}${shrunk}${label}`);
  if (failure.call) lines.push(`  ${say(lang, 'report.call')}: ${failure.call}`);
  for (const [name, value] of Object.entries(failure.inputs ?? {})) {
    if (Array.isArray(value) && Array.isArray(value[0])) lines.push(`  ${name} =`, indent(showValue(value), '    '));
    else lines.push(`  ${name} = ${JSON.stringify(value).replace(/,/g, ', ')}`);
  }
  if (failure.kind === 'mismatch') {
    lines.push(`  ${say(lang, 'report.expected')}:`, indent(showValue(failure.expected), '    '), `  ${say(lang, 'report.actual')}:`, indent(showValue(failure.actual), '    '));
  }
  lines.push(`  → ${failureMessage(failure, lang, name)}`);
  if (failure.mistake) lines.push(`  ${mistakeLine(failure.mistake, lang)}`);
  return lines.join('\n');
}

/** Plain-text report: `name: passed/total` per function, failures underneath; in `lang` ('en' or 'de'). */
export function formatReport(report, lang = 'en') {
  const out = [];
  for (const r of report.results) {
    out.push(`${r.passed === r.total ? '✔' : '✘'} ${r.name}: ${r.passed}/${r.total}`);
    if (r.failure) out.push(describeFailure(r.failure, lang, r.name));
  }
  const failed = report.results.filter((r) => r.passed !== r.total).map((r) => r.name);
  const shape = report.results.find((r) => r.name === 'getOutputShape');
  const shapeFailed = ['mismatch', 'error'].includes(shape?.failure?.kind) && failed.length > 1;
  out.push('');
  const counts = { count: report.results.length, seed: report.seed, failed: failed.length, names: failed.join(', ') };
  out.push(say(lang, failed.length === 0 ? 'report.allPassed' : 'report.someFailed', counts));
  if (report.level === 'extended') out.push(say(lang, 'report.extended'));
  if (shapeFailed) out.push(say(lang, 'report.hintShape'));
  return out.join('\n');
}
