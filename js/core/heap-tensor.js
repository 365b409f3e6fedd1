// Tensors living in wasm memory: zero-copy inputs and outputs.
import { show } from '../options.js';
import { checkShape } from '../tensor.js';
import { heap, module, wasm } from './module.js';

// HeapTensors not yet freed. Objects, not addresses: after free() malloc may
// hand the same address to a new tensor, and the old one must stay dead.
export const live = new Set();

/** A float32 or int32 tensor living in wasm memory (zero-copy inputs and outputs). */
export class HeapTensor {
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
}

// Symbol.dispose exists from Node 20.4 / TypeScript's esnext lib on; where it
// does not, `using` is not available either and free() is the way.
if (typeof Symbol.dispose === 'symbol') {
  Object.defineProperty(HeapTensor.prototype, Symbol.dispose, {
    value() {
      this.free();
    },
  });
}

/** Allocates a tensor of `shape` in wasm memory, 64-byte aligned; free it with `free()`. */
export function alloc(shape, dtype = 'float32') {
  module();
  if (dtype !== 'float32' && dtype !== 'int32') throw new TypeError(`dtype must be "float32" or "int32", but got ${show(dtype)}`);
  checkShape('shape', shape);
  return new HeapTensor(shape, dtype);
}
