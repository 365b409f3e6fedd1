// The package's API over the wasm core. Entry points (index.js for browsers
// and bundlers, node.js for Node) only differ in how they load the module.
import { normalizeOptions, outputShape, planeOutputShape, show } from './options.js';
import { checkData, checkShape, format, tensor, toNested } from './tensor.js';
import { loadModule } from './loader.js';

export { outputShape, tensor, format, toNested };

// Mirrors poolgrad::flat::Param (cpp/include/poolgrad/flat_api.hpp).
const P = {
  kind: 0, planes: 1, inH: 2, inW: 3, kernelH: 4, kernelW: 5, strideH: 6, strideW: 7,
  padH: 8, padW: 9, dilationH: 10, dilationW: 11, ceilMode: 12, countIncludePad: 13,
  hasDivisor: 14, divisor: 15, outH: 16, outW: 17, count: 18,
};

// Mirrors poolgrad::Status (cpp/include/poolgrad/shape.hpp).
const STATUS_MESSAGES = [
  null, 'kernelSize was refused', 'stride was refused', 'padding was refused',
  'dilation was refused', 'the output size was refused', 'divisorOverride was refused',
  'the shape was refused', 'the tensor is too large for wasm memory', 'indices out of range',
  'out of wasm memory', 'a buffer address was refused',
];

let loading = null;
let wasm = null;
let paramBlock = 0;
// HeapTensors not yet freed. Objects, not addresses: after free() malloc may
// hand the same address to a new tensor, and the old one must stay dead.
const live = new Set();

/** Loads and instantiates the wasm module once; later calls resolve at once. */
export function ready() {
  if (!loading) {
    loading = loadModule()
      .then((module) => {
        wasm = module;
        paramBlock = module.allocate(P.count * 4);
        if (!paramBlock) throw new RangeError('out of wasm memory while starting poolgrad');
      })
      .catch((error) => {
        loading = null; // a later call may retry
        throw error;
      });
  }
  return loading;
}

function module() {
  if (!wasm) throw new Error('poolgrad is not loaded yet: `await ready()` once before calling it');
  return wasm;
}

const heap = (Type) => (Type === Int32Array ? wasm.HEAP32 : wasm.HEAPF32);

