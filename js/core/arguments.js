// Checks of the tensors and output targets a call is given: each error names
// the argument, the rule and the value.
import { show } from '../options.js';
import { checkData, checkShape } from '../tensor.js';
import { HeapTensor } from './heap-tensor.js';
import { wasm } from './module.js';

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
  const nhwc = dataFormat === 'NHWC';
  const [h, w] = nhwc ? shape.slice(-3, -1) : shape.slice(-2);
  const channels = nhwc ? shape.at(-1) : shape.at(-3);
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
  const count = checkShape(`${name}.shape`, shape, [3, 4]);
  let data = heapTensor ? null : checkData(`${name}.data`, t.data, count, dtype);
  // A view into wasm memory itself (e.g. someHeapTensor.data) would be
  // detached if allocating the scratch copy grows the memory: copy it first.
  if (data && wasm && data.buffer === wasm.HEAP8.buffer) data = data.slice();
  return { data, shape, count, ...layoutOf(shape, count, dataFormat) };
}

export function checkInputShape(name, given, dataFormat) {
  const shape = snapshot(given);
  const count = checkShape(name, shape, [3, 4]);
  return { shape: shape.slice(), count, ...layoutOf(shape, count, dataFormat) };
}

/** Throws unless `shape` equals `expected`, naming `name` and what `expected` is. */
export function requireShape(name, shape, expected, what) {
  if (shape.length !== expected.length || shape.some((s, i) => s !== expected[i])) {
    throw new RangeError(`${name}.shape must be ${show(expected)} (${what}), but got ${show(shape)}`);
  }
}

// `inputs` lists [name, tensor] pairs the call reads: a kernel writing into
// the tensor it reads from would answer wrongly without any error.
export function checkOutputTarget(name, target, shape, dtype, inputs = []) {
  if (target === undefined) return null;
  for (const [inputName, input] of inputs) {
    if (target === input) throw new RangeError(`${name} must be a different tensor from ${inputName} (no in-place pooling), but got the same alloc() tensor`);
  }
  if (!(target instanceof HeapTensor)) {
    throw new TypeError(`${name} must be a tensor made by alloc(), but got ${show(target)}`);
  }
  checkHeapTensor(name, target);
  if (target.dtype !== dtype) throw new TypeError(`${name} must be a ${dtype} alloc() tensor, but got "${target.dtype}"`);
  if (target.shape.length !== shape.length || target.shape.some((s, i) => s !== shape[i])) {
    throw new RangeError(`${name}.shape must be ${show(shape)}, but got ${show(target.shape)}`);
  }
  return target;
}

export function checkTargets(targets, allowed) {
  if (targets === undefined) return {};
  if (targets === null || typeof targets !== 'object') {
    throw new TypeError(`the output argument must be an object like { ${allowed[0]}: alloc(shape) }, but got ${show(targets)}`);
  }
  for (const key of Object.keys(targets)) {
    if (!allowed.includes(key)) throw new TypeError(`the output argument has no field "${key}"; expected ${allowed.join(', ')}`);
  }
  return targets;
}
