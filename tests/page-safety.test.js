// Static checks of the page's defences: a strict Content-Security-Policy in
// web/index.html, and no code path in the page, the package or the wasm glue
// that evaluates strings or turns text into markup.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const indexHtml = join(root, 'web/index.html');
const hasPage = existsSync(indexHtml);

function jsFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsFiles(path);
    return /\.(m?js)$/.test(name) ? [path] : [];
  });
}

// Comments may name what the code avoids ("never innerHTML"); strip them.
// Strings are kept: a comment marker inside a string only ends it early,
// which can hide nothing but more string.
function stripComments(source) {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[\s;{}(),])\/\/.*$/gm, '$1');
}

// Each pattern: what it catches and why it is refused.
const FORBIDDEN = [
  [/\beval\s*\(/, 'eval(…) evaluates a string as code'],
  [/\bnew\s+Function\s*\(/, 'new Function(…) evaluates a string as code'],
  [/(^|[^.\w])Function\s*\(\s*['"`]/, 'Function("…") evaluates a string as code'],
  [/\bset(?:Timeout|Interval)\s*\(\s*['"`]/, 'setTimeout/setInterval with a string evaluates it'],
  [/\bdocument\.write(?:ln)?\s*\(/, 'document.write inserts markup'],
  [/\.(?:innerHTML|outerHTML)\s*\+?=\s*(?!\s*(['"])[^'"`$]*\1\s*;?\s*$)/m, 'innerHTML/outerHTML assigned something other than a constant string'],
  [/\.insertAdjacentHTML\s*\(/, 'insertAdjacentHTML inserts markup'],
  [/\.setAttribute\s*\(\s*['"`]on/i, 'an inline event handler attribute is code from a string'],
  [/\bcreateContextualFragment\s*\(/, 'createContextualFragment parses markup'],
];

function violations(files) {
  const found = [];
  for (const file of files) {
    const code = stripComments(readFileSync(file, 'utf8'));
    for (const [pattern, why] of FORBIDDEN) {
      const match = code.match(pattern);
      if (match) found.push(`${relative(root, file)}: ${why}: …${code.slice(Math.max(0, match.index - 30), match.index + 50).replace(/\s+/g, ' ')}…`);
    }
  }
  return found;
}

describe('the scanner itself', () => {
  // Each sample must be caught, or the page checks below prove nothing.
  for (const sample of [
    'eval(text)', 'const f = new Function("a", body);', 'setTimeout("go()", 5)', 'el.innerHTML = answer;',
    'el.innerHTML += `<b>${x}</b>`;', 'out.outerHTML = html', 'el.insertAdjacentHTML("beforeend", s)',
    'btn.setAttribute("onclick", code)', 'document.write(x)', 'Function("return this")()',
  ]) {
    it(`catches: ${sample}`, () => {
      expect(FORBIDDEN.some(([pattern]) => pattern.test(stripComments(sample)))).toBe(true);
    });
  }
  for (const sample of ['el.textContent = answer;', "el.innerHTML = '';", '// never innerHTML = text', 'x.evaluate(y)', 'node.replaceChildren(a)']) {
    it(`lets pass: ${sample}`, () => {
      expect(FORBIDDEN.some(([pattern]) => pattern.test(stripComments(sample)))).toBe(false);
    });
  }
});

describe.skipIf(!hasPage)('page code evaluates no strings and inserts no markup', () => {
  it('web_js_has_no_eval_function_or_html_sinks', () => {
    const files = jsFiles(join(root, 'web')).filter((f) => !f.includes('/vendor/'));
    expect(files.length).toBeGreaterThan(0);
    expect(violations(files)).toEqual([]);
  });

  it('package_js_has_none_either', () => {
    expect(violations(jsFiles(join(root, 'js')))).toEqual([]);
  });

  it('emscripten_glue_has_none_either', () => {
    // DYNAMIC_EXECUTION=0 keeps eval and new Function out of the generated glue.
    const glue = jsFiles(join(root, 'dist'));
    expect(glue.length).toBeGreaterThan(0);
    expect(violations(glue)).toEqual([]);
  });
});

function csp(html) {
  const meta = html.match(/<meta\s+http-equiv=["']Content-Security-Policy["']\s+content=(["'])(.*?)\1/i);
  if (!meta) return null;
  return Object.fromEntries(
    meta[2].split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
      const [name, ...values] = d.split(/\s+/);
      return [name.toLowerCase(), values];
    }),
  );
}

// Everything wrong with the page's policy and script tags, as sentences.
function pageProblems(html) {
  const policy = csp(html);
  if (!policy) return ['no Content-Security-Policy meta tag'];
  const problems = [];
  if (html.search(/http-equiv=["']Content-Security-Policy/i) > html.search(/<script/i)) problems.push('CSP meta tag after a script');
  if (!["'self'", "'none'"].includes((policy['default-src'] ?? []).join(' '))) problems.push(`default-src ${policy['default-src']}`);
  for (const source of policy['script-src'] ?? policy['default-src'] ?? []) {
    if (!["'self'", "'wasm-unsafe-eval'"].includes(source)) problems.push(`script-src allows ${source}`);
  }
  for (const directive of ['default-src', 'script-src', 'script-src-elem', 'worker-src', 'style-src']) {
    for (const source of policy[directive] ?? []) {
      if (/^'unsafe-(inline|eval|hashes)'$|^\*$|^data:$|^blob:$|^https?:$/.test(source)) problems.push(`${directive} allows ${source}`);
    }
  }
  if ((policy['object-src'] ?? []).join(' ') !== "'none'") problems.push("object-src is not 'none'");
  if (!["'none'", "'self'"].includes((policy['base-uri'] ?? []).join(' '))) problems.push('base-uri is not locked');
  for (const [, attributes, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (!/\bsrc=/.test(attributes) || body.trim() !== '') problems.push('an inline script');
  }
  if (/<[a-z][^>]*\son[a-z]+\s*=/i.test(html)) problems.push('an inline event handler');
  if (/javascript:/i.test(html)) problems.push('a javascript: URL');
  if (/<(script|link|img|iframe)\b[^>]*\s(src|href)=["']?(https?:)?\/\//i.test(html)) problems.push('a resource from another origin');
  return problems;
}

describe('the policy checker itself', () => {
  const good = `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'"><script type="module" src="./js/main.js"></script>`;
  it('accepts a strict page', () => expect(pageProblems(good)).toEqual([]));
  for (const [edge, html] of [
    ['no_csp', '<script src="a.js"></script>'],
    ['unsafe_inline', good.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")],
    ['unsafe_eval', good.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'")],
    ['wildcard_default', good.replace("default-src 'self'", 'default-src *')],
    ['cdn_script', good.replace("script-src 'self'", "script-src 'self' https://cdn.example")],
    ['no_object_src', good.replace("object-src 'none'; ", '')],
    ['inline_script', `${good}<script>alert(1)</script>`],
    ['inline_handler', `${good}<button onclick="go()">x</button>`],
    ['foreign_script', `${good}<script src="https://cdn.example/x.js"></script>`],
  ]) {
    it(`refuses_${edge}`, () => expect(pageProblems(html).length).toBeGreaterThan(0));
  }
});

describe.skipIf(!hasPage)('web/index.html has a strict Content-Security-Policy', () => {
  it('csp_strict_no_inline_code_no_foreign_origins', () => {
    const html = readFileSync(indexHtml, 'utf8');
    expect(/<script\b/i.test(html)).toBe(true);
    expect(pageProblems(html)).toEqual([]);
  });
});
