#!/usr/bin/env bash
# Builds the wasm module into dist/ (and a copy for the page in web/vendor/)
# and the native test binaries into build/native/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/wasm -j "$JOBS"
# The fallback for engines without WebAssembly SIMD, picked at load time.
emcmake cmake -S . -B build/wasm-scalar -DCMAKE_BUILD_TYPE=Release -DPOOLGRAD_SIMD=OFF >/dev/null
cmake --build build/wasm-scalar -j "$JOBS"
mkdir -p dist
cp build/wasm/poolgrad.mjs build/wasm/poolgrad.wasm dist/
cp build/wasm-scalar/poolgrad-scalar.mjs build/wasm-scalar/poolgrad-scalar.wasm dist/
# Emscripten's glue keeps long names without the closure compiler (not in
# Debian); esbuild (a devDependency through Vite) halves it for the page and
# the tarball. It keeps new URL('….wasm', import.meta.url) intact for bundlers.
for glue in dist/poolgrad.mjs dist/poolgrad-scalar.mjs; do
  node_modules/.bin/esbuild "$glue" --minify --format=esm --log-level=warning --outfile="$glue" --allow-overwrite
done

if [ -z "${POOLGRAD_SKIP_NATIVE:-}" ]; then
  cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/native -j "$JOBS"
fi

# The page imports the package from web/vendor/poolgrad/, so any static
# file server can serve web/ alone.
rm -rf web/vendor/poolgrad
mkdir -p web/vendor/poolgrad
mkdir -p web/vendor/poolgrad/dist
cp -r js web/vendor/poolgrad/
cp dist/poolgrad.mjs dist/poolgrad.wasm dist/poolgrad-scalar.mjs dist/poolgrad-scalar.wasm web/vendor/poolgrad/dist/
# The page's copy is minified file by file (imports stay as they are), and
# so are the page's own modules (web/js → web/app, which index.html loads):
# the page must stay within 200 KB until code mode is opened, even from a
# server that does not compress.
node_modules/.bin/esbuild $(find web/vendor/poolgrad/js -name '*.js') --minify --format=esm --log-level=warning \
  --outdir=web/vendor/poolgrad/js --outbase=web/vendor/poolgrad/js --allow-overwrite
node scripts/build-page.js
# The page shows the notebook's two PyTorch cells as recorded by PyTorch;
# only those cases are copied, to keep the page small.
mkdir -p web/vendor/fixtures
node -e '
const fs = require("fs");
const all = JSON.parse(fs.readFileSync("tests/fixtures/pytorch.json", "utf8"));
const cases = all.cases.filter((c) => c.name === "notebook_maxpool" || c.name === "notebook_avgpool");
fs.writeFileSync("web/vendor/fixtures/pytorch-notebook.json", JSON.stringify({ torch: all.torch, cases }));
'
# Python mode: Pyodide's runtime (CPython in wasm, from the npm package) and
# the checker's Python files, served same-origin; the page loads them only
# when the learner opens Python mode.
node scripts/vendor-python.js
# The whole page as one file (dist/poolgrad-aufgabe7.html), for file:// and a course's LMS.
node scripts/build-single.js
echo "build: dist/poolgrad.wasm $(wc -c < dist/poolgrad.wasm) bytes, dist/poolgrad-scalar.wasm $(wc -c < dist/poolgrad-scalar.wasm) bytes"
