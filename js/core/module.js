// The wasm module of this process: loaded once by ready(), then shared by
// every other part of the API. The parameter slots and status codes are
// read from the module's exports, never spelled as numbers here.
import { loadModule } from '../loader.js';

let loading = null;
/** The instantiated module, or null before ready() resolved (a live binding). */
export let wasm = null;
/** Slot index by name (kind, planes, …), from the module's Param enum. */
export let Param = null;
/** Status name by code, from the module's Status enum. */
export let statusNames = null;
/** Code by status name. */
export let Status = null;
/** Codes of the PadRule and Layout enums by their names. */
export let PadRule = null;
export let Layout = null;
/**
 * The module's functions the calls use, in an object of fixed shape: the
 * module object itself is a dictionary (Emscripten adds and deletes its
 * properties), slow to look a name up in on every call.
 */
export let core = null;

const valuesOf = (embindEnum) =>
  Object.fromEntries(Object.entries(embindEnum).filter(([, v]) => v && typeof v.value === 'number').map(([k, v]) => [k, v.value]));

/** Loads and instantiates the wasm module once; later calls resolve at once. */
export function ready() {
  if (!loading) {
    loading = loadModule()
      .then((module) => {
        Param = valuesOf(module.Param);
        Param.count = module.paramCount;
        Status = valuesOf(module.Status);
        statusNames = Object.fromEntries(Object.entries(Status).map(([k, v]) => [v, k]));
        PadRule = valuesOf(module.PadRule);
        Layout = valuesOf(module.Layout);
        core = {
          maxForward: module.maxForward,
          maxBackward: module.maxBackward,
          avgForward: module.avgForward,
          avgBackward: module.avgBackward,
          allocate: module.allocate,
          release: module.release,
          bytesInUse: module.bytesInUse,
        };
        wasm = module;
      })
      .catch((error) => {
        loading = null; // a later call may retry
        throw error;
      });
  }
  return loading;
}

export function module() {
  if (!wasm) throw new Error('poolgrad is not loaded yet: `await ready()` once before calling it');
  return wasm;
}

// The module's views, kept until memory growth detaches their buffer (a
// detached view has length 0), instead of a dictionary lookup per use.
let heapF32 = null;
let heapI32 = null;
export function heap(Type) {
  if (Type === Int32Array) {
    if (heapI32 === null || heapI32.length === 0) heapI32 = wasm.HEAP32;
    return heapI32;
  }
  if (heapF32 === null || heapF32.length === 0) heapF32 = wasm.HEAPF32;
  return heapF32;
}

