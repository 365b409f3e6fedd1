// The runtime's snapshot on disk (js/python/snapshot-cache.js): read back
// as written, never used when damaged, stale or switched off.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheDir, readSnapshot, writeSnapshot } from '../../js/python/snapshot-cache.js';

let dir;
const saved = process.env.POOLGRAD_CACHE_DIR;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'poolgrad-cache-'));
  process.env.POOLGRAD_CACHE_DIR = dir;
});
afterEach(() => {
  if (saved === undefined) delete process.env.POOLGRAD_CACHE_DIR;
  else process.env.POOLGRAD_CACHE_DIR = saved;
  rmSync(dir, { recursive: true, force: true });
});

const bytes = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7) & 255);

describe('snapshot cache', () => {
  it('reads_back_what_was_written', () => {
    expect(readSnapshot()).toBeNull();
    writeSnapshot(bytes);
    expect(Array.from(readSnapshot())).toEqual(Array.from(bytes));
  });

  it('a_damaged_file_is_not_used_and_is_removed', () => {
    writeSnapshot(bytes);
    const [name] = readdirSync(dir);
    const damaged = readFileSync(join(dir, name));
    damaged[100] ^= 1;
    writeFileSync(join(dir, name), damaged);
    expect(readSnapshot()).toBeNull();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('other_python_files_make_another_key_and_a_new_snapshot_replaces_the_old', () => {
    writeSnapshot(bytes);
    const extra = mkdtempSync(join(tmpdir(), 'poolgrad-extra-'));
    try {
      writeFileSync(join(extra, 'extra_module.py'), 'X = 1\n');
      expect(readSnapshot([extra])).toBeNull();
      writeSnapshot(bytes.slice(1), [extra]);
      expect(readdirSync(dir)).toHaveLength(1);
      expect(readSnapshot()).toBeNull();
      expect(readSnapshot([extra])).toHaveLength(bytes.length - 1);
    } finally {
      rmSync(extra, { recursive: true, force: true });
    }
  });

  it('off_switches_it_off', () => {
    process.env.POOLGRAD_CACHE_DIR = 'off';
    expect(cacheDir()).toBeNull();
    writeSnapshot(bytes);
    expect(readSnapshot()).toBeNull();
    expect(readdirSync(dir)).toEqual([]);
  });
});
