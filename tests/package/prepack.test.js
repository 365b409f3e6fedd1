// `prepack` as a learner installing from git meets it: on a machine without
// Emscripten it must not try to build the wasm. With the wasm built it packs
// that (rebuilding only the one-file page); without it, it stops and names
// the ways that need no Emscripten.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repo } from '../helpers/packed.js';

const work = mkdtempSync(join(tmpdir(), 'poolgrad-prepack-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// A PATH holding only node and bash: no emcc, no cmake.
const bare = join(work, 'bin');
mkdirSync(bare);
symlinkSync(process.execPath, join(bare, 'node'));
symlinkSync('/bin/bash', join(bare, 'bash'));
const prepack = (cwd) => spawnSync(process.execPath, ['scripts/prepack.js'], { cwd, encoding: 'utf8', env: { PATH: bare, HOME: work } });

/**
 * A checkout with the wasm built, for prepack to rebuild web/app and the
 * one-file page in: the real ones are served and packed by other test files
 * running meanwhile. What prepack only reads is linked, not copied.
 */
function builtCheckout() {
  const copy = join(work, 'built');
  for (const dir of ['scripts', 'dist', 'web/js']) cpSync(join(repo, dir), join(copy, dir), { recursive: true });
  for (const file of ['package.json', 'web/index.html', 'web/style.css']) copyFileSync(join(repo, file), join(copy, file));
  for (const dir of ['node_modules', 'js', 'web/vendor']) symlinkSync(join(repo, dir), join(copy, dir));
  rmSync(join(copy, 'dist/poolgrad-aufgabe7.html'), { force: true });
  return copy;
}

describe('prepack without Emscripten', () => {
  it('packs_the_built_wasm_and_rebuilds_only_the_one_file_page', () => {
    const checkout = builtCheckout();
    const r = prepack(checkout);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('Emscripten not found; packing the WebAssembly already in dist/');
    expect(r.stdout).toMatch(/build: \/?dist\/poolgrad-aufgabe7\.html \d+ bytes/);
    expect(statSync(join(checkout, 'dist/poolgrad-aufgabe7.html')).size).toBeGreaterThan(20_000);
    expect(existsSync(join(checkout, 'web/app/main.js'))).toBe(true);
  }, 60_000);

  it('stops_with_the_ways_that_need_no_emscripten_when_nothing_is_built', () => {
    const clone = join(work, 'clone');
    mkdirSync(join(clone, 'scripts'), { recursive: true });
    copyFileSync(join(repo, 'scripts/prepack.js'), join(clone, 'scripts/prepack.js'));
    copyFileSync(join(repo, 'package.json'), join(clone, 'package.json'));
    const r = prepack(clone);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('dist/poolgrad.wasm');
    expect(r.stderr).toContain('needs Emscripten and CMake');
    expect(r.stderr).toContain('npm install poolgrad');
    expect(r.stderr).not.toMatch(/emcc: command not found|cmake: command not found/);
  });
});
