// Code mode's panel: the editor, the language control (Python | JavaScript),
// "open notebook" (file input and drag and drop, read locally), the run and
// the results. Learner code runs only in Web Workers terminated at the
// deadline (code-worker.js for JavaScript, py-worker.js for Python), never on
// the page. Texts come from lang/*.js (keys `code.*`), styles from style.css.
import { h } from './render.js';
import { t } from './i18n.js';

const ENGINE = '../vendor/poolgrad/js/checker/';
const STORE = { javascript: 'poolgrad.code.v1', python: 'poolgrad.code.python.v1' };
const LANGUAGE = 'poolgrad.code.language';
const LANGUAGES = ['python', 'javascript'];
// Python needs the served page: a worker cannot be started from a file:// URL
// and CPython (13 MB) is not part of the single-file page.
const PYTHON_HERE = location.protocol !== 'file:';

/** The one place that starts a Worker (the single-file build swaps in a Blob-URL worker here). */
export function spawnWorker(url, name) {
  return new Worker(url, { type: 'module', name });
}

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

let engine = null;
const loadEngine = () =>
  (engine ??= Promise.all([
    import('../vendor/poolgrad/js/index.js'),
    import(`${ENGINE}run.js`),
    import(`${ENGINE}session.js`),
    import(`${ENGINE}report.js`),
    import(`${ENGINE}template.js`),
  ]).then(([poolgrad, run, session, report, template]) => ({ poolgrad, ...run, ...session, ...report, ...template })));

let python = null;
const loadPython = () =>
  (python ??= Promise.all([loadEngine(), import('./python-session.js'), import('./python-template.js'), fetch(new URL('../vendor/aufgabe7-notebook.py', import.meta.url))])
    .then(async ([e, session, template, notebook]) => {
      if (!notebook.ok) throw new Error(`vendor/aufgabe7-notebook.py: HTTP ${notebook.status}`);
      return {
        ...session,
        template: template.pythonTemplate(await notebook.text()),
        pool: session.createPythonPool({ spawn: spawnWorker, connect: e.connect }),
      };
    })
    .catch((error) => {
      python = null;
      throw error;
    }));

// --- editor keys ---------------------------------------------------------------

function insert(area, text) {
  // execCommand keeps the browser's undo history; setRangeText is the fallback.
  if (!document.execCommand || !document.execCommand('insertText', false, text)) {
    area.setRangeText(text, area.selectionStart, area.selectionEnd, 'end');
  }
}

function handleKeys(area, indentFor) {
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
    const unit = indentFor();
    const { value, selectionStart: start, selectionEnd: end } = area;
    const lineStart = value.lastIndexOf('\n', start - 1) + 1;
    if (!event.shiftKey && start === end) {
      insert(area, unit);
      return;
    }
    // A selection (or Shift+Tab): indent or outdent every selected line.
    const block = value.slice(lineStart, end);
    const changed = event.shiftKey ? block.replace(new RegExp(`^ {1,${unit.length}}`, 'gm'), '') : block.replace(/^/gm, unit);
    area.setSelectionRange(lineStart, end);
    insert(area, changed);
    area.setSelectionRange(lineStart, lineStart + changed.length);
  });
  area.addEventListener('blur', () => (released = false));
}

// --- notebooks -------------------------------------------------------------------

/** The code cells of a Jupyter notebook (nbformat 4) as one text, cells apart by a blank line. */
export function notebookCode(text) {
  let notebook;
  try {
    notebook = JSON.parse(text);
  } catch (error) {
    throw new Error(`not JSON (${error.message})`);
  }
  if (!notebook || typeof notebook !== 'object' || !Array.isArray(notebook.cells)) throw new Error('it has no "cells" list');
  if (notebook.nbformat !== 4) throw new Error(`nbformat should be 4, but got ${JSON.stringify(notebook.nbformat)}`);
  const cells = notebook.cells.filter((c) => c && c.cell_type === 'code');
  const code = cells.map((c, i) => {
    const source = Array.isArray(c.source) ? c.source.join('') : c.source;
    if (typeof source !== 'string') throw new Error(`code cell ${i + 1} has no source text`);
    return source.replace(/\s+$/, '');
  });
  return { code: `${code.join('\n\n')}\n`, cells: cells.length };
}

// --- failures in the page's language -----------------------------------------------

