// The points scheme: which results earn how much. The default lives here;
// `--points FILE.json` overrides any part of it.
import { EXERCISES } from '../checker/exercises.js';
import { OUTPUT_BLOCKS } from './outputs.js';

/** Result names of the Python checks, in the notebook's order (the CSV's code columns). */
export const FUNCTIONS = EXERCISES.map((e) => e.python);

/**
 * Default: 2 points per function whose checks all pass, 1 point per judged
 * output block that is right; 24 in all. `partial: true` gives a function
 * its points times passed/total instead.
 */
export const DEFAULT_POINTS = Object.freeze({
  functions: Object.freeze(Object.fromEntries(FUNCTIONS.map((f) => [f, 2]))),
  outputs: Object.freeze(Object.fromEntries(OUTPUT_BLOCKS.map((b) => [b, 1]))),
  partial: false,
});

const describe = (v) => (typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v));

/**
 * Merges a points file's parsed JSON over the default. Throws an Error that
 * names the key, the rule and the value for anything it cannot use.
 */
export function resolvePoints(custom) {
  if (custom === undefined) return DEFAULT_POINTS;
  if (!custom || typeof custom !== 'object' || Array.isArray(custom)) throw new Error(`the points file should hold a JSON object, but got ${describe(custom)}`);
  const points = { functions: { ...DEFAULT_POINTS.functions }, outputs: { ...DEFAULT_POINTS.outputs }, partial: DEFAULT_POINTS.partial };
  for (const key of Object.keys(custom)) {
    if (key === 'partial') {
      if (typeof custom.partial !== 'boolean') throw new Error(`points "partial" should be true or false, but got ${describe(custom.partial)}`);
      points.partial = custom.partial;
    } else if (key === 'functions' || key === 'outputs') {
      const known = key === 'functions' ? FUNCTIONS : OUTPUT_BLOCKS;
      const table = custom[key];
      if (!table || typeof table !== 'object' || Array.isArray(table)) throw new Error(`points "${key}" should be an object of name → points, but got ${describe(table)}`);
      for (const [name, value] of Object.entries(table)) {
        if (!known.includes(name)) throw new Error(`points "${key}" has an unknown name ${describe(name)}; known: ${known.join(', ')}`);
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new Error(`points "${key}"."${name}" should be a number ≥ 0, but got ${describe(value)}`);
        points[key][name] = value;
      }
    } else throw new Error(`the points file has an unknown key ${describe(key)}; known: functions, outputs, partial`);
  }
  return points;
}

/** `{ points, max }` of one graded submission. */
export function score(submission, points) {
  let got = 0;
  let max = 0;
  for (const name of FUNCTIONS) {
    const worth = points.functions[name];
    max += worth;
    const r = submission.code?.results?.find((x) => x.name === name);
    if (r && r.total > 0) got += points.partial ? (worth * r.passed) / r.total : r.passed === r.total ? worth : 0;
  }
  for (const block of OUTPUT_BLOCKS) {
    const worth = points.outputs[block];
    max += worth;
    if (submission.outputs?.[block]?.verdict === 'right') got += worth;
  }
  return { points: Math.round(got * 100) / 100, max };
}