/** A float32 or int32 tensor living in wasm memory (zero-copy inputs and outputs). */
class HeapTensor {
  #address;
  #length;
  #Type;
  constructor(shape, dtype) {
    this.shape = shape.slice();
    this.dtype = dtype;
    this.#Type = dtype === 'int32' ? Int32Array : Float32Array;
    this.#length = shape.reduce((a, b) => a * b, 1);
    this.#address = module().allocate(this.#length * 4);
    if (!this.#address) {
      throw new RangeError(`alloc could not reserve ${this.#length * 4} bytes for shape ${show(shape)}: out of wasm memory`);
    }
    live.add(this);
    Object.freeze(this.shape);
    // shape and dtype describe the block's size: reassigning them would let
    // the kernels run past its end.
    Object.freeze(this);
  }
  /** True for real alloc() tensors only (not objects made from their prototype, nor proxies). */
  static isHeapTensor(t) {
    return typeof t === 'object' && t !== null && #address in t;
  }
  /** A fresh view on each access: wasm memory growth detaches older views. */
  get data() {
    return new this.#Type(heap(this.#Type).buffer, this.address, this.#length);
  }
  get address() {
    if (!live.has(this)) throw new TypeError('this alloc() tensor was freed and cannot be used any more');
    return this.#address;
  }
  get freed() {
    return !live.has(this);
  }
  free() {
    if (live.delete(this)) wasm.release(this.#address);
  }
  [Symbol.dispose]() {
    this.free();
  }
}

/** Allocates a tensor of `shape` in wasm memory, 64-byte aligned; free it with `free()`. */
export function alloc(shape, dtype = 'float32') {
  module();
  if (dtype !== 'float32' && dtype !== 'int32') throw new TypeError(`dtype must be "float32" or "int32", but got ${show(dtype)}`);
  checkShape('shape', shape);
  return new HeapTensor(shape, dtype);
}

// --- argument handling ------------------------------------------------------

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

function describePooled(name, t, dtype = 'float32') {
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
  const [h, w] = shape.slice(-2);
  return { data, shape, planes: count / (h * w), h, w, count };
}

function checkInputShape(name, given) {
  const shape = snapshot(given);
  const count = checkShape(name, shape, [3, 4]);
  const [h, w] = shape.slice(-2);
  return { shape: shape.slice(), planes: count / (h * w), h, w, count };
}

// `inputs` lists [name, tensor] pairs the call reads: a kernel writing into
// the tensor it reads from would answer wrongly without any error.
function checkOutputTarget(name, target, shape, dtype, inputs = []) {
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

function checkTargets(targets, allowed) {
  if (targets === undefined) return {};
  if (targets === null || typeof targets !== 'object') {
    throw new TypeError(`the output argument must be an object like { ${allowed[0]}: alloc(shape) }, but got ${show(targets)}`);
  }
  for (const key of Object.keys(targets)) {
    if (!allowed.includes(key)) throw new TypeError(`the output argument has no field "${key}"; expected ${allowed.join(', ')}`);
  }
  return targets;
}

// The plain path copies into one scratch arena that grows to the largest call
// so far and is kept, so a call costs no malloc/free. Calls beyond
// ARENA_LIMIT get a block of their own, released at once, so one huge call
// does not pin its memory forever.
const ARENA_LIMIT = 256 * 1024 * 1024;
let arena = 0;
let arenaBytes = 0;
let arenaFootprint = 0; // what the arena adds to malloc's bytes in use

function scratchBlock(bytes) {
  if (bytes <= arenaBytes) return arena;
  if (arena) wasm.release(arena);
  arena = arenaBytes = arenaFootprint = 0;
  const before = wasm.bytesInUse();
  const address = wasm.allocate(bytes);
  if (!address) throw new RangeError(`out of wasm memory: could not reserve ${bytes} bytes`);
  arena = address;
  arenaBytes = bytes;
  arenaFootprint = wasm.bytesInUse() - before;
  return address;
}

const aligned = (bytes) => Math.ceil(bytes / 64) * 64;

// Runs `call` with wasm addresses for every buffer: heap tensors are used in
// place (no copy, no allocation), plain data is copied into 64-byte aligned
// slices of the scratch arena.
function withBuffers(buffers, call) {
  let bytes = 0;
  for (const b of buffers) if (!b.tensor) bytes += aligned(b.count * 4);
  let base = 0;
  let temporary = 0;
  // allocate() takes a uint32: a larger total would wrap to a tiny block.
  if (bytes > 2 ** 32 - 64) {
    throw new RangeError(`the call's tensors need ${bytes} bytes of scratch, but at most ${2 ** 32 - 64} fit in 32-bit wasm memory`);
  }
  if (bytes > ARENA_LIMIT) {
    temporary = base = wasm.allocate(bytes);
    if (!base) throw new RangeError(`out of wasm memory: could not reserve ${bytes} bytes`);
  } else if (bytes > 0) {
    base = scratchBlock(bytes);
  }
  try {
    const addresses = [];
    let offset = base;
    for (const { tensor: t, data, count, Type } of buffers) {
      if (t) {
        addresses.push(t.address);
        continue;
      }
      addresses.push(offset);
      if (data) heap(Type).set(data, offset / 4);
      offset += aligned(count * 4);
    }
    return call(addresses);
  } finally {
    if (temporary) wasm.release(temporary);
  }
}

// The parameter block's view, made again only when memory growth has
// replaced the buffer, so a resident call creates no typed array.
let paramView = null;

function writePlan(kind, o, input) {
  if (paramView === null || paramView.buffer !== wasm.HEAP32.buffer) {
    paramView = new Int32Array(wasm.HEAP32.buffer, paramBlock, P.count);
  }
  const p = paramView;
  p[P.kind] = kind === 'max' ? 0 : 1;
  p[P.planes] = input.planes;
  p[P.inH] = input.h;
  p[P.inW] = input.w;
  if (o) {
    [p[P.kernelH], p[P.kernelW]] = o.kernel;
    [p[P.strideH], p[P.strideW]] = o.stride;
    [p[P.padH], p[P.padW]] = o.padding;
    [p[P.dilationH], p[P.dilationW]] = o.dilation;
    p[P.ceilMode] = o.ceilMode ? 1 : 0;
    p[P.countIncludePad] = o.countIncludePad ? 1 : 0;
    p[P.hasDivisor] = o.divisorOverride === null ? 0 : 1;
    p[P.divisor] = o.divisorOverride ?? 0;
  }
  return p;
}

function check(status, what) {
  if (status === 0) return;
  const message = STATUS_MESSAGES[status] ?? `unknown status ${status}`;
  throw new RangeError(`${what}: ${message} by the wasm core`);
}

function result(target, count, Type, address, shape) {
  if (target) return target;
  // Constructing from the view allocates without zeroing and copies once:
  // half the time of new Type(count) + set() in Node 20 (0.26 against 0.54 ms
  // for 6.4 MB), and slice() on a view of wasm memory is slower still.
  const data = new Type(new Type(heap(Type).buffer, address, count));
  return { data, shape };
}

// --- the operations ----------------------------------------------------------

function pooledShape(input, o) {
  const [oh, ow] = planeOutputShape([input.h, input.w], o);
  return [...input.shape.slice(0, -2), oh, ow];
}

/** Max pooling; returns { output, indices } (indices: flat h·W + w inside each plane, -1 for an empty window). */
export function maxPool2d(x, options, targets) {
  module();
  const o = normalizeOptions('max', options);
  const input = describePooled('x', x);
  const shape = pooledShape(input, o);
  const count = input.planes * shape.at(-2) * shape.at(-1);
  checkShape('output shape', shape);
  const t = checkTargets(targets, ['output', 'indices']);
  const output = checkOutputTarget('output', t.output, shape, 'float32', [['x', x]]);
  const indices = checkOutputTarget('indices', t.indices, shape, 'int32', [['x', x]]);
  return withBuffers(
    [
      { tensor: input.data ? null : x, data: input.data, count: input.count, Type: Float32Array },
      { tensor: output, count, Type: Float32Array },
      { tensor: indices, count, Type: Int32Array },
    ],
    ([inAddress, outAddress, indexAddress]) => {
      writePlan('max', o, input);
      check(wasm.maxForward(paramBlock, inAddress, outAddress, indexAddress), 'maxPool2d');
      return {
        output: result(output, count, Float32Array, outAddress, shape),
        indices: result(indices, count, Int32Array, indexAddress, shape),
      };
    },
  );
}

/** Scatter-adds gradOutput into a zero tensor of `inputShape` at the forward's indices. */
export function maxPool2dBackward(gradOutput, indices, inputShape, targets) {
  module();
  const input = checkInputShape('inputShape', inputShape);
  const grad = describePooled('gradOutput', gradOutput);
  const idx = describePooled('indices', indices, 'int32');
  if (grad.shape.length !== input.shape.length || grad.shape.slice(0, -2).some((s, i) => s !== input.shape[i])) {
    throw new RangeError(
      `gradOutput.shape must match inputShape ${show(input.shape)} in all but the last two sizes, but got ${show(grad.shape)}`,
    );
  }
  if (idx.shape.length !== grad.shape.length || idx.shape.some((s, i) => s !== grad.shape[i])) {
    throw new RangeError(`indices.shape must equal gradOutput.shape ${show(grad.shape)}, but got ${show(idx.shape)}`);
  }
  const t = checkTargets(targets, ['gradInput']);
  const gradInput = checkOutputTarget('gradInput', t.gradInput, input.shape, 'float32', [['gradOutput', gradOutput]]);
  return withBuffers(
    [
      { tensor: grad.data ? null : gradOutput, data: grad.data, count: grad.count, Type: Float32Array },
      { tensor: idx.data ? null : indices, data: idx.data, count: idx.count, Type: Int32Array },
      { tensor: gradInput, count: input.count, Type: Float32Array },
    ],
    ([gradAddress, indexAddress, outAddress]) => {
      const p = writePlan('max', null, input);
      p[P.outH] = grad.h;
      p[P.outW] = grad.w;
      const status = wasm.maxBackward(paramBlock, gradAddress, indexAddress, outAddress);
      if (status === 9) throw badIndex(new Int32Array(wasm.HEAP32.buffer, indexAddress, idx.count), input);
      check(status, 'maxPool2dBackward');
      return result(gradInput, input.count, Float32Array, outAddress, input.shape);
    },
  );
}

function badIndex(values, input) {
  const limit = input.h * input.w;
  const at = values.findIndex((v) => v < -1 || v >= limit);
  return new RangeError(
    `indices must lie in [-1, ${limit}) (positions inside a ${input.h}×${input.w} plane), but got ${values[at]} at position ${at}`,
  );
}

/** Average pooling. */
export function avgPool2d(x, options, targets) {
  module();
  const o = normalizeOptions('avg', options);
  const input = describePooled('x', x);
  const shape = pooledShape(input, o);
  const count = input.planes * shape.at(-2) * shape.at(-1);
  const t = checkTargets(targets, ['output']);
  const output = checkOutputTarget('output', t.output, shape, 'float32', [['x', x]]);
  return withBuffers(
    [
      { tensor: input.data ? null : x, data: input.data, count: input.count, Type: Float32Array },
      { tensor: output, count, Type: Float32Array },
    ],
    ([inAddress, outAddress]) => {
      writePlan('avg', o, input);
      check(wasm.avgForward(paramBlock, inAddress, outAddress), 'avgPool2d');
      return result(output, count, Float32Array, outAddress, shape);
    },
  );
}

/** Average pooling's input gradient: needs only gradOutput, the input's shape and the options. */
export function avgPool2dBackward(gradOutput, inputShape, options, targets) {
  module();
  const input = checkInputShape('inputShape', inputShape);
  const o = normalizeOptions('avg', options, 'avgPool2dBackward');
  const grad = describePooled('gradOutput', gradOutput);
  const expected = pooledShape(input, o);
  if (grad.shape.length !== expected.length || grad.shape.some((s, i) => s !== expected[i])) {
    throw new RangeError(
      `gradOutput.shape must be ${show(expected)} (the avgPool2d output for inputShape ${show(input.shape)}), but got ${show(grad.shape)}`,
    );
  }
  const t = checkTargets(targets, ['gradInput']);
  const gradInput = checkOutputTarget('gradInput', t.gradInput, input.shape, 'float32', [['gradOutput', gradOutput]]);
  return withBuffers(
    [
      { tensor: grad.data ? null : gradOutput, data: grad.data, count: grad.count, Type: Float32Array },
      { tensor: gradInput, count: input.count, Type: Float32Array },
    ],
    ([gradAddress, outAddress]) => {
      writePlan('avg', o, input);
      check(wasm.avgBackward(paramBlock, gradAddress, outAddress), 'avgPool2dBackward');
      return result(gradInput, input.count, Float32Array, outAddress, input.shape);
    },
  );
}

// --- notebook-style layers -----------------------------------------------------

/** (y, x) of each maximum relative to its window, in kernel taps; [-1, -1] for an empty window. */
function windowPositions(indices, inputShape, o) {
  const w = inputShape.at(-1);
  const [oh, ow] = indices.shape.slice(-2);
  const plane = oh * ow;
  const data = new Int32Array(indices.data.length * 2);
  indices.data.forEach((flat, i) => {
    if (flat < 0) {
      data[2 * i] = data[2 * i + 1] = -1;
      return;
    }
    const r = Math.floor((i % plane) / ow);
    const c = (i % plane) % ow;
    data[2 * i] = (Math.floor(flat / w) - (r * o.stride[0] - o.padding[0])) / o.dilation[0];
    data[2 * i + 1] = ((flat % w) - (c * o.stride[1] - o.padding[1])) / o.dilation[1];
  });
  return { data, shape: [...indices.shape, 2] };
}

/** Max pooling layer as in the notebook: forward, backpropYX, backwardInput. */
export class MaxPool2d {
  #options;
  #inputShape = null;
  #indices = null;
  #backpropYX = null;
  constructor(options) {
    this.#options = normalizeOptions('max', options, 'MaxPool2d');
    this.options = Object.freeze(structuredClone(options));
  }
  forward(x) {
    const { output, indices } = maxPool2d(x, this.options);
    this.#inputShape = x.shape.slice();
    this.#indices = indices;
    this.#backpropYX = null;
    return output;
  }
  /** The forward's indices (PyTorch's return_indices). */
  get indices() {
    return this.#indices;
  }
  /** Shape [..., Ho, Wo, 2]: (y, x) of each maximum inside its window; null before forward. */
  get backpropYX() {
    if (!this.#indices) return null;
    this.#backpropYX ??= windowPositions(this.#indices, this.#inputShape, this.#options);
    return this.#backpropYX;
  }
  backwardInput(gradOutput) {
    if (!this.#indices) throw new Error('MaxPool2d.backwardInput needs forward(x) to have run first');
    return maxPool2dBackward(gradOutput, this.#indices, this.#inputShape);
  }
}

/** Average pooling layer as in the notebook: forward, backwardInput. */
export class AvgPool2d {
  #inputShape = null;
  constructor(options) {
    normalizeOptions('avg', options, 'AvgPool2d');
    this.options = Object.freeze(structuredClone(options));
  }
  forward(x) {
    const output = avgPool2d(x, this.options);
    this.#inputShape = x.shape.slice();
    return output;
  }
  backwardInput(gradOutput) {
    if (!this.#inputShape) throw new Error('AvgPool2d.backwardInput needs forward(x) to have run first');
    return avgPool2dBackward(gradOutput, this.#inputShape, this.options);
  }
}

/** @internal wasm memory size, bytes malloc'ed inside it (without the reused scratch blocks), live alloc() tensors, the scratch blocks' size (the JS arena for plain calls plus the kernels' own), and whether the SIMD build runs. */
export function memoryStats() {
  const m = module();
  return {
    heapBytes: m.HEAP8.buffer.byteLength,
    bytesInUse: m.bytesInUse() - arenaFootprint, // the kept scratch arena is reported apart
    liveTensors: live.size,
    scratchBytes: arenaBytes + m.kernelScratchBytes(),
    simd: m.poolgradSimd !== false,
  };
}
