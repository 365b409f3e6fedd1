// Entry point for Node: the glue is built for web/worker (its Node support
// is broken for ES modules in this Emscripten), so the wasm bytes are read
// from disk and handed over directly.
import { readFile } from 'node:fs/promises';
import createPoolgradModule from '../dist/poolgrad.mjs';
import { setLoader } from './loader.js';

setLoader(async () => {
  const wasmBinary = await readFile(new URL('../dist/poolgrad.wasm', import.meta.url));
  return createPoolgradModule({ wasmBinary });
});

export * from './core.js';
