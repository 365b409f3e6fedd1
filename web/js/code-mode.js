// The page's "code mode": the learner writes the notebook's functions in
// JavaScript, and the same engine as `npx poolgrad check` tests them.
// Learner code runs only in a Web Worker (code-worker.js) that imports it
// from a Blob URL and is terminated at the deadline, so an endless loop
// never freezes the page and the page's CSP needs no 'unsafe-eval'.
// The engine is loaded on first use, keeping the page's first load small.

import { spawnWorker } from './served.js';

const STORE = 'poolgrad.code.v1';
const OPEN = 'poolgrad.code.open';

const TEXT = {
  de: {
    toggle: 'Eigener Code',
    toggleHint: 'Die Funktionen des Notebooks selbst in JavaScript schreiben und prüfen',
    title: 'Eigener Code: die Notebook-Funktionen in JavaScript',
    intro: 'Schreiben Sie getOutputShape, maxpool2d, MaxPooling und AvgPooling wie im Notebook (verschachtelte Arrays statt NumPy). „Prüfen“ testet jede Funktion mit den Werten des Notebooks und vielen Zufallsfällen; der erste Fehler wird auf den kleinsten Fall verkleinert. Ihr Code bleibt in diesem Browser gespeichert.',
    editorLabel: 'Ihr Code (ES-Modul)',
    keys: 'Tab rückt ein, Umschalt+Tab rückt aus; Esc und dann Tab verlässt das Eingabefeld.',
    run: 'Prüfen',
    running: 'Prüfe …',
    reset: 'Vorlage wiederherstellen',
    resetConfirm: 'Ihren Code durch die leere Vorlage ersetzen?',
    seed: 'Seed',
    checking: (name) => `prüfe ${name} …`,
    allPass: (n) => `Alle ${n} Funktionen richtig.`,
    someFail: (k, n) => `${k} von ${n} Funktionen fehlerhaft.`,
    invalid: (m) => `Nicht prüfbar: ${m}`,
    timeout: 'Zeit überschritten (Endlosschleife?)',
    engineError: (m) => `Die Prüfung konnte nicht starten: ${m}`,
    hint: 'Hinweis: die anderen Funktionen rufen wahrscheinlich getOutputShape auf; beheben Sie diese zuerst.',
  },
  en: {
    toggle: 'Your own code',
    toggleHint: 'Write the notebook’s functions yourself in JavaScript and check them',
    title: 'Your own code: the notebook’s functions in JavaScript',
    intro: 'Write getOutputShape, maxpool2d, MaxPooling and AvgPooling as in the notebook (nested arrays instead of NumPy). “Run checks” tests each one on the notebook’s values and many random cases and shrinks the first failure to the smallest case. Your code stays saved in this browser.',
    editorLabel: 'Your code (an ES module)',
    keys: 'Tab indents, Shift+Tab outdents; Esc then Tab leaves the editor.',
    run: 'Run checks',
    running: 'Checking …',
    reset: 'Restore the template',
    resetConfirm: 'Replace your code with the empty template?',
    seed: 'Seed',
    checking: (name) => `checking ${name} …`,
    allPass: (n) => `All ${n} functions right.`,
    someFail: (k, n) => `${k} of ${n} functions wrong.`,
    invalid: (m) => `Cannot be checked: ${m}`,
    timeout: 'timed out (an endless loop?)',
    engineError: (m) => `The checks could not start: ${m}`,
    hint: 'Hint: the other functions probably call getOutputShape; fix it first.',
  },
};

const lang = () => (document.documentElement.lang === 'en' ? 'en' : 'de');
const tr = (key, ...args) => {
  const v = TEXT[lang()][key];
  return typeof v === 'function' ? v(...args) : v;
};

