#!/usr/bin/env node
// One fresh process of the size sweep's first-calls figure: the first calls
// of one implementation on one shape, timed before anything else has run it
// (see measureFirstCalls). Prints { firstMs, loadMs } as JSON; loadMs is
// poolgrad's import + ready(), which a page pays once before its first call.
// Usage: node bench/first-calls.js poolgrad|js 1x2x5x5
import { SWEEP_OPTIONS, maxPoolLoop, measureFirstCalls, sweepInput } from './workloads.js';

const [impl, shapeText] = process.argv.slice(2);
const x = sweepInput(shapeText.split('x').map(Number));
let out;
if (impl === 'poolgrad') {
  const t0 = performance.now();
  const pg = await import('../js/node.js');
  await pg.ready();
  const loadMs = performance.now() - t0;
  out = { firstMs: measureFirstCalls(() => pg.maxPool2d(x, SWEEP_OPTIONS)), loadMs };
} else if (impl === 'js') {
  out = { firstMs: measureFirstCalls(() => maxPoolLoop(x)) };
} else {
  throw new Error(`first-calls.js: unknown implementation ${impl}`);
}
console.log(JSON.stringify(out));
