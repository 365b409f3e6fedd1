// Turns runChecks' results into the text the CLI prints and the page shows.
import { format, tensor } from '../tensor.js';
import { shapeIfRectangular } from './compare.js';

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

/** The failure block under a result line (empty when none). */
export function describeFailure(failure) {
  if (!failure) return '';
  if (failure.kind === 'missing') return `  → ${failure.message}`;
  const lines = [];
  const head = {
    timeout: 'timed out',
    crash: 'stopped the worker',
    error: 'threw an error',
    mismatch: 'wrong result',
  }[failure.kind];
  lines.push(`  ${head}${failure.shrinkSteps ? ` (smallest failing case found, ${failure.shrinkSteps} shrink steps)` : ''}${failure.label ? ` — ${failure.shrinkSteps ? 'shrunk from' : ''} case ${failure.label}`.replace('  ', ' ') : ''}`);
  if (failure.call) lines.push(`  call: ${failure.call}`);
  for (const [name, value] of Object.entries(failure.inputs ?? {})) {
    if (Array.isArray(value) && Array.isArray(value[0])) lines.push(`  ${name} =`, indent(showValue(value), '    '));
    else lines.push(`  ${name} = ${JSON.stringify(value).replace(/,/g, ', ')}`);
  }
  if (failure.kind === 'mismatch') {
    lines.push('  expected:', indent(showValue(failure.expected), '    '), '  actual:', indent(showValue(failure.actual), '    '));
  }
  lines.push(`  → ${failure.message}`);
  return lines.join('\n');
}

/** Plain-text report: `name: passed/total` per function, failures underneath. */
export function formatReport(report) {
  const out = [];
  for (const r of report.results) {
    out.push(`${r.passed === r.total ? '✔' : '✘'} ${r.name}: ${r.passed}/${r.total}`);
    if (r.failure) out.push(describeFailure(r.failure));
  }
  const failed = report.results.filter((r) => r.passed !== r.total).map((r) => r.name);
  const shape = report.results.find((r) => r.name === 'getOutputShape');
  const shapeFailed = ['mismatch', 'error'].includes(shape?.failure?.kind) && failed.length > 1;
  out.push('');
  out.push(failed.length === 0 ? `all ${report.results.length} checks passed (seed ${report.seed})` : `${failed.length} of ${report.results.length} failed (seed ${report.seed}): ${failed.join(', ')}`);
  if (report.level === 'extended') out.push('extended level: maxpool2d was also checked with padding and dilation, which the notebook does not ask for.');
  if (shapeFailed) out.push('hint: the other functions probably call getOutputShape; fix it first.');
  return out.join('\n');
}
