// A tiny static file server for web/: right MIME types (wasm, ES modules),
// loopback only, no caching surprises. `node scripts/serve.js [--port N] [--root DIR]`.
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { createGzip } from 'node:zlib';
import { stat } from 'node:fs/promises';
import { basename, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

// A dedicated worker does not inherit the page's <meta> CSP: the learner
// workers get theirs from this header. No 'unsafe-eval' (Pyodide needs only
// 'wasm-unsafe-eval'), nothing from another origin; blob: is the JS learner
// module the worker imports.
const WORKER_CSP = "default-src 'none'; script-src 'self' blob: 'wasm-unsafe-eval'; connect-src 'self'";
const WORKERS = new Set(['code-worker.js', 'py-worker.js']);

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg', '.txt']);

/** Serves `root` on 127.0.0.1:`port` (0 = any free port); resolves to { server, url }. */
export function serve({ root = fileURLToPath(new URL('../web/', import.meta.url)), port = 0 } = {}) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let file = normalize(join(base, path));
      if (file !== base && !file.startsWith(base + sep)) throw Object.assign(new Error('outside'), { code: 'ENOENT' });
      let info = await stat(file);
      if (info.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file);
      }
      // gzip keeps the page (wasm included) well under its 200 KB transfer budget.
      const gzip = COMPRESSIBLE.has(extname(file)) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
      // Revalidation instead of a second download (Python mode's runtime is 13 MB).
      const modified = info.mtime.toUTCString();
      if (req.headers['if-modified-since'] === modified) {
        res.writeHead(304, { 'Last-Modified': modified, 'Cache-Control': 'no-cache' });
        return res.end();
      }
      res.writeHead(200, {
        'Last-Modified': modified,
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        ...(gzip ? { 'Content-Encoding': 'gzip' } : { 'Content-Length': info.size }),
        'Cache-Control': 'no-cache',
        Vary: 'Accept-Encoding',
        ...(WORKERS.has(basename(file)) ? { 'Content-Security-Policy': WORKER_CSP } : {}),
      });
      if (req.method === 'HEAD') return res.end();
      const body = createReadStream(file);
      (gzip ? body.pipe(createGzip()) : body).pipe(res);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('not found\n');
    }
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => done({ server, url: `http://127.0.0.1:${server.address().port}/` }));
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const wanted = Number(arg('--port') ?? process.env.PORT ?? 8080);
  const root = arg('--root');
  serve({ port: wanted, root }).catch((error) => {
    if (error.code !== 'EADDRINUSE') throw error;
    console.log(`port ${wanted} is busy; using a free one`);
    return serve({ port: 0, root });
  }).then(({ url }) => {
    console.log(`poolgrad exercise page: ${url}`);
    console.log('(Ctrl+C stops the server)');
  });
}
