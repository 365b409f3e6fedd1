// Holds the one way the current entry point instantiates the wasm module.
let load = null;

export function setLoader(fn) {
  load = fn;
}

export function loadModule() {
  if (!load) throw new Error('poolgrad was imported from an internal file; import "poolgrad" instead');
  return load();
}

// A module whose only function runs memory.fill and returns i32x4.splat(0):
// it validates exactly where the two features the fast build is compiled with
// (WebAssembly SIMD and bulk memory) are available. Other engines get the
// scalar build, which uses neither.
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, // type: () -> v128
  0x03, 0x02, 0x01, 0x00, // one function of that type
  0x05, 0x03, 0x01, 0x00, 0x01, // one memory of one page
  0x0a, 0x11, 0x01, 0x0f, 0x00, // code: one body of 15 bytes, no locals
  0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x0b, 0x00, // memory.fill(0, 0, 0)
  0x41, 0x00, 0xfd, 0x11, 0x0b, // i32x4.splat(0); end
]);

export function simdSupported() {
  try {
    return WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}
