// Holds the one way the current entry point instantiates the wasm module.
let load = null;

export function setLoader(fn) {
  load = fn;
}

export function loadModule() {
  if (!load) throw new Error('poolgrad was imported from an internal file; import "poolgrad" instead');
  return load();
}
