// Page state and its mirror in the URL: ?lang=en selects English, ?seed=N the
// practice set. Typed answers live here so a language switch keeps them.
import { LANGS } from './i18n.js';
import { parseSeed } from './practice.js';

/** Reads { lang, seed } from a URL search string. */
export function readUrl(search) {
  const q = new URLSearchParams(search);
  const lang = LANGS.includes(q.get('lang')) ? q.get('lang') : 'de';
  return { lang, seed: parseSeed(q.get('seed')) };
}

/** The search string for { lang, seed }: German and the notebook set are the defaults and stay implicit. */
export function writeUrl({ lang, seed }) {
  const q = new URLSearchParams();
  if (seed !== null) q.set('seed', String(seed));
  if (lang !== 'de') q.set('lang', lang);
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function createState(search) {
  return {
    ...readUrl(search),
    answers: new Map(), // unit id → text typed
    checked: new Set(), // unit ids checked at least once (re-checked after a re-render)
    solutions: new Set(), // unit ids whose solution is shown
    questionRoll: 0,
    questionInput: null, // edited copy of the Verständnisfrage input
  };
}

/** A fresh practice seed, different from `current`. */
export function nextSeed(current, random = Math.random) {
  for (;;) {
    const seed = Math.floor(random() * 1e6) + 1;
    if (seed !== current) return seed;
  }
}
