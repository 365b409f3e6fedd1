// Entry point for browsers and bundlers: the glue fetches poolgrad.wasm from
// beside itself (new URL('poolgrad.wasm', import.meta.url)), which Vite and
// webpack follow and emit as an asset.
import createPoolgradModule from '../dist/poolgrad.mjs';
import { setLoader } from './loader.js';

setLoader(() => createPoolgradModule());

export * from './core.js';
