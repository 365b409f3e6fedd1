// Wasm addresses for a call's buffers: alloc() tensors are used in place,
// plain data is copied into one scratch arena kept between calls.
import { core, heap } from './module.js';

// The arena grows to the largest call so far and is kept, so a call costs no
// malloc/free. Calls beyond ARENA_LIMIT get a block of their own, released at
// once, so one huge call does not pin its memory forever.
const ARENA_LIMIT = 256 * 1024 * 1024;
let arena = 0;
let arenaBytes = 0;
let arenaFootprint = 0; // what the arena adds to malloc's bytes in use

/** The arena's size and what it adds to malloc's bytes in use (for memoryStats). */
export const arenaUsage = () => ({ bytes: arenaBytes, footprint: arenaFootprint });

function scratchBlock(bytes) {
  if (bytes <= arenaBytes) return arena;
  if (arena) core.release(arena);
  arena = arenaBytes = arenaFootprint = 0;
  const before = core.bytesInUse();
  const address = core.allocate(bytes);
  if (!address) throw new RangeError(`out of wasm memory: could not reserve ${bytes} bytes`);
  arena = address;
  arenaBytes = bytes;
  arenaFootprint = core.bytesInUse() - before;
  return address;
}

const aligned = (bytes) => Math.ceil(bytes / 64) * 64;

/**
 * Runs `call` with one wasm address per buffer { tensor, data, count, Type }:
 * a heap tensor's own address, or a 64-byte aligned arena slice holding a
 * copy of `data` (or nothing, for outputs). A buffer with count 0 and no
 * tensor gets address 0 (an output the call does not produce).
 */
export function withBuffers(buffers, call) {
  let bytes = 0;
  for (let i = 0; i < buffers.length; i++) if (!buffers[i].tensor) bytes += aligned(buffers[i].count * 4);
  let base = 0;
  let temporary = 0;
  // allocate() takes a uint32: a larger total would wrap to a tiny block.
  if (bytes > 2 ** 32 - 64) {
    throw new RangeError(`the call's tensors need ${bytes} bytes of scratch, but at most ${2 ** 32 - 64} fit in 32-bit wasm memory`);
  }
  if (bytes > ARENA_LIMIT) {
    temporary = base = core.allocate(bytes);
    if (!base) throw new RangeError(`out of wasm memory: could not reserve ${bytes} bytes`);
  } else if (bytes > 0) {
    base = scratchBlock(bytes);
  }
  try {
    const addresses = new Array(buffers.length);
    let offset = base;
    for (let i = 0; i < buffers.length; i++) {
      const { tensor: t, data, count, Type } = buffers[i];
      if (t) {
        addresses[i] = t.address;
      } else if (count === 0) {
        addresses[i] = 0;
      } else {
        addresses[i] = offset;
        if (data) heap(Type).set(data, offset / 4);
        offset += aligned(count * 4);
      }
    }
    return call(addresses);
  } finally {
    if (temporary) core.release(temporary);
  }
}

/** The call's result: the target tensor, or a copy out of wasm memory. */
export function result(target, count, Type, address, shape) {
  if (target) return target;
  // Constructing from the view allocates without zeroing and copies once:
  // half the time of new Type(count) + set() in Node 20 (0.26 against 0.54 ms
  // for 6.4 MB), and slice() on a view of wasm memory is slower still.
  const data = new Type(new Type(heap(Type).buffer, address, count));
  return { data, shape };
}