// The engine words failures in English for the CLI; the page re-words the
// parts it knows and keeps the learner's own error text as it is.
function localMessage(lang, failure, seconds) {
  const m = failure.message ?? '';
  let x;
  if (failure.kind === 'timeout') return t(lang, /^importing/.test(m) ? 'code.msg.timeoutImport' : 'code.msg.timeout', { seconds });
  if (failure.kind === 'crash') return t(lang, 'code.msg.crash', { detail: m.replace(/ \(too much memory\?\)$/, '') });
  if (failure.kind === 'missing') return t(lang, 'code.msg.missing', { name: m.split(' ')[0] });
  if ((x = m.match(/^threw (?:\w*Error: )?(\S+) did not finish in its own check/))) return t(lang, 'code.msg.stopped', { name: x[1] });
  if ((x = m.match(/^threw ([\s\S]*)$/))) return t(lang, 'code.msg.threw', { error: x[1] });
  if ((x = m.match(/^(\d+) of (\d+) cells wrong; first at (\[[^\]]*\]): expected (.*), got (.*)$/))) {
    return t(lang, 'code.msg.cells', { count: x[1], total: x[2], index: x[3], expected: x[4], actual: x[5] });
  }
  if ((x = m.match(/^expected shape (.*), but got shape (.*)$/))) return t(lang, 'code.msg.shape', { expected: x[1], actual: x[2] });
  if ((x = m.match(/^expected an array of shape (.*), but got (.*)$/))) return t(lang, 'code.msg.notArray', { expected: x[1], actual: x[2] });
  return m;
}

function describeFailure(lang, e, failure, { seconds, nameOf }) {
  if (failure.kind === 'missing') return `  → ${t(lang, 'code.msg.missing', { name: nameOf(failure.message.split(' ')[0]) })}`;
  const indent = (text) => text.split('\n').map((line) => `    ${line}`).join('\n');
  const head = [t(lang, `code.fail.${failure.kind}`)];
  if (failure.shrinkSteps) head.push(t(lang, 'code.fail.shrunk', { steps: failure.shrinkSteps }));
  const lines = [`  ${head.join(' – ')}${failure.label ? ` (${t(lang, 'code.fail.case', { label: failure.label })})` : ''}`];
  if (failure.call) lines.push(`  ${t(lang, 'code.fail.call')}: ${failure.call}`);
  for (const [name, value] of Object.entries(failure.inputs ?? {})) {
    if (Array.isArray(value) && Array.isArray(value[0])) lines.push(`  ${name} =`, indent(e.showValue(value)));
    else lines.push(`  ${name} = ${JSON.stringify(value).replace(/,/g, ', ')}`);
  }
  if (failure.kind === 'mismatch') {
    lines.push(`  ${t(lang, 'code.fail.expected')}:`, indent(e.showValue(failure.expected)), `  ${t(lang, 'code.fail.actual')}:`, indent(e.showValue(failure.actual)));
  }
  lines.push(`  → ${localMessage(lang, failure, seconds)}`);
  return lines.join('\n');
}

// --- the panel -----------------------------------------------------------------------

