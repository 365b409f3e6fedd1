// Words on the page, German (default) and English: lang/<lang>.js, loaded on
// demand. t() fills {name} placeholders; callers insert text nodes.

import { mistakeWords } from './check.js';

export const LANGS = ['de', 'en'];

const TABLE = {};

/** Loads the texts of `lang` once (dynamic import of lang/<lang>.js). */
export async function loadLang(lang) {
  if (!LANGS.includes(lang)) throw new RangeError(`lang must be one of ${LANGS.join(', ')}, but got ${JSON.stringify(lang)}`);
  TABLE[lang] ??= (await import(`./lang/${lang}.js`)).default;
  return TABLE[lang];
}

/** The text for `key` in `lang` with {name} placeholders filled from `params`. */
export function t(lang, key, params = {}) {
  const text = TABLE[lang]?.[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** Python-style tuple text for a shape or index: (1, 2, 2, 2). */
export const tuple = (list) => `(${list.join(', ')}${list.length === 1 ? ',' : ''})`;

/** A check() result as one sentence in `lang`, followed by the recognised misconception's rule. */
export function verdictText(lang, result) {
  const text = reasonText(lang, result.reason);
  const key = result.mistake;
  if (!key) return text;
  return `${text} ${t(lang, 'verdict.mistake', mistakeWords(key, lang))}`;
}

function reasonText(lang, r) {
  if (r.key === 'correct') return t(lang, 'verdict.correct', { total: r.total });
  if (r.key === 'shape') return t(lang, 'verdict.shape', { got: tuple(r.got), expected: tuple(r.expected) });
  if (r.key === 'decimalComma') return t(lang, 'verdict.decimalComma', { token: r.token, fixed: r.fixed });
  if (r.key === 'count') return t(lang, 'verdict.count', { got: r.got, expected: r.expected, shape: tuple(r.shape) });
  if (r.key === 'cells') {
    const list = r.cells.map((c) => t(lang, 'verdict.cell', { index: `[${c.index.join(', ')}]`, got: c.got })).join('; ');
    return t(lang, r.count > r.cells.length ? 'verdict.cellsMore' : 'verdict.cells', { count: r.count, total: r.total, list });
  }
  const e = r.error;
  const key = e.key === 'ragged' && e.line === null ? 'parse.raggedDepth' : e.key === 'ragged' && e.expected === undefined ? 'parse.raggedDepth' : `parse.${e.key}`;
  return t(lang, 'verdict.parse', { detail: t(lang, key, e) });
}
