// Runs one case against the learner's module. This is the only code that
// touches learner code, and it runs inside a worker (worker_threads in Node,
// a module Web Worker in the browser), so an endless loop can be killed.
// No Node or DOM APIs here: both workers import it.

import { EXPORTS, exercise } from './exercises.js';

export { EXPORTS };

/** What the learner's code is asked, as one readable line (also shown in reports). */
export const describeCall = (target, c) => exercise(target).describe(c);

// Learner results may be nested arrays, typed arrays, or a poolgrad-style
// { data, shape } tensor; all become nested plain arrays that survive
// postMessage. Anything else is described in words so the report can say so.
function plain(value, depth = 0) {
  if (depth > 8) return { unsupported: 'an array nested more than 8 levels deep' };
  if (typeof value === 'number') return value;
  if (Array.isArray(value) || ArrayBuffer.isView(value)) return Array.from(value, (v) => plain(v, depth + 1));
  if (value && typeof value === 'object' && 'data' in value && Array.isArray(value.shape)) {
    const data = Array.from(value.data);
    const build = (d, offset) => {
      if (d === value.shape.length) return data[offset];
      const step = value.shape.slice(d + 1).reduce((x, y) => x * y, 1);
      return Array.from({ length: value.shape[d] }, (_, i) => build(d + 1, offset + i * step));
    };
    return build(0, 0);
  }
  if (value === undefined) return { unsupported: 'undefined (nothing was returned)' };
  if (value === null) return { unsupported: 'null' };
  if (typeof value === 'bigint') return Number(value);
  return { unsupported: `a ${typeof value}: ${String(value).slice(0, 60)}` };
}

function need(module, name) {
  const thing = module[name];
  if (typeof thing !== 'function') {
    throw new TypeError(`${name} is not exported (expected \`export ${/^[A-Z]/.test(name) ? 'class' : 'function'} ${name}\`)`);
  }
  return thing;
}

/** Calls the learner's code for `target` on case `c`; returns { ok: true, value } or { ok: false, error }. */
export function execute(module, target, c) {
  try {
    const row = exercise(target);
    need(module, row.exported);
    return { ok: true, value: plain(row.call(module, c)) };
  } catch (error) {
    const name = error && error.constructor && error.constructor.name;
    const message = error && typeof error === 'object' && 'message' in error ? error.message : String(error);
    return { ok: false, error: name && name !== 'Object' ? `${name}: ${message}` : message };
  }
}

/**
 * The worker's side of the protocol, shared by both workers:
 * { type: 'call', id, target, case } → { type: 'result', id, ok, value | error }.
 */
export function answer(module, message) {
  const { id, target } = message;
  return { type: 'result', id, ...execute(module, target, message.case) };
}

/** Names among EXPORTS the module provides as functions/classes. */
export const exportedNames = (module) => EXPORTS.filter((name) => typeof module[name] === 'function');
