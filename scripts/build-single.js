// Writes dist/poolgrad-aufgabe7.html: the whole exercise page (wasm, scripts,
// styles, both languages, practice seeds, the PyTorch fixture, JavaScript
// code mode) as one self-contained file that works from file:// offline.
// `node scripts/build-single.js [--out FILE]`; needs dist/ and web/vendor/
// from scripts/build.sh. esbuild comes with Vite (a devDependency).
//
// From file:// nothing may be fetched: the wasm is inlined (gzip + base64,
// passed to the glue as wasmBinary), web/js/served.js is swapped for single-file.js
// (the fixture bundled, the learner's worker started from a Blob URL), and
// the stylesheet and the script are inlined under a CSP that allows exactly
// their hashes.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const repo = fileURLToPath(new URL('..', import.meta.url));
const web = join(repo, 'web');

/** The budget the one-file page must stay within (bytes); tests/e2e/single-file.test.js guards it. */
export const SINGLE_FILE_BUDGET = 250_000;

// The package's browser entry with the wasm inlined, gzipped (a third of its
// size as base64) and unpacked with DecompressionStream (Chromium 80,
// Firefox 113, Safari 16.4). Only the scalar build: it runs on every engine
// with WebAssembly (no SIMD, no bulk memory needed), which matters more for
// a file handed out to a course than speed on the page's small tensors.
function inlinePoolgrad() {
  const wasm = gzipSync(readFileSync(join(repo, 'dist/poolgrad-scalar.wasm')), { level: 9 }).toString('base64');
  return `
import createModule from ${JSON.stringify(join(repo, 'dist/poolgrad-scalar.mjs'))};
import { setLoader } from ${JSON.stringify(join(repo, 'js/loader.js'))};
const WASM_GZIP = ${JSON.stringify(wasm)};
async function wasmBinary() {
  if (typeof DecompressionStream !== 'function') throw new Error(${JSON.stringify(TOO_OLD)});
  const packed = new Blob([Uint8Array.from(atob(WASM_GZIP), (c) => c.charCodeAt(0))]);
  return new Uint8Array(await new Response(packed.stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
}
setLoader(async () => {
  const module = await createModule({ wasmBinary: await wasmBinary() });
  module.poolgradSimd = false;
  return module;
});
export * from ${JSON.stringify(join(repo, 'js/core.js'))};
`;
}

const PYTHON_ELSEWHERE = 'Python mode needs the served page: npx poolgrad page';
const TOO_OLD = 'this browser cannot unpack the WebAssembly (no DecompressionStream); use a current Chrome, Edge, Firefox or Safari, or npx poolgrad page';

// The notebook's two PyTorch cases, as scripts/build.sh picked them for the served page.
const fixture = () => readFileSync(join(web, 'vendor/fixtures/pytorch-notebook.json'), 'utf8');

// ignoreAnnotations: the repository's package.json marks web/js as free of
// side effects (for the package's users), but the page's modules run on import.
async function bundle(entry, plugins, format = 'esm', define = {}) {
  const result = await esbuild.build({
    define,
    ...(typeof entry === 'string' ? { entryPoints: [entry] } : { stdin: entry }),
    bundle: true,
    ignoreAnnotations: true,
    minify: true,
    format,
    target: ['chrome91', 'firefox90', 'safari16'],
    write: false,
    legalComments: 'none',
    logLevel: 'warning',
    plugins,
  });
  return result.outputFiles[0].text;
}

async function workerSource() {
  return bundle(join(web, 'js/code-worker.js'), [vendorToPackage], 'iife');
}

// web/vendor/poolgrad/ is a minified copy of js/ and dist/; bundle the sources instead.
const vendorToPackage = {
  name: 'vendor-to-package',
  setup(build) {
    build.onResolve({ filter: /vendor\/poolgrad\// }, (args) => {
      const target = resolve(args.resolveDir, args.path);
      const rest = target.slice(target.indexOf(`${join('vendor', 'poolgrad')}`) + 'vendor/poolgrad/'.length);
      if (rest === 'js/index.js') return { path: 'poolgrad', namespace: 'single' };
      return { path: join(repo, rest) };
    });
  },
};