// The page's CSP has style-src 'self' without 'unsafe-inline', so styles come
// from a constructed stylesheet (CSSOM), not from a <style> element.
const CSS = `
#code-mode { background: var(--card, #fff); border: 1px solid var(--line, #e2e6ef); border-radius: var(--radius, 14px); padding: 1.5rem 1.6rem; margin-bottom: 1.5rem; }
#code-mode h2 { margin: 0 0 .4rem; font-size: 1.35rem; }
#code-mode .code-intro, #code-mode .code-keys { color: var(--muted, #5a6478); margin: 0 0 .6rem; max-width: 80ch; }
#code-mode .code-keys { font-size: .85rem; }
#code-mode textarea.code-editor { display: block; width: 100%; box-sizing: border-box; min-height: 28rem; font: 13px/1.45 var(--mono, monospace); tab-size: 2; white-space: pre; overflow: auto; padding: .8rem; border: 1px solid var(--line, #ccc); border-radius: 10px; background: #fbfcfe; color: var(--ink, #111); resize: vertical; }
#code-mode .code-bar { display: flex; gap: .6rem; align-items: center; flex-wrap: wrap; margin: .8rem 0; }
#code-mode .code-bar input { width: 6rem; }
#code-mode [data-code-summary] { font-weight: 600; margin: .4rem 0; }
#code-mode [data-code-summary][data-state="pass"] { color: var(--ok, #15803d); }
#code-mode [data-code-summary][data-state="fail"], #code-mode [data-code-summary][data-state="invalid"] { color: var(--bad, #b42318); }
#code-mode ol.code-results { list-style: none; padding: 0; margin: 0; }
#code-mode ol.code-results > li { border-top: 1px solid var(--line, #e2e6ef); padding: .45rem 0; }
#code-mode ol.code-results > li > .code-line { font-family: var(--mono, monospace); }
#code-mode li[data-state="pass"] .code-line { color: var(--ok, #15803d); }
#code-mode li[data-state="fail"] .code-line, #code-mode li[data-state="error"] .code-line, #code-mode li[data-state="timeout"] .code-line { color: var(--bad, #b42318); }
#code-mode pre.code-failure { background: var(--cell, #eef1f7); border-radius: 8px; padding: .6rem .8rem; overflow: auto; font-size: 12.5px; margin: .4rem 0 0; }
`;

function addStyles() {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  } catch {
    // Older browsers: the section still works unstyled.
  }
}

const el = (tag, props = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k.startsWith('data-') || k === 'for' || k.startsWith('aria-')) node.setAttribute(k, v);
    else node[k] = v;
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
};

const storage = {
  get(key) {
    try {
      return localStorage.getItem(key);
    } catch {
      return null; // storage disabled: the code simply is not kept
    }
  },
  set(key, value) {
    try {
      localStorage.setItem(key, value);
    } catch {
      /* full or disabled */
    }
  },
};

function deadlineMs() {
  const asked = Number(new URLSearchParams(location.search).get('codeTimeout'));
  return Number.isInteger(asked) && asked > 0 ? asked : 10_000;
}

// --- editor keys -----------------------------------------------------------------

function insert(area, text) {
  // execCommand keeps the browser's undo history; setRangeText is the fallback.
  if (!document.execCommand || !document.execCommand('insertText', false, text)) {
    area.setRangeText(text, area.selectionStart, area.selectionEnd, 'end');
  }
}

function handleKeys(area) {
  let released = false;
  area.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      released = true;
      return;
    }
    if (event.key !== 'Tab' || released || event.ctrlKey || event.altKey || event.metaKey) {
      released = false;
      return;
    }
    event.preventDefault();
    const { value, selectionStart: start, selectionEnd: end } = area;
    const lineStart = value.lastIndexOf('\n', start - 1) + 1;
    if (!event.shiftKey && start === end) {
      insert(area, '  ');
      return;
    }
    // A selection (or Shift+Tab): indent or outdent every selected line.
    const block = value.slice(lineStart, end);
    const changed = event.shiftKey ? block.replace(/^ {1,2}/gm, '') : block.replace(/^/gm, '  ');
    area.setSelectionRange(lineStart, end);
    insert(area, changed);
    area.setSelectionRange(lineStart, lineStart + changed.length);
  });
  area.addEventListener('blur', () => (released = false));
}

