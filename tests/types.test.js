// The hand-written declarations (js/index.d.ts) resolved through the
// package's exports map, as a TypeScript user gets them: with the esnext
// disposable lib, and with a default tsconfig (strict, no lib or target set).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));

function compile(config) {
  const project = fileURLToPath(new URL(config, import.meta.url));
  try {
    execFileSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' });
    return '';
  } catch (error) {
    return `${error.stdout}${error.stderr}`;
  }
}

it('declarations_accept_documented_uses_and_reject_wrong_ones', () => {
  expect(compile('./types/tsconfig.json')).toBe('');
}, 60_000);

it('declarations_type_check_under_a_default_strict_tsconfig', () => {
  expect(compile('./types/default/tsconfig.json')).toBe('');
}, 60_000);
