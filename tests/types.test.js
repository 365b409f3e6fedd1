// The hand-written declarations (js/index.d.ts) resolved through the
// package's exports map, as a TypeScript user gets them.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('declarations_accept_documented_uses_and_reject_wrong_ones', () => {
  const project = fileURLToPath(new URL('./types/tsconfig.json', import.meta.url));
  const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
  let output = '';
  try {
    execFileSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' });
  } catch (error) {
    output = `${error.stdout}${error.stderr}`;
  }
  expect(output).toBe('');
}, 60_000);
