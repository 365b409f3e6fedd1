// Who may import whom (README, "Layout"): the page reaches the package only
// through what package.json exports; the package never reaches into the page,
// the CLI or the tests; the checker's modules stay free of Node and DOM APIs
// (the page and the learner's worker load them).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));

const filesUnder = (dir) =>
  readdirSync(join(repo, dir), { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? filesUnder(posix.join(dir, d.name)) : d.name.endsWith('.js') ? [posix.join(dir, d.name)] : [],
  );

// Every module specifier a file imports: static imports and exports, and dynamic import() of a literal or template.
function specifiers(file) {
  const text = readFileSync(join(repo, file), 'utf8').replace(/^\s*\/\/.*$/gm, '');
  const found = [];
  for (const m of text.matchAll(/\b(?:import|export)\s[^'"`;]*?\bfrom\s*(['"])([^'"]+)\1/g)) found.push(m[2]);
  for (const m of text.matchAll(/\bimport\s*(['"])([^'"]+)\1/g)) found.push(m[2]);
  for (const m of text.matchAll(/\bimport\(\s*(['"`])([^'"`]+)\1/g)) found.push(m[2]);
  return found;
}

// The repo path a relative specifier of `file` points to (template parts kept as written).
const target = (file, spec) => posix.normalize(posix.join(posix.dirname(file), spec));

// What the page may import from its copy of the package (web/vendor/poolgrad/
// mirrors the package root; other vendored packages, such as Pyodide, keep their own entry).
const exportedFiles = Object.values(pkg.exports)
  .flatMap((e) => (typeof e === 'string' ? [e] : Object.values(e)))
  .filter((f) => f.endsWith('.js'))
  .map((f) => posix.join('web/vendor/poolgrad', f));

// Files of code mode and the one-file build that still import package files
// one by one (or build-time names), as they do today. The test fails once an
// entry is no longer needed, so the list can only shrink; the way out is an
// entry in package.json's exports.
const NOT_YET_THROUGH_EXPORTS = {
};

describe('import boundaries', () => {
  it('the_page_imports_the_package_only_through_its_exports', () => {
    expect(exportedFiles).toEqual(expect.arrayContaining(['web/vendor/poolgrad/js/index.js', 'web/vendor/poolgrad/js/checker/index.js', 'web/vendor/poolgrad/js/checker/judging.js', 'web/vendor/poolgrad/js/python/browser.js']));
    const outside = {};
    for (const file of filesUnder('web/js')) {
      for (const spec of specifiers(file)) {
        if (!spec.startsWith('.')) {
          outside[file] = [...(outside[file] ?? []), spec]; // bare names cannot resolve in a plain browser page
          continue;
        }
        const to = target(file, spec);
        if (to.startsWith('web/vendor/poolgrad/') && !exportedFiles.includes(to)) {
          outside[file] = [...(outside[file] ?? []), to];
        }
      }
    }
    expect(outside).toEqual(NOT_YET_THROUGH_EXPORTS);
  });

  it('the_package_does_not_import_the_page_the_cli_or_the_tests', () => {
    for (const file of filesUnder('js')) {
      for (const spec of specifiers(file)) {
        if (!spec.startsWith('.')) continue;
        const to = target(file, spec);
        expect(to.startsWith('js/') || to.startsWith('dist/'), `${file} imports ${spec}`).toBe(true);
      }
    }
  });

  it('the_checker_is_pure_no_node_or_dom_and_the_learner_side_not_even_poolgrad', () => {
    for (const file of filesUnder('js/checker')) {
      for (const spec of specifiers(file)) {
        expect(spec.startsWith('node:') || !spec.startsWith('.'), `${file} imports ${spec}`).toBe(false);
      }
      const text = readFileSync(join(repo, file), 'utf8');
      expect(/\b(?:document|window|process)\./.test(text), `${file} uses a DOM or Node global`).toBe(false);
    }
    // The learner's worker imports execute.js: it must not load the WebAssembly core.
    const reach = new Set();
    const walk = (file) => {
      if (reach.has(file)) return;
      reach.add(file);
      for (const spec of specifiers(file)) if (spec.startsWith('.')) walk(target(file, spec));
    };
    walk('js/checker/execute.js');
    expect([...reach].sort()).toEqual(['js/checker/execute.js', 'js/checker/exercises.js']);
  });

  it('the_cli_reaches_the_package_through_relative_paths_inside_it', () => {
    for (const file of filesUnder('bin')) {
      for (const spec of specifiers(file)) {
        if (spec.startsWith('node:')) continue;
        expect(spec.startsWith('../js/') || spec.startsWith('./'), `${file} imports ${spec}`).toBe(true);
      }
    }
  });

  it('every_export_has_its_types_first', () => {
    for (const [name, entry] of Object.entries(pkg.exports)) {
      if (typeof entry === 'string') continue;
      expect(Object.keys(entry)[0], name).toBe('types');
      for (const f of Object.values(entry)) expect(() => readFileSync(join(repo, f)), `${name} → ${f}`).not.toThrow();
    }
  });
});
