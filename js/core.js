// The package's API over the wasm core, gathered from one file per job:
// core/module.js (loading), core/heap-tensor.js (alloc), core/arguments.js,
// core/arena.js, core/parameter-block.js, core/operations.js, core/layers.js.
// Entry points (index.js for browsers and bundlers, node.js for Node) only
// differ in how they load the module.
import { outputShape } from './options.js';
import { format, tensor, toNested } from './tensor.js';
import { arenaUsage } from './core/arena.js';
import { live } from './core/heap-tensor.js';
import { module } from './core/module.js';

export { outputShape, tensor, format, toNested };
export { ready } from './core/module.js';
export { alloc } from './core/heap-tensor.js';
export { maxPool2d, maxPool2dBackward, avgPool2d, avgPool2dBackward } from './core/operations.js';
export { MaxPool2d, AvgPool2d } from './core/layers.js';

/**
 * Memory of the wasm module, for finding leaks: heap size, bytes malloc'ed
 * inside it (without the reused scratch blocks), live alloc() tensors, the
 * scratch blocks' size (the JS arena for plain calls plus the kernels' own),
 * and whether the SIMD build runs.
 */
export function memoryStats() {
  const m = module();
  const arena = arenaUsage();
  return {
    heapBytes: m.HEAP8.buffer.byteLength,
    bytesInUse: m.bytesInUse() - arena.footprint, // the kept scratch arena is reported apart
    liveTensors: live.size,
    scratchBytes: arena.bytes + m.kernelScratchBytes(),
    simd: m.poolgradSimd !== false,
  };
}
