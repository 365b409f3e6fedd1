// Exit codes and messages for usage errors, `init`, `--seed`, and modules
// that cannot be checked.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { answersFile, cli, failing, learner } from './run-cli.js';

const work = mkdtempSync(join(tmpdir(), 'poolgrad-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('poolgrad usage errors exit with 2', () => {
  it('missing_file', async () => {
    const r = await cli(['check', join(work, 'nope.mjs')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no such file');
    expect(r.stdout).toBe('');
  });

  it('module_without_the_expected_exports', async () => {
    const r = await cli(['check', learner('no-exports'), '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/exports none of getOutputShape, maxpool2d, MaxPooling, AvgPooling/);
    expect(r.stdout).toBe('');
  });

  it('module_with_a_syntax_error', async () => {
    const file = join(work, 'broken.mjs');
    writeFileSync(file, 'export function getOutputShape( {\n');
    const r = await cli(['check', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/could not import the module: SyntaxError/);
  });

  it('module_whose_top_level_never_finishes_is_reported_as_timeout_once_not_per_function', async () => {
    const file = join(work, 'hang.mjs');
    writeFileSync(file, 'for (;;) {}\nexport function getOutputShape() {}\n');
    const r = await cli(['check', file, '--json', '--timeout', '2000']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.results.map((x) => x.failure.kind)).toEqual(Array(7).fill('timeout'));
    // The budget left when the import starts: at most the 2000 ms given.
    const [, waited] = report.results[0].failure.message.match(/^importing the module did not finish within (\d+) ms/);
    expect(Number(waited)).toBeGreaterThan(1000);
    expect(Number(waited)).toBeLessThanOrEqual(2000);
  });

  it('missing_export_fails_only_its_functions_without_a_case', async () => {
    const file = join(work, 'partial.mjs');
    writeFileSync(file, `export { getOutputShape, maxpool2d, MaxPooling } from ${JSON.stringify(learner('right'))};\n`);
    const r = await cli(['check', file, '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(failing(report)).toEqual(['AvgPooling.forward', 'AvgPooling.backwardInput']);
    const avg = report.results.find((x) => x.name === 'AvgPooling.forward');
    expect(avg.failure).toEqual({ kind: 'missing', message: 'AvgPooling is not exported (expected `export class AvgPooling`)' });
  });

  it('unknown_command_and_no_command', async () => {
    for (const args of [['frobnicate'], []]) {
      const r = await cli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('Usage:');
    }
  });

  it('bad_seed_value', async () => {
    const r = await cli(['check', learner('right'), '--seed', 'abc']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--seed must be a non-negative integer, but got "abc"');
  });

  it('help_exits_0', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('poolgrad check FILE.mjs');
  });
});

describe('poolgrad init', () => {
  it('writes_the_template_which_exports_every_name_and_fails_every_check', async () => {
    const file = join(work, 'learner.mjs');
    const made = await cli(['init', file]);
    expect(made.code).toBe(0);
    const text = readFileSync(file, 'utf8');
    for (const name of ['function getOutputShape', 'function maxpool2d', 'class MaxPooling', 'class AvgPooling', 'backwardInput(gradOutput)']) {
      expect(text).toContain(name);
    }
    expect(text).toContain('Hoehe'); // German notebook comments …
    expect(text).toContain('height'); // … with English ones
    const checked = await cli(['check', file, '--json']);
    expect(checked.code).toBe(1);
    const report = JSON.parse(checked.stdout);
    expect(report.results).toHaveLength(7);
    expect(failing(report)).toHaveLength(7);
    expect(report.results[0].failure.message).toContain('nothing was returned');
  }, 60_000);

  it('refuses_to_overwrite_without_force', async () => {
    const file = join(work, 'mine.mjs');
    writeFileSync(file, '// my work\n');
    const refused = await cli(['init', file]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('exists already; use --force');
    expect(readFileSync(file, 'utf8')).toBe('// my work\n');
    const forced = await cli(['init', file, '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('export class MaxPooling');
  });
});

describe('poolgrad check --seed', () => {
  it('seed_changes_the_random_cases_and_is_reported', async () => {
    const [a, b] = await Promise.all([
      cli(['check', learner('pad-zero'), '--json', '--extended', '--seed', '7']),
      cli(['check', learner('pad-zero'), '--json', '--extended', '--seed', '8']),
    ]);
    const [ra, rb] = [JSON.parse(a.stdout), JSON.parse(b.stdout)];
    expect([ra.seed, rb.seed]).toEqual([7, 8]);
    expect(failing(ra)).toEqual(['maxpool2d']);
    expect(failing(rb)).toEqual(['maxpool2d']);
    const passedA = ra.results.find((r) => r.name === 'maxpool2d').passed;
    const passedB = rb.results.find((r) => r.name === 'maxpool2d').passed;
    const labelA = ra.results.find((r) => r.name === 'maxpool2d').failure.label;
    expect(labelA).toContain('seed 7');
    expect(passedA === passedB && labelA === rb.results.find((r) => r.name === 'maxpool2d').failure.label).toBe(false);
  }, 60_000);
});

describe('poolgrad answers input encodings', () => {
  it('utf16_with_a_byte_order_mark_as_windows_powershell_writes_it', async () => {
    const text = readFileSync(answersFile('notebook-wrong'), 'utf8');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const file = join(work, 'output-utf16.txt');
    writeFileSync(file, utf16);
    const r = await cli(['answers', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('expected 16, got 8');
    const piped = await cli(['answers'], { input: utf16 });
    expect(piped.stdout).toContain('3 of 10 judged blocks wrong');
  });
});
