// A small static file server for the exercise page (web/): the right MIME
// types (wasm, ES modules), gzip, loopback only. Used by `npx poolgrad page`
// (from the installed package) and by `npm start` (scripts/serve.js).
// Python mode loads Pyodide from vendor/pyodide/: served from web/vendor/pyodide
// when a build copied it there, otherwise straight from the pyodide package
// this package depends on, so the tarball need not carry a second copy.
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';

export const PAGE_ROOT = fileURLToPath(new URL('../web/', import.meta.url));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.zip': 'application/zip',
  '.whl': 'application/zip',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.py': 'text/plain; charset=utf-8',
};

// A dedicated worker does not inherit the page's <meta> CSP: the learner
// workers get theirs from this header. No 'unsafe-eval' (Pyodide needs only
// 'wasm-unsafe-eval'), nothing from another origin; blob: is the JS learner
// module the worker imports.
const WORKER_CSP = "default-src 'none'; script-src 'self' blob: 'wasm-unsafe-eval'; connect-src 'self'";
const WORKERS = new Set(['code-worker.js', 'py-worker.js']);

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg', '.txt', '.py']);

/** The folder of the installed pyodide package, or null when it is missing. */
function pyodideDir() {
  try {
    return dirname(createRequire(import.meta.url).resolve('pyodide/package.json'));
  } catch {
    return null;
  }
}

/** The file for a URL path inside `base`, or null when the path leaves it. */
function inside(base, path) {
  const file = normalize(join(base, path));
  return file === base || file.startsWith(base + sep) ? file : null;
}

async function locate(base, path) {
  const file = inside(base, path);
  if (file) {
    try {
      const info = await stat(file);
      if (!info.isDirectory()) return { file, info };
      const index = join(file, 'index.html');
      return { file: index, info: await stat(index) };
    } catch (error) {
      if (error.code !== 'ENOENT' && error.code !== 'ENOTDIR') throw error;
    }
  }
  const pyodide = path.match(/^\/vendor\/pyodide\/([\w.-]+)$/);
  const dir = pyodide && pyodideDir();
  if (!dir) return null;
  const fallback = join(dir, pyodide[1]);
  try {
    return { file: fallback, info: await stat(fallback) };
  } catch {
    return null;
  }
}

/**
 * Serves `root` on `host`:`port` (0 = any free port); resolves to
 * { server, url } or rejects with the listen error (EADDRINUSE, EACCES, …).
 */
export function serve({ root = PAGE_ROOT, port = 0, host = '127.0.0.1' } = {}) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    let found = null;
    try {
      found = await locate(base, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    } catch {
      found = null;
    }
    if (!found || found.info.isDirectory()) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('not found\n');
      return;
    }
    const { file, info } = found;
    // Revalidation instead of a second download (Python mode's runtime is 13 MB).
    const modified = info.mtime.toUTCString();
    if (req.headers['if-modified-since'] === modified) {
      res.writeHead(304, { 'Last-Modified': modified, 'Cache-Control': 'no-cache' });
      return res.end();
    }
    const gzip = COMPRESSIBLE.has(extname(file)) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    res.writeHead(200, {
      'Last-Modified': modified,
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      ...(gzip ? { 'Content-Encoding': 'gzip' } : { 'Content-Length': info.size }),
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      Vary: 'Accept-Encoding',
      ...(WORKERS.has(basename(file)) ? { 'Content-Security-Policy': WORKER_CSP } : {}),
    });
    if (req.method === 'HEAD') return res.end();
    const body = createReadStream(file);
    body.on('error', () => res.destroy());
    (gzip ? body.pipe(createGzip()) : body).pipe(res);
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      done({ server, url: `http://${host}:${server.address().port}/` });
    });
  });
}
