// What grading reads from one submitted file besides running it: whether it
// is this exercise's notebook at all, the stored outputs of its cells, the
// numbered gaps still without code, and the Verständnisfrage answer.
import { NotebookError, readNotebook } from '../checker/ipynb.js';
import { PYTHON_EXPORTS } from '../python/check.js';

/** The notebook's gaps are numbered [Luecke (1)] … [Luecke (31)]. */
export const GAP_COUNT = 31;

/** Text of one cell's stored output that is judged; more is not read. */
export const OUTPUT_CAP_CHARS = 256 * 1024;
/** Length of the extracted Verständnisfrage answer. */
export const ANSWER_CAP_CHARS = 8 * 1024;


const GAP_MARKER = /\[Luecke \((\d+)\)\]/;

/**
 * Reads a submitted file. Returns `{ problem }` (a sentence) when it cannot
 * be graded, else `{ kind, text, cells }` with `cells` as
 * `[{ index, type, source, executionCount, output }]` (`output` is the
 * stored printed text; `.py` files have one code cell without output).
 */
export function readSubmission(bytes, kind) {
  if (bytes.length === 0) return { problem: 'empty file' };
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5)) return { problem: 'the file is a zip archive, not a notebook' };
  if (bytes.subarray(0, 8192).includes(0)) return { problem: 'the file holds binary data, not a notebook' };
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return { problem: 'the file is not UTF-8 text, so not a notebook' };
  }
  let cells;
  if (kind === 'py') cells = [{ index: 1, type: 'code', source: text, executionCount: null, output: '' }];
  else {
    const parsed = parseNotebook(text);
    if (parsed.problem) return parsed;
    cells = parsed.cells;
  }
  const code = cells.filter((c) => c.type === 'code').map((c) => c.source).join('\n');
  if (code.trim() === '') return { problem: kind === 'py' ? 'empty file: no code' : 'empty notebook: no code in any cell' };
  if (!PYTHON_EXPORTS.some((name) => new RegExp(`\\b${name}\\b`).test(code)) && !GAP_MARKER.test(code)) {
    return { problem: `not this exercise's notebook: it defines none of ${PYTHON_EXPORTS.join(', ')} and has no [Luecke (n)] gap` };
  }
  return { kind, text, cells };
}

function parseNotebook(text) {
  let notebook;
  try {
    notebook = readNotebook(text);
  } catch (error) {
    if (error instanceof NotebookError) return { problem: error.message };
    throw error;
  }
  const cells = notebook.cells.map((cell) => ({
    index: cell.index + 1,
    type: cell.type,
    source: cell.source,
    executionCount: cell.executionCount ?? null,
    output: cell.type === 'code' ? printed(cell.outputs) : '',
  }));
  return { cells };
}

// What a code cell printed, capped: a cell that printed megabytes is judged on its beginning.
function printed(outputs) {
  let out = '';
  for (const o of outputs) {
    if (out.length >= OUTPUT_CAP_CHARS) break;
    if (o.type === 'stream' && o.name === 'stdout') out += o.text;
    else if (o.type === 'result') out += o.text.endsWith('\n') ? o.text : `${o.text}\n`;
  }
  return out.slice(0, OUTPUT_CAP_CHARS);
}

// A gap still holds no code when the code before its marker comment, with
// any assignment target taken off, is empty or a placeholder.
const PLACEHOLDER = /^(None|\.\.\.|pass|raise NotImplementedError(\(.*\))?|)$/;

/**
 * Gaps of the notebook: `{ open, filled, missing }`, each a list of gap
 * numbers; `missing` are gaps whose marker comment is not in the code at all.
 */
export function findGaps(cells) {
  const state = new Map();
  for (const cell of cells) {
    if (cell.type !== 'code') continue;
    for (const line of cell.source.split('\n')) {
      const m = GAP_MARKER.exec(line);
      if (!m) continue;
      const n = Number(m[1]);
      const code = line.slice(0, line.indexOf('#') < 0 ? line.length : line.indexOf('#')).trim();
      const value = code.replace(/^[\w\s,.[\]()]*?(?<![=!<>])=(?!=)/, '').trim();
      const open = code === '' || PLACEHOLDER.test(value);
      // A gap written twice (a cell copied) counts as filled if any copy is.
      state.set(n, state.get(n) === 'filled' ? 'filled' : open ? 'open' : 'filled');
    }
  }
  const gaps = { open: [], filled: [], missing: [] };
  for (let n = 1; n <= GAP_COUNT; n++) gaps[state.get(n) ?? 'missing'].push(n);
  return gaps;
}

/**
 * The learner's answer to the Verständnisfrage: the text after the question
 * in its markdown cell plus the markdown cells up to the next code cell, as
 * plain text (formatting tags removed, entities decoded). Null when the notebook has no
 * such question.
 */
export function findAnswer(cells) {
  const at = cells.findIndex((c) => c.type === 'markdown' && /Verst(ä|ae)ndnisfrage/i.test(c.source));
  if (at < 0) return null;
  const parts = [];
  const own = cells[at].source.split(/\r?\n/);
  // The question's own paragraph ends at the first blank line after it.
  const blank = own.findIndex((line, i) => i > 0 && line.trim() === '' && own.slice(0, i).some((l) => /Zelle|\?/.test(l)));
  if (blank > 0) parts.push(own.slice(blank + 1).join('\n'));
  for (let i = at + 1; i < cells.length && cells[i].type !== 'code'; i++) if (cells[i].type === 'markdown') parts.push(cells[i].source);
  const text = plainText(parts.join('\n\n')).trim();
  return text.length > ANSWER_CAP_CHARS ? `${text.slice(0, ANSWER_CAP_CHARS)} …` : text;
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', auml: 'ä', ouml: 'ö', uuml: 'ü', Auml: 'Ä', Ouml: 'Ö', Uuml: 'Ü', szlig: 'ß', rarr: '→' };

function plainText(markdown) {
  return markdown
    .replace(/<br\s*\/?>/gi, '\n')
    // Formatting tags learners use for their answer go; anything else stays, shown as the text it is.
    .replace(/<\/?(span|font|div|p|b|i|u|em|strong|code|sub|sup)\b[^<>]*>/gi, '')
    .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (all, e) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
      }
      return ENTITIES[e] ?? all;
    })
    .replace(/\n{3,}/g, '\n\n');
}
