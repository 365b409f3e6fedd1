// grades.csv: one row per participant, safe to open in a spreadsheet.
import { OUTPUT_BLOCKS } from './outputs.js';
import { FUNCTIONS } from './points.js';

/**
 * A cell as CSV text. Learner-controlled text that starts with = + - @ (or a
 * tab / carriage return) would run as a formula in a spreadsheet, so it is
 * prefixed with an apostrophe; quotes, commas and line breaks are quoted.
 */
export function csvCell(value) {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_COLUMNS = ['name', 'id', 'file', 'status', 'reason', 'note', ...FUNCTIONS, ...OUTPUT_BLOCKS, 'open gaps', 'points', 'max points'];

/** Code column: "passed/total"; output column: right, wrong, invalid or missing. */
export function toCsv(grades) {
  const rows = [CSV_COLUMNS];
  for (const s of grades.submissions) {
    const code = FUNCTIONS.map((name) => {
      const r = s.code?.results?.find((x) => x.name === name);
      return r ? `${r.passed}/${r.total}` : '';
    });
    const outputs = OUTPUT_BLOCKS.map((block) => (s.status === 'graded' ? s.outputs?.[block]?.verdict ?? 'missing' : ''));
    rows.push([s.name, s.id, s.file, s.status, s.reason ?? '', s.note ?? '', ...code, ...outputs, (s.gaps?.open ?? []).join(' '), s.points, s.max]);
  }
  // The byte order mark makes spreadsheet programs read the names as UTF-8.
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
