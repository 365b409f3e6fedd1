// Entry point for browsers and bundlers: the glue fetches its .wasm from
// beside itself (new URL('poolgrad.wasm', import.meta.url)), which Vite and
// webpack follow and emit as an asset. Engines without WebAssembly SIMD get
// the scalar build, loaded only when needed.
import createPoolgradModule from '../dist/poolgrad.mjs';
import { setLoader, simdSupported } from './loader.js';

setLoader(async () => {
  const simd = simdSupported();
  const create = simd ? createPoolgradModule : (await import('../dist/poolgrad-scalar.mjs')).default;
  const module = await create();
  module.poolgradSimd = simd;
  return module;
});

export * from './core.js';
