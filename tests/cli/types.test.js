// The hand-written declarations of poolgrad/checker (js/checker/index.d.ts,
// judging.d.ts), resolved through the package's exports map as a TypeScript user gets them.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('checker_declarations_accept_documented_uses_and_reject_wrong_ones', () => {
  const project = fileURLToPath(new URL('./types/tsconfig.json', import.meta.url));
  const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
  let output = '';
  try {
    execFileSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' });
  } catch (error) {
    output = `${error.stdout}${error.stderr}`;
  }
  expect(output).toBe('');
}, 60_000);

it('every_runtime_export_of_poolgrad_checker_is_declared', async () => {
  const { readFileSync } = await import('node:fs');
  const declared = readFileSync(new URL('../../js/checker/index.d.ts', import.meta.url), 'utf8');
  const checker = await import('poolgrad/checker');
  const missing = Object.keys(checker).filter((name) => !new RegExp(`export (?:declare )?(?:function|const|class) ${name}\\b`).test(declared));
  expect(missing).toEqual([]);
  const judging = await import('poolgrad/checker/judging');
  const subset = readFileSync(new URL('../../js/checker/judging.d.ts', import.meta.url), 'utf8');
  expect(Object.keys(judging).filter((name) => !new RegExp(`\\b${name}\\b`).test(subset))).toEqual([]);
});
