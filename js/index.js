// Entry point for browsers and bundlers: the glue fetches its .wasm from
// beside itself (new URL('poolgrad.wasm', import.meta.url)), which Vite and
// webpack follow and emit as an asset. Engines without WebAssembly SIMD get
// the scalar build, loaded only when needed.
import createPoolgradModule from '../dist/poolgrad.mjs';
import { setLoader, simdSupported } from './loader.js';

// A bundler's dev server that pre-bundles the package (Vite's optimizeDeps)
// moves this file away from dist/, so the glue's URL for the .wasm answers
// with the app's HTML page instead.
const MOVED_HINT =
  "poolgrad could not load its .wasm file: the server answered with something else (often the app's index.html). " +
  "Under the Vite dev server, keep poolgrad out of dependency pre-bundling: optimizeDeps: { exclude: ['poolgrad'] } in vite.config.js.";

setLoader(async () => {
  const simd = simdSupported();
  const create = simd ? createPoolgradModule : (await import('../dist/poolgrad-scalar.mjs')).default;
  let module;
  try {
    module = await create();
  } catch (error) {
    if (/magic word|magic number/i.test(String(error?.message ?? error))) throw new Error(MOVED_HINT, { cause: error });
    throw error;
  }
  module.poolgradSimd = simd;
  return module;
});

export * from './core.js';
