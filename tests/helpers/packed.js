// `npm pack` this repository and install the tarball into an empty folder,
// as a stranger would; shared by the package and CLI tarball tests.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = fileURLToPath(new URL('../..', import.meta.url));

export const run = (command, args, cwd) =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Returns { app, files, remove }: `app` is an empty ES-module project with the tarball installed; `files` the tarball's paths. */
export function installPacked(prefix) {
  const work = mkdtempSync(join(tmpdir(), prefix));
  const [packed] = JSON.parse(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], repo));
  const app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(work, packed.filename)], app);
  return { app, files: packed.files.map((f) => f.path), remove: () => rmSync(work, { recursive: true, force: true }) };
}