function singleFilePlugin() {
  return {
    name: 'single-file',
    setup(build) {
      vendorToPackage.setup(build);
      build.onResolve({ filter: /\/served\.js$/ }, (args) => ({ path: join(args.resolveDir, 'single-file.js') }));
      // Python mode (CPython is 13 MB) needs the served page; its modules stay out of the file.
      build.onResolve({ filter: /(^|\/)(python-[\w-]+|py-worker)\.js$/ }, () => ({ path: 'python', namespace: 'single' }));
      build.onLoad({ filter: /.*/, namespace: 'single' }, (args) => {
        if (args.path === 'poolgrad') return { contents: inlinePoolgrad(), resolveDir: repo, loader: 'js' };
        if (args.path === 'python') return { contents: `throw new Error(${JSON.stringify(PYTHON_ELSEWHERE)});`, loader: 'js' };
        return null;
      });
    },
  };
}

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * The policy of the one-file page. Scripts and styles: only the inlined ones
 * (by hash); blob: for the learner's worker and the learner's code it imports
 * (the worker inherits this policy); 'wasm-unsafe-eval' to compile the wasm;
 * nothing may be fetched or connected to.
 */
export function singleFilePolicy(scriptHash, styleHash) {
  return [
    "default-src 'none'",
    `script-src ${scriptHash} blob: 'wasm-unsafe-eval'`,
    "worker-src blob:",
    `style-src ${styleHash}`,
    'img-src data:',
    "connect-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export async function buildSingle(out = join(repo, 'dist/poolgrad-aufgabe7.html')) {
  const worker = await workerSource();
  // Both module scripts of index.html (web/app is web/js minified), in their order, as one bundle.
  const entry = { contents: "import './main.js';\nimport './code-mode.js';\n", resolveDir: join(web, 'js'), sourcefile: 'single-entry.js' };
  const constants = { POOLGRAD_WORKER_SOURCE: JSON.stringify(worker), POOLGRAD_FIXTURE: fixture() };
  const script = (await bundle(entry, [singleFilePlugin()], 'esm', constants)).replace(/<\/(script)/gi, '<\\/$1').trimEnd();
  const style = (await esbuild.transform(readFileSync(join(web, 'style.css'), 'utf8'), { loader: 'css', minify: true })).code.trimEnd();

  let html = readFileSync(join(web, 'index.html'), 'utf8');
  const replace = (pattern, value) => {
    if (!pattern.test(html)) throw new Error(`web/index.html no longer matches ${pattern}; update scripts/build-single.js`);
    html = html.replace(pattern, () => value);
  };
  replace(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${singleFilePolicy(sha256(script), sha256(style))}">`);
  replace(/<link rel="stylesheet" href="\.\/app\/style\.css">/, `<style>${style}</style>`);
  replace(/\s*<link rel="modulepreload"[^>]*>/, '');
  replace(/\s*<script type="module" src="\.\/app\/main\.js"><\/script>/, '');
  replace(/<script type="module" src="\.\/app\/code-mode\.js"><\/script>/, `<script type="module">${script}</script>`);
  if (/\s(src|href)="\.\//.test(html)) throw new Error('the one-file page still refers to a neighbouring file');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, html);
  return { out, bytes: Buffer.byteLength(html) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--out');
  const { out, bytes } = await buildSingle(i > 0 ? resolve(process.argv[i + 1]) : undefined);
  const note = bytes > SINGLE_FILE_BUDGET ? ` — over the ${SINGLE_FILE_BUDGET}-byte budget` : '';
  console.log(`build: ${out.slice(repo.length)} ${bytes} bytes${note}`);
  if (note) process.exitCode = 1;
}
