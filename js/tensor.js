// Plain tensors { data, shape }: building them from nested arrays, checking
// them, turning them back into nested arrays, and printing them as NumPy does.
import { show } from './options.js';

/** Largest element count: its float32 bytes must fit a 32-bit wasm address space. */
export const MAX_ELEMENTS = 2 ** 30 - 16;

/** Checks that `shape` is an array of positive integers whose product fits wasm memory; returns the product. */
export function checkShape(name, shape, ranks) {
  if (!Array.isArray(shape)) throw new TypeError(`${name} must be an array of sizes, but got ${show(shape)}`);
  if (ranks && !ranks.includes(shape.length)) {
    const forms = ranks.map((r) => (r === 4 ? '4 ([N, C, H, W])' : r === 3 ? '3 ([C, H, W])' : String(r))).join(' or ');
    throw new RangeError(`${name} must have ${forms} dimensions, but got ${show(shape)} with ${shape.length}`);
  }
  let count = 1;
  // A plain loop, not forEach: forEach skips the holes of a sparse [1, , 2].
  for (let i = 0; i < shape.length; i++) {
    const size = shape[i];
    if (typeof size !== 'number') throw new TypeError(`${name}[${i}] must be an integer, but got ${show(size)}`);
    if (!Number.isInteger(size) || size < 1) {
      throw new RangeError(`${name}[${i}] must be a positive integer, but got ${show(size)}`);
    }
    count *= size;
  }
  if (count > MAX_ELEMENTS) {
    throw new RangeError(
      `${name} ${show(shape)} has ${count} elements, but at most ${MAX_ELEMENTS} fit in 32-bit wasm memory (4 bytes each)`,
    );
  }
  return count;
}

/**
 * Returns `data` as a Float32Array (or Int32Array for dtype 'int32') of `count`
 * elements. Float32Arrays (Int32Arrays) are used as they are; plain arrays of
 * numbers and other numeric typed arrays are converted (to float32 by
 * rounding; to int32 only when every value is an integer that fits);
 * BigInt64Array/BigUint64Array, DataView and anything else are refused.
 */
export function checkData(name, data, count, dtype = 'float32') {
  const Want = dtype === 'int32' ? Int32Array : Float32Array;
  let typed;
  if (data instanceof Want) typed = data;
  else if (data instanceof BigInt64Array || data instanceof BigUint64Array) {
    throw new TypeError(`${name} must hold numbers, but got a ${data.constructor.name}`);
  } else if (ArrayBuffer.isView(data) && !(data instanceof DataView)) {
    typed = Want.from(data);
  } else if (Array.isArray(data)) {
    const bad = data.findIndex((v) => typeof v !== 'number');
    if (bad >= 0) {
      const hint = Array.isArray(data[bad]) ? ' (nested arrays go through tensor(nested) first)' : '';
      throw new TypeError(`${name}[${bad}] must be a number, but got ${show(data[bad])}${hint}`);
    }
    typed = Want.from(data);
  } else {
    throw new TypeError(`${name} must be a ${Want.name} or an array of numbers, but got ${show(data)}`);
  }
  if (typed.length !== count) {
    throw new RangeError(`${name} must have ${count} elements (the product of the shape), but got ${typed.length}`);
  }
  if (dtype === 'int32' && typed !== data) {
    // Int32Array.from would wrap 2^32 to 0 and truncate 1.5: refuse instead.
    for (let i = 0; i < data.length; i++) {
      const v = data[i];
      if (!Number.isInteger(v) || v < -(2 ** 31) || v >= 2 ** 31) {
        throw new RangeError(`${name}[${i}] must be an integer in [-2147483648, 2147483647], but got ${show(v)}`);
      }
    }
  }
  return typed;
}

/** Builds `{ data, shape }` from nested arrays of numbers; `dtype` 'float32' (default) or 'int32'. */
export function tensor(nested, dtype = 'float32') {
  if (dtype !== 'float32' && dtype !== 'int32') {
    throw new TypeError(`dtype must be "float32" or "int32", but got ${show(dtype)}`);
  }
  const shape = [];
  for (let level = nested; Array.isArray(level); level = level[0]) {
    if (level.length === 0) throw new RangeError(`tensor() needs non-empty arrays, but got an empty array at depth ${shape.length}`);
    shape.push(level.length);
  }
  if (shape.length === 0) throw new TypeError(`tensor() needs nested arrays of numbers, but got ${show(nested)}`);
  const flat = [];
  const walk = (node, depth, path) => {
    if (depth === shape.length) {
      if (typeof node !== 'number') throw new TypeError(`tensor() entry ${path} must be a number, but got ${show(node)}`);
      flat.push(node);
      return;
    }
    if (!Array.isArray(node) || node.length !== shape[depth]) {
      throw new RangeError(
        `tensor() needs a rectangular array: entry ${path || '[]'} should have ${shape[depth]} items like its siblings, but got ${show(node)}`,
      );
    }
    node.forEach((child, i) => walk(child, depth + 1, `${path}[${i}]`));
  };
  walk(nested, 0, '');
  checkShape('tensor() shape', shape);
  return { data: dtype === 'int32' ? Int32Array.from(flat) : Float32Array.from(flat), shape };
}