/** Builds the panel into `section`; `lang()` is the page's current language. */
export async function mountPanel(section, lang) {
  const e = await loadEngine();
  const templates = { javascript: e.templateFor('learner.mjs'), python: null };
  const storedLanguage = storage.get(LANGUAGE);
  let language = LANGUAGES.includes(storedLanguage) ? storedLanguage : PYTHON_HERE ? 'python' : 'javascript';

  const select = h('select', { id: 'code-language', 'data-code-language': '' },
    ...LANGUAGES.map((value) => h('option', { value })));
  const file = h('input', { type: 'file', id: 'code-notebook', 'data-notebook': '', accept: '.ipynb,.py,.js,.mjs' });
  const fileLabel = h('label', { for: 'code-notebook' });
  const languageLabel = h('label', { for: 'code-language' });
  const note = h('p', { class: 'code-note', id: 'code-note', 'aria-live': 'polite' });
  const area = h('textarea', { id: 'code-editor', class: 'code-editor', 'data-code': '', spellcheck: 'false', autocomplete: 'off', autocapitalize: 'off', wrap: 'off', 'aria-describedby': 'code-keys code-note' });
  const title = h('h2', { id: 'code-title' });
  const intro = h('p', { class: 'code-intro' });
  const label = h('label', { for: 'code-editor' });
  const keys = h('p', { class: 'code-keys', id: 'code-keys' });
  const run = h('button', { type: 'button', id: 'code-run', class: 'primary', 'data-code-run': '' });
  const reset = h('button', { type: 'button', class: 'ghost', id: 'code-reset' });
  const seedLabel = h('label', { for: 'code-seed' });
  const seed = h('input', { type: 'number', id: 'code-seed', min: 0, step: 1, value: 1 });
  const progress = h('span', { id: 'code-progress', 'aria-live': 'polite' });
  const summary = h('p', { 'data-code-summary': '', role: 'status' });
  const results = h('ol', { class: 'code-results', 'data-code-results': '' });
  let noteKey = null; // what the note says, re-worded on a language switch
  let noteParams = {};
  let running = false;

  const say = (key, params = {}, warn = false) => {
    noteKey = key;
    noteParams = params;
    note.classList.toggle('warn', warn);
    note.textContent = key ? t(lang(), key, params) : '';
  };
  const templateOf = async (which) => (which === 'python' ? (templates.python ??= (await loadPython()).template) : templates.javascript);

  async function setLanguage(which, { keepText = false } = {}) {
    language = which;
    select.value = which;
    storage.set(LANGUAGE, which);
    say(null);
    if (!keepText) area.value = storage.get(STORE[which]) ?? (which === 'python' && !PYTHON_HERE ? '' : await templateOf(which));
    applyText();
    results.replaceChildren();
    summary.textContent = '';
    summary.removeAttribute('data-state');
    if (which === 'python' && !PYTHON_HERE) say('code.pythonFile', {}, true);
    // Opening Python mode starts CPython in the background, so the first check waits less.
    if (which === 'python' && PYTHON_HERE) loadPython().then((py) => py.pool.ready()).catch(() => {});
    run.disabled = running || (which === 'python' && !PYTHON_HERE);
  }

  let saveTimer = 0;
  area.addEventListener('input', () => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => storage.set(STORE[language], area.value), 200);
  });
  // Save at once when leaving, so a reload right after typing loses nothing.
  addEventListener('pagehide', () => storage.set(STORE[language], area.value));
  handleKeys(area, () => (language === 'python' ? '    ' : '  '));
  select.addEventListener('change', () => {
    storage.set(STORE[language], area.value);
    setLanguage(select.value);
  });

  async function readFile(picked) {
    if (!picked) return;
    const name = picked.name;
    const which = /\.(ipynb|py)$/i.test(name) ? 'python' : /\.m?js$/i.test(name) ? 'javascript' : null;
    if (!which) return say('code.notebookKind', { file: name }, true);
    const text = await picked.text();
    let code = text;
    let cells = 1;
    if (/\.ipynb$/i.test(name)) {
      try {
        ({ code, cells } = notebookCode(text));
      } catch (error) {
        return say('code.notebookBad', { file: name, reason: error.message }, true);
      }
    }
    if (which !== language) {
      storage.set(STORE[language], area.value);
      await setLanguage(which, { keepText: true });
    }
    area.value = code;
    storage.set(STORE[which], code);
    say('code.notebookRead', { file: name, cells });
  }
  file.addEventListener('change', () => readFile(file.files[0]).finally(() => (file.value = '')));
  area.addEventListener('dragover', (event) => {
    if (![...(event.dataTransfer?.types ?? [])].includes('Files')) return;
    event.preventDefault();
    area.classList.add('dropping');
  });
  area.addEventListener('dragleave', () => area.classList.remove('dropping'));
  area.addEventListener('drop', (event) => {
    area.classList.remove('dropping');
    if (!event.dataTransfer?.files?.length) return;
    event.preventDefault();
    readFile(event.dataTransfer.files[0]);
  });

  reset.addEventListener('click', async () => {
    const template = await templateOf(language);
    if (area.value !== template && !confirm(t(lang(), 'code.resetConfirm'))) return;
    area.value = template;
    storage.set(STORE[language], area.value);
  });

  function applyText() {
    const l = lang();
    title.textContent = t(l, 'code.title');
    intro.textContent = t(l, `code.intro.${language}`);
    languageLabel.textContent = t(l, 'code.language');
    for (const option of select.options) option.textContent = t(l, `code.language.${option.value}`);
    fileLabel.textContent = t(l, 'code.notebook');
    label.textContent = t(l, `code.editorLabel.${language}`);
    keys.textContent = `${t(l, 'code.keys')} ${t(l, 'code.notebookHint')}`;
    run.textContent = t(l, running ? 'code.running' : 'code.run');
    reset.textContent = t(l, 'code.reset');
    seedLabel.textContent = t(l, 'code.seed');
    if (noteKey) note.textContent = t(l, noteKey, noteParams);
  }

  async function check() {
    if (running) return;
    running = true;
    run.disabled = true;
    applyText();
    summary.textContent = '';
    summary.removeAttribute('data-state');
    results.replaceChildren();
    const which = language;
    const source = area.value;
    storage.set(STORE[which], source);
    const l = lang;
    // Functions that ran out of time: later loads replace them with ones that
    // fail at once (see code-worker.js / python-adapter.js), so a loop in
    // get_output_shape costs one deadline, not one per function calling it.
    const stopped = [];
    const seconds = deadlineMs() / 1000;
    try {
      let openSession;
      let nameOf = (target) => target;
      if (which === 'python') {
        const py = await loadPython();
        nameOf = py.pythonName;
        say('code.pythonStarting');
        await py.pool.ready();
        say(null);
        openSession = py.pool.openSession(source, () => [...stopped]);
      } else {
        openSession = (timeoutMs) => {
          const worker = spawnWorker(new URL('./code-worker.js', import.meta.url), 'poolgrad-learner');
          const session = e.connect(
            {
              post: (m) => worker.postMessage(m),
              listen: (onMessage, onError) => {
                worker.onmessage = (event) => onMessage(event.data);
                worker.onerror = (event) => {
                  event.preventDefault();
                  onError(new Error(event.message || 'the worker failed'));
                };
                worker.onmessageerror = () => onError(new Error('a result could not be passed back'));
              },
              terminate: () => worker.terminate(),
            },
            timeoutMs,
          );
          worker.postMessage({ type: 'load', source, stubs: [...stopped] });
          return session;
        };
      }
      progress.textContent = t(l(), 'code.checking', { name: nameOf(e.TARGETS[0]) });
      const report = await e.runChecks({
        poolgrad: e.poolgrad,
        openSession,
        seed: Math.max(0, Math.floor(Number(seed.value) || 0)),
        deadlineMs: deadlineMs(),
        onResult: (r) => {
          if (r.failure?.kind === 'timeout') stopped.push(r.name);
          results.append(resultItem(r, nameOf, seconds));
          const next = e.TARGETS[e.TARGETS.indexOf(r.name) + 1];
          progress.textContent = next ? t(l(), 'code.checking', { name: nameOf(next) }) : '';
        },
      });
      if (report.usageError) {
        summary.dataset.state = 'invalid';
        summary.textContent = t(l(), 'code.invalid', { message: usageText(report.usageError, nameOf) });
        return;
      }
      const failed = report.results.filter((r) => r.passed !== r.total);
      summary.dataset.state = failed.length ? 'fail' : 'pass';
      summary.textContent = failed.length ? t(l(), 'code.someFail', { k: failed.length, n: report.results.length }) : t(l(), 'code.allPass', { n: report.results.length });
      const shape = failed[0];
      if (failed.length > 1 && shape.name === e.TARGETS[0] && ['mismatch', 'error', 'timeout'].includes(shape.failure?.kind)) {
        summary.textContent += ` ${t(l(), 'code.hint', { name: nameOf(shape.name) })}`;
      }
    } catch (error) {
      summary.dataset.state = 'invalid';
      summary.textContent = t(l(), 'code.engineError', { message: error && error.message ? error.message : String(error) });
    } finally {
      progress.textContent = '';
      running = false;
      run.disabled = which === 'python' && !PYTHON_HERE;
      applyText();
    }
  }

  function usageText(message, nameOf) {
    let x;
    if ((x = message.match(/^could not import the module: ([\s\S]*)$/))) return t(lang(), 'code.importFailed', { detail: x[1] });
    if (/^the module exports none of/.test(message)) return t(lang(), 'code.noExports', { names: ['getOutputShape', 'maxpool2d', 'MaxPooling', 'AvgPooling'].map(nameOf).join(', ') });
    return message;
  }

  function resultItem(r, nameOf, seconds) {
    const kind = r.failure?.kind;
    const state = r.passed === r.total ? 'pass' : kind === 'timeout' ? 'timeout' : ['error', 'crash', 'missing'].includes(kind) ? 'error' : 'fail';
    const mark = state === 'pass' ? '✔' : '✘';
    const line = h('span', { class: 'code-line' });
    const details = r.failure ? h('pre', { class: 'code-failure', tabindex: 0 }) : null;
    const item = h('li', { 'data-function': nameOf(r.name), 'data-state': state }, line, details);
    // Re-worded on a language switch, like every other text of the panel.
    item.applyText = () => {
      const l = lang();
      line.textContent = `${mark} ${nameOf(r.name)}: ${r.passed}/${r.total}${state === 'timeout' ? ` — ${t(l, 'code.timeoutShort')}` : ''}`;
      if (details) details.textContent = describeFailure(l, e, r.failure, { seconds, nameOf });
    };
    item.applyText();
    return item;
  }

  run.addEventListener('click', check);
  section.setAttribute('aria-labelledby', 'code-title');
  section.replaceChildren(
    title, intro,
    h('div', { class: 'code-bar' }, languageLabel, select, fileLabel, file),
    note, label, area, keys,
    h('div', { class: 'code-bar' }, run, seedLabel, seed, reset, progress),
    summary, results,
  );
  await setLanguage(language);

  return {
    focus() {
      section.scrollIntoView({ block: 'start' });
      area.focus({ preventScroll: true });
    },
    applyText() {
      applyText();
      for (const item of results.children) item.applyText?.();
    },
  };
}
