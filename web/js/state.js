// Page state and its mirror in the URL: ?lang=en selects English, ?seed=N the
// practice set. Typed answers live here so a language switch keeps them, and
// in localStorage per exercise set (notebook or seed) so a reload keeps them.
import { LANGS } from './i18n.js';
import { parseSeed } from './practice.js';

/**
 * Reads { lang, seed, badSeed } from a URL search string; badSeed is the text
 * of a ?seed= that is not a valid seed (the page says so), else null.
 */
export function readUrl(search) {
  const q = new URLSearchParams(search);
  const lang = LANGS.includes(q.get('lang')) ? q.get('lang') : 'de';
  const seed = parseSeed(q.get('seed'));
  return { lang, seed, badSeed: seed === null && q.has('seed') ? q.get('seed') : null };
}

/** The search string for { lang, seed }: German and the notebook set are the defaults and stay implicit. */
export function writeUrl({ lang, seed }) {
  const q = new URLSearchParams();
  if (seed !== null) q.set('seed', String(seed));
  if (lang !== 'de') q.set('lang', lang);
  const s = q.toString();
  return s ? `?${s}` : '';
}

const ANSWERS = 'poolgrad.answers.v1';
const answersKey = (seed) => `${ANSWERS}:${seed === null ? 'notebook' : seed}`;

/** The answers typed for the exercise set of `seed` (unit id → text), from localStorage. */
export function loadAnswers(seed, storage = globalThis.localStorage) {
  try {
    const saved = JSON.parse(storage?.getItem(answersKey(seed)) ?? '{}');
    return new Map(Object.entries(saved).filter(([, text]) => typeof text === 'string'));
  } catch {
    return new Map(); // storage disabled or its entry damaged: start empty
  }
}

/** Keeps `answers` for the exercise set of `seed`; empty answers are dropped. */
export function saveAnswers(seed, answers, storage = globalThis.localStorage) {
  try {
    const kept = Object.fromEntries([...answers].filter(([, text]) => text !== ''));
    if (Object.keys(kept).length) storage?.setItem(answersKey(seed), JSON.stringify(kept));
    else storage?.removeItem(answersKey(seed));
  } catch {
    /* full or disabled: the answers live on in the page */
  }
}

export function createState(search, storage = globalThis.localStorage) {
  const url = readUrl(search);
  return {
    ...url,
    answers: loadAnswers(url.seed, storage), // unit id → text typed
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