/** Nested JS arrays from `{ data, shape }` (the inverse of `tensor`). */
export function toNested(t) {
  const { data, shape } = t;
  const build = (depth, offset) => {
    if (depth === shape.length) return data[offset];
    const stride = shape.slice(depth + 1).reduce((a, b) => a * b, 1);
    return Array.from({ length: shape[depth] }, (_, i) => build(depth + 1, offset + i * stride));
  };
  return build(0, 0);
}

// --- NumPy printing (numpy.array2string defaults: precision 8, 'maxprec') ---

// Shortest decimal that reads back as the same float32, as NumPy prints float32.
function shortestFloat32(v) {
  for (let digits = 1; digits <= 9; digits++) {
    const s = v.toPrecision(digits);
    if (Math.fround(Number(s)) === v) return Number(s);
  }
  return v;
}

function positional(v) {
  // At most 8 fractional digits, no more than needed to be unique.
  const r = shortestFloat32(v);
  const digits = Number.isInteger(r) ? 0 : fractionDigits(r);
  // Past 8 digits NumPy rounds the exact binary value, not the shortest decimal.
  let s = digits > 8 ? v.toFixed(8) : r.toFixed(digits);
  if (s.includes('.')) s = s.replace(/0+$/, '');
  else s += '.';
  return s === '-0.' && !Object.is(v, -0) ? '0.' : s;
}

function fractionDigits(r) {
  const text = String(r);
  if (text.includes('e-')) {
    const [mantissa, exp] = text.split('e-');
    return (mantissa.split('.')[1] || '').length + Number(exp);
  }
  return (text.split('.')[1] || '').length;
}

function scientific(v) {
  const r = shortestFloat32(v);
  let [mantissa, exp] = r.toExponential().split('e');
  if (!mantissa.includes('.')) mantissa += '.';
  const sign = exp[0] === '-' ? '-' : '+';
  const digits = exp.replace(/^[+-]/, '').padStart(2, '0');
  return { mantissa, exponent: `e${sign}${digits}` };
}

function formatFloats(values) {
  const finite = values.filter((v) => Number.isFinite(v) && v !== 0).map(Math.abs);
  const special = (v) => (Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf');
  const large = finite.length > 0 && Math.max(...finite) >= 1e8;
  const small = finite.length > 0 && Math.min(...finite) < 1e-4;
  const spread = finite.length > 0 && Math.max(...finite) / Math.min(...finite) > 1e3;
  if (large || small || spread) {
    const parts = values.map((v) => (Number.isFinite(v) ? scientific(v) : null));
    const fraction = Math.max(0, ...parts.filter(Boolean).map((p) => p.mantissa.split('.')[1].length));
    const texts = values.map((v, i) => {
      if (!parts[i]) return special(v);
      const [int, frac] = parts[i].mantissa.split('.');
      return `${int}.${frac.padEnd(fraction, '0')}${parts[i].exponent}`;
    });
    const width = Math.max(...texts.map((t) => t.length));
    return texts.map((t) => t.padStart(width));
  }
  const texts = values.map((v) => (Number.isFinite(v) ? positional(v) : special(v)));
  const numeric = texts.filter((t, i) => Number.isFinite(values[i]));
  const left = Math.max(0, ...numeric.map((t) => t.indexOf('.')));
  const right = Math.max(0, ...numeric.map((t) => t.length - t.indexOf('.') - 1));
  const width = Math.max(left + 1 + right, ...texts.map((t) => t.length));
  return texts.map((t, i) => {
    if (!Number.isFinite(values[i])) return t.padStart(width);
    const dot = t.indexOf('.');
    return (t.slice(0, dot).padStart(left) + t.slice(dot)).padEnd(left + 1 + right).padStart(width);
  });
}

/** Prints `{ data, shape }` the way NumPy's `print(array)` does (without summarising huge arrays). */
export function format(t) {
  if (!t || typeof t !== 'object' || !Array.isArray(t.shape) || t.data === undefined) {
    throw new TypeError(`format() needs a tensor { data, shape }, but got ${show(t)}`);
  }
  const values = Array.from(t.data);
  const isInt = t.data instanceof Int32Array || t.data instanceof Uint8Array || t.data instanceof Int16Array;
  const cells = isInt
    ? ((texts) => texts.map((s) => s.padStart(Math.max(...texts.map((x) => x.length)))))(values.map(String))
    : formatFloats(values);
  const { shape } = t;
  if (shape.length === 0) return cells[0];
  let next = 0;
  const block = (depth) => {
    if (depth === shape.length - 1) {
      // NumPy wraps rows at 75 characters, less one per nesting level, and
      // indents continuation lines to the row's own depth.
      const hanging = ' '.repeat(depth + 1);
      let text = '';
      let line = hanging;
      for (let i = 0; i < shape[depth]; i++) {
        const word = cells[next++];
        if (line.length + word.length > 75 - depth && line.length > hanging.length) {
          text += `${line.trimEnd()}\n`;
          line = hanging;
        }
        line += i < shape[depth] - 1 ? `${word} ` : word;
      }
      return `[${(text + line).slice(hanging.length)}]`;
    }
    const separator = '\n'.repeat(shape.length - depth - 1) + ' '.repeat(depth + 1);
    return `[${Array.from({ length: shape[depth] }, () => block(depth + 1)).join(separator)}]`;
  };
  return block(0);
}
