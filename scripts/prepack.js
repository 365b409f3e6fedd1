// `npm pack` / `npm publish` / installing from git run this first. With
// Emscripten (and bash) it runs the full build, as a maintainer expects.
// Without them — a learner installing from git on Windows, say — it packs
// what is already built, and when the wasm is missing it stops with a
// message naming the ways that need no Emscripten. The page's minified
// modules (web/app) and the one-file page only need Node and esbuild, so
// they are rebuilt whenever they can be.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const BUILT = ['dist/poolgrad.mjs', 'dist/poolgrad.wasm', 'dist/poolgrad-scalar.mjs', 'dist/poolgrad-scalar.wasm', 'web/vendor/poolgrad/js/index.js', 'web/vendor/fixtures/pytorch-notebook.json'];

const works = (command, args) => spawnSync(command, args, { stdio: 'ignore', shell: process.platform === 'win32' }).status === 0;
const run = (command, args) => {
  const r = spawnSync(command, args, { cwd: repo, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

if (works('bash', ['-c', 'command -v emcc && command -v cmake'])) {
  run('bash', ['scripts/build.sh']);
} else {
  const missing = BUILT.filter((file) => !existsSync(join(repo, file)));
  if (missing.length) {
    console.error(`poolgrad: cannot pack: ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not built, and building the WebAssembly needs Emscripten and CMake, which this machine lacks.
Ways that need neither:
  npm install poolgrad                        the published package (wasm and page included)
  npm install ./poolgrad-<version>.tgz        a tarball packed where Emscripten is installed (npm pack)
To build here, install Emscripten and CMake (Debian: bash scripts/setup.sh), then run npm run build.`);
    process.exit(1);
  }
  console.error('poolgrad: Emscripten not found; packing the WebAssembly already in dist/');
  if (existsSync(join(repo, 'node_modules/esbuild'))) {
    run(process.execPath, ['scripts/build-page.js']);
    run(process.execPath, ['scripts/build-single.js']);
  }
  else if (!existsSync(join(repo, 'dist/poolgrad-aufgabe7.html'))) {
    console.error('poolgrad: cannot pack: dist/poolgrad-aufgabe7.html is not built and esbuild (a devDependency) is not installed; run npm install first');
    process.exit(1);
  }
}
