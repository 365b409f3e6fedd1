// The runtime's memory snapshot kept on disk between runs, so a learner's
// second `poolgrad check` skips Pyodide's cold start. The file name holds a
// key over everything the snapshot is made from (Pyodide's files, the Python
// harness, stand-ins and NumPy subset, the setup code) and the contents'
// SHA-256, so a stale or damaged file is never used.
// POOLGRAD_CACHE_DIR chooses the folder, POOLGRAD_CACHE_DIR=off disables it.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PYTHON_ROOT = fileURLToPath(new URL('../../python/', import.meta.url));

/** [[path relative to root, text], …] of every .py file under each root, sorted. */
export function pythonFiles(roots) {
  const found = [];
  for (const root of roots) {
    const walk = (dir) => {
      for (const name of readdirSync(dir).sort()) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) {
          if (name !== '__pycache__') walk(path);
        } else if (name.endsWith('.py')) found.push([relative(root, path).split('\\').join('/'), readFileSync(path, 'utf8')]);
      }
    };
    walk(root);
  }
  return found;
}

/** The cache folder, or null when caching is off. */
export function cacheDir(env = process.env) {
  if (env.POOLGRAD_CACHE_DIR === 'off') return null;
  if (env.POOLGRAD_CACHE_DIR) return env.POOLGRAD_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'poolgrad');
}

function snapshotKey(pythonPath) {
  const hash = createHash('sha256');
  const pyodide = dirname(createRequire(import.meta.url).resolve('pyodide/package.json'));
  for (const name of ['package.json', 'pyodide-lock.json']) hash.update(readFileSync(join(pyodide, name)));
  for (const name of ['runtime-worker.js', 'sandbox.js', 'snapshot-cache.js']) hash.update(readFileSync(new URL(`./${name}`, import.meta.url)));
  for (const [path, text] of pythonFiles([PYTHON_ROOT, ...pythonPath])) hash.update(`${path}\0${text}\0`);
  return hash.digest('hex').slice(0, 24);
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** The cached snapshot for these Python files, or null. Never throws. */
export function readSnapshot(pythonPath = []) {
  try {
    const dir = cacheDir();
    if (!dir) return null;
    const prefix = `python-snapshot-${snapshotKey(pythonPath)}-`;
    const name = readdirSync(dir).find((n) => n.startsWith(prefix) && n.endsWith('.bin'));
    if (!name) return null;
    const bytes = readFileSync(join(dir, name));
    if (sha256(bytes) !== name.slice(prefix.length, -4)) {
      rmSync(join(dir, name), { force: true });
      return null;
    }
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } catch {
    return null;
  }
}

/** Stores a snapshot (replacing older ones); a cache that cannot be written is skipped. */
export function writeSnapshot(bytes, pythonPath = []) {
  try {
    const dir = cacheDir();
    if (!dir) return;
    mkdirSync(dir, { recursive: true });
    const name = `python-snapshot-${snapshotKey(pythonPath)}-${sha256(bytes)}.bin`;
    const temporary = join(dir, `.${name}.${process.pid}.tmp`);
    writeFileSync(temporary, bytes);
    renameSync(temporary, join(dir, name));
    for (const old of readdirSync(dir)) if (old.startsWith('python-snapshot-') && old !== name) rmSync(join(dir, old), { force: true });
  } catch {
    // no cache then: the next run starts cold
  }
}
