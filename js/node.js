// Entry point for Node: the glue is built for web/worker (its Node support
// is broken for ES modules in this Emscripten), so the wasm bytes are read
// from disk and handed over directly. Without WebAssembly SIMD (old engines,
// or V8 flags) the scalar build is used.
import { readFile } from 'node:fs/promises';
import createPoolgradModule from '../dist/poolgrad.mjs';
import { setLoader, simdSupported } from './loader.js';

setLoader(async () => {
  const simd = simdSupported();
  const name = simd ? 'poolgrad' : 'poolgrad-scalar';
  const create = simd ? createPoolgradModule : (await import('../dist/poolgrad-scalar.mjs')).default;
  const wasmBinary = await readFile(new URL(`../dist/${name}.wasm`, import.meta.url));
  const module = await create({ wasmBinary });
  module.poolgradSimd = simd;
  return module;
});

export * from './core.js';