// --- the section -------------------------------------------------------------------

const section = document.getElementById('code-mode');
let engine = null;
let view = null;

async function loadEngine() {
  engine ??= Promise.all([
    import('../vendor/poolgrad/js/index.js'),
    import('../vendor/poolgrad/js/checker/run.js'),
    import('../vendor/poolgrad/js/checker/session.js'),
    import('../vendor/poolgrad/js/checker/report.js'),
    import('../vendor/poolgrad/js/checker/template.js'),
  ]).then(([poolgrad, run, session, report, template]) => ({ poolgrad, ...run, ...session, ...report, ...template }));
  return engine;
}

function openSession(source) {
  return (timeoutMs) => {
    const worker = spawnWorker(new URL('./code-worker.js', import.meta.url), 'poolgrad-learner');
    const session = engine.then(({ connect }) =>
      connect(
        {
          post: (m) => worker.postMessage(m),
          listen: (onMessage, onError) => {
            worker.onmessage = (e) => onMessage(e.data);
            worker.onerror = (e) => {
              e.preventDefault();
              onError(new Error(e.message || 'the worker failed'));
            };
            worker.onmessageerror = () => onError(new Error('a result could not be passed back'));
          },
          terminate: () => worker.terminate(),
        },
        timeoutMs,
      ),
    );
    worker.postMessage({ type: 'load', source });
    return session;
  };
}

function build(e) {
  const saved = storage.get(STORE);
  const area = el('textarea', {
    id: 'code-editor',
    className: 'code-editor',
    spellcheck: false,
    autocomplete: 'off',
    wrap: 'off',
    'aria-describedby': 'code-keys',
    value: saved ?? e.templateFor('learner.mjs'),
  });
  area.setAttribute('autocapitalize', 'off');
  let saveTimer = 0;
  area.addEventListener('input', () => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => storage.set(STORE, area.value), 200);
  });
  // Save at once when leaving, so a reload right after typing loses nothing.
  addEventListener('pagehide', () => storage.set(STORE, area.value));
  handleKeys(area);

  const title = el('h2', { id: 'code-title' });
  const intro = el('p', { className: 'code-intro' });
  const label = el('label', { for: 'code-editor' });
  const keys = el('p', { className: 'code-keys', id: 'code-keys' });
  const run = el('button', { type: 'button', id: 'code-run', className: 'primary', 'data-code-run': '' });
  const reset = el('button', { type: 'button', className: 'ghost', id: 'code-reset' });
  const seedLabel = el('label', { for: 'code-seed' });
  const seed = el('input', { type: 'number', id: 'code-seed', min: 0, step: 1, value: 1 });
  const progress = el('span', { id: 'code-progress', 'aria-live': 'polite' });
  const summary = el('p', { 'data-code-summary': '', role: 'status' });
  const results = el('ol', { className: 'code-results', 'data-code-results': '' });

  reset.addEventListener('click', () => {
    if (area.value !== e.templateFor('learner.mjs') && !confirm(tr('resetConfirm'))) return;
    area.value = e.templateFor('learner.mjs');
    storage.set(STORE, area.value);
  });
  run.addEventListener('click', () => runChecksNow());

  section.setAttribute('aria-labelledby', 'code-title');
  section.replaceChildren(
    title, intro, label, area, keys,
    el('div', { className: 'code-bar' }, run, seedLabel, seed, reset, progress),
    summary, results,
  );
  view = { area, title, intro, label, keys, run, reset, seedLabel, seed, progress, summary, results };
  applyText();
}

