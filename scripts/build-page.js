// Writes web/app/: the page's own modules (web/js), minified file by file
// at the same depth as web/js so every relative URL (../vendor/…, workers,
// language files) resolves alike, and the stylesheet (web/style.css)
// minified. web/index.html loads both from there: the served page must stay
// within 200 KB decoded until code mode is opened, even from a static server
// that does not compress. The sources stay what the Node tests and the
// one-file page (build-single.js) read. `node scripts/build-page.js`;
// scripts/build.sh runs it, and so does the Vitest setup, so the browser
// tests always see the current sources.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const web = fileURLToPath(new URL('../web', import.meta.url));

function modulesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? modulesUnder(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : []);
}

/**
 * Minifies web/js/**.js and web/style.css into web/app/ and returns that folder. Files are
 * overwritten, not the folder removed, so a page being served meanwhile
 * (another test run) never misses a module.
 */
export async function buildPage() {
  const out = join(web, 'app');
  await esbuild.build({
    entryPoints: modulesUnder(join(web, 'js')),
    outdir: out,
    outbase: join(web, 'js'),
    format: 'esm',
    minify: true,
    logLevel: 'warning',
  });
  await esbuild.build({ entryPoints: [join(web, 'style.css')], outdir: out, minify: true, logLevel: 'warning' });
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(`page modules: ${await buildPage()}`);
}
