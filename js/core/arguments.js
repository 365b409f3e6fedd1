// Checks of the tensors and output targets a call is given: each error names
// the argument, the rule and the value.
import { show } from '../options.js';
import { checkData, checkShape } from '../tensor.js';
import { HeapTensor } from './heap-tensor.js';
import { heap } from './module.js';

function checkTensorLike(name, t) {
  if (t === null || typeof t !== 'object' || !('shape' in t) || !('data' in t)) {
    throw new TypeError(`${name} must be a tensor { data, shape }, but got ${show(t)}`);
  }
}

// An alloc() tensor that is still usable; TypeError naming `name` for a freed
// one or for a look-alike that only shares HeapTensor's prototype.
function checkHeapTensor(name, t) {
  if (!HeapTensor.isHeapTensor(t)) {
    throw new TypeError(`${name} must be a tensor made by alloc() or a plain { data, shape }, but got an object posing as an alloc() tensor`);
  }
  if (t.freed) throw new TypeError(`${name} is an alloc() tensor that was freed with free(), so it cannot be used any more`);
}

// One snapshot of a shape: a getter or proxy must not answer differently
// between the check and the use.
const snapshot = (shape) => (Array.isArray(shape) ? Array.from(shape) : shape);

/**
 * The sizes of a pooled tensor's shape in `dataFormat`: [N, C, H, W] / [C, H, W]
 * or [N, H, W, C] / [H, W, C]. planes = N·C, channels = C.
 */
export function layoutOf(shape, count, dataFormat) {
  const last = shape.length - 1;
  const nhwc = dataFormat === 'NHWC';
  const h = nhwc ? shape[last - 2] : shape[last - 1];
  const w = nhwc ? shape[last - 1] : shape[last];
  const channels = nhwc ? shape[last] : shape[last - 2];
  return { planes: count / (h * w), channels, h, w };
}

/** A float32 (or int32) input tensor: its shape checked, plain data checked and kept for copying in. */
export function describePooled(name, t, dataFormat, dtype = 'float32') {
  checkTensorLike(name, t);
  const heapTensor = t instanceof HeapTensor;
  if (heapTensor) {
    checkHeapTensor(name, t);
    if (t.dtype !== dtype) throw new TypeError(`${name} must be a ${dtype} tensor, but got an alloc(…, "${t.dtype}") tensor`);
  }
  const shape = snapshot(t.shape);
  const count = checkShape(`${name}.shape`, shape, POOLED_RANKS);
  let data = heapTensor ? null : checkData(`${name}.data`, t.data, count, dtype);
  // A view into wasm memory itself (e.g. someHeapTensor.data) would be
  // detached if allocating the scratch copy grows the memory: copy it first.
  if (data && data.buffer === heap(Float32Array).buffer) data = data.slice();
  return described(data, shape, count, dataFormat);
}

const POOLED_RANKS = [3, 4];

// A tensor's description: its sizes in `dataFormat` (layoutOf) with its data
// (null for an alloc() tensor, used in place), shape and element count.
function described(data, shape, count, dataFormat) {
  const { planes, channels, h, w } = layoutOf(shape, count, dataFormat);
  return { data, shape, count, planes, channels, h, w };
}

/** A shape argument (no data): its own copy, checked, with its sizes in `dataFormat`. */
export function checkInputShape(name, given, dataFormat) {
  // snapshot() copies an array; anything else checkShape refuses.
  const shape = snapshot(given);
  const count = checkShape(name, shape, POOLED_RANKS);
  return described(null, shape, count, dataFormat);
}

/**
 * Throws unless `shape` equals `expected`, naming `name` and what `expected`
 * is: `what`, or a function returning it when it costs a show() to word.
 */
export function requireShape(name, shape, expected, what) {
  if (sameShape(shape, expected)) return;
  const text = typeof what === 'function' ? what() : what;
  throw new RangeError(`${name}.shape must be ${show(expected)} (${text}), but got ${show(shape)}`);
}

// A loop, not some(): no closure per call.
function sameShape(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

// `input` (named `inputName`) is the tensor the call reads: a kernel writing
// into the tensor it reads from would answer wrongly without any error.
export function checkOutputTarget(name, target, shape, dtype, inputName, input) {
  if (target === undefined) return null;
  if (target === input) throw new RangeError(`${name} must be a different tensor from ${inputName} (no in-place pooling), but got the same alloc() tensor`);
  if (!(target instanceof HeapTensor)) {
    throw new TypeError(`${name} must be a tensor made by alloc(), but got ${show(target)}`);
  }
  checkHeapTensor(name, target);
  if (target.dtype !== dtype) throw new TypeError(`${name} must be a ${dtype} alloc() tensor, but got "${target.dtype}"`);
  if (!sameShape(target.shape, shape)) {
    throw new RangeError(`${name}.shape must be ${show(shape)}, but got ${show(target.shape)}`);
  }
  return target;
}

const NO_TARGETS = Object.freeze({});

export function checkTargets(targets, allowed) {
  if (targets === undefined) return NO_TARGETS;
  if (targets === null || typeof targets !== 'object') {
    throw new TypeError(`the output argument must be an object like { ${allowed[0]}: alloc(shape) }, but got ${show(targets)}`);
  }
  for (const key of Object.keys(targets)) {
    if (!allowed.includes(key)) throw new TypeError(`the output argument has no field "${key}"; expected ${allowed.join(', ')}`);
  }
  return targets;
}
