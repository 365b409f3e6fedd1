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

export const heap = (Type) => (Type === Int32Array ? wasm.HEAP32 : wasm.HEAPF32);