function applyText() {
  toggle.textContent = tr('toggle');
  toggle.title = tr('toggleHint');
  if (!view) return;
  view.title.textContent = tr('title');
  view.intro.textContent = tr('intro');
  view.label.textContent = tr('editorLabel');
  view.keys.textContent = tr('keys');
  view.run.textContent = view.run.disabled ? tr('running') : tr('run');
  view.reset.textContent = tr('reset');
  view.seedLabel.textContent = tr('seed');
}

// A failure may be wider than the page: one tab stop with a name, so the
// keyboard can scroll it too.
function failureBlock(name, text) {
  const pre = el('pre', { className: 'code-failure', tabIndex: 0, 'aria-label': name }, text);
  pre.setAttribute('role', 'group');
  return pre;
}

function resultItem(e, r) {
  const kind = r.failure?.kind;
  const state = r.passed === r.total ? 'pass' : kind === 'timeout' ? 'timeout' : kind === 'error' || kind === 'crash' || kind === 'missing' ? 'error' : 'fail';
  const mark = state === 'pass' ? '✔' : '✘';
  const extra = state === 'timeout' ? ` — ${tr('timeout')}` : '';
  return el(
    'li',
    { 'data-function': r.name, 'data-state': state },
    el('span', { className: 'code-line' }, `${mark} ${r.name}: ${r.passed}/${r.total}${extra}`),
    r.failure ? failureBlock(r.name, e.describeFailure(r.failure)) : null,
  );
}

async function runChecksNow() {
  const { run, area, summary, results, progress, seed } = view;
  if (run.disabled) return;
  run.disabled = true;
  run.textContent = tr('running');
  summary.textContent = '';
  summary.removeAttribute('data-state');
  results.replaceChildren();
  storage.set(STORE, area.value);
  try {
    const e = await loadEngine();
    const order = e.TARGETS;
    progress.textContent = tr('checking', order[0]);
    const report = await e.runChecks({
      poolgrad: e.poolgrad,
      openSession: openSession(area.value),
      seed: Math.max(0, Math.floor(Number(seed.value) || 0)),
      deadlineMs: deadlineMs(),
      onResult: (r) => {
        results.append(resultItem(e, r));
        const next = order[order.indexOf(r.name) + 1];
        progress.textContent = next ? tr('checking', next) : '';
      },
    });
    if (report.usageError) {
      summary.dataset.state = 'invalid';
      summary.textContent = tr('invalid', report.usageError);
      return;
    }
    const failed = report.results.filter((r) => r.passed !== r.total);
    summary.dataset.state = failed.length ? 'fail' : 'pass';
    summary.textContent = failed.length ? tr('someFail', failed.length, report.results.length) : tr('allPass', report.results.length);
    const shape = failed[0];
    if (failed.length > 1 && shape.name === 'getOutputShape' && ['mismatch', 'error'].includes(shape.failure?.kind)) {
      summary.textContent += ` ${tr('hint')}`;
    }
  } catch (error) {
    summary.dataset.state = 'invalid';
    summary.textContent = tr('engineError', error && error.message ? error.message : String(error));
  } finally {
    progress.textContent = '';
    run.disabled = false;
    run.textContent = tr('run');
  }
}

async function show(open, { focus = true } = {}) {
  if (open && !view) build(await loadEngine());
  section.hidden = !open;
  toggle.setAttribute('aria-expanded', String(open));
  storage.set(OPEN, open ? '1' : '');
  if (open && focus) {
    section.scrollIntoView({ block: 'start' });
    view.area.focus({ preventScroll: true });
  }
}

const toggle = el('button', { type: 'button', id: 'code-mode-toggle', className: 'secondary', 'aria-controls': 'code-mode', 'aria-expanded': 'false' });

if (section) {
  addStyles();
  toggle.addEventListener('click', () => show(section.hidden));
  const bar = document.querySelector('.toolbar') ?? section.parentElement;
  bar.prepend(toggle);
  applyText();
  new MutationObserver(applyText).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  if (storage.get(OPEN) === '1' || location.hash === '#code-mode') show(true, { focus: false });
}
