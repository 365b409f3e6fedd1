// Code mode's panel: the editor, the language control (Python | JavaScript),
// "open notebook" (file input and drag and drop, read locally), the run and
// the results. Learner code runs only in Web Workers terminated at the
// deadline (code-worker.js for JavaScript, py-worker.js for Python), never on
// the page. Texts come from lang/*.js (keys `code.*`), styles from style.css.
import { h } from './render.js';
import { t } from './i18n.js';
import { SINGLE_FILE, spawnWorker } from './served.js';

const STORE = { javascript: 'poolgrad.code.v1', python: 'poolgrad.code.python.v1' };
const LANGUAGE = 'poolgrad.code.language';
const LANGUAGES = ['python', 'javascript'];
// Python needs the served page: a worker cannot be started from a file:// URL
// and CPython (13 MB) is not part of the single-file page.
const PYTHON_HERE = !SINGLE_FILE && location.protocol !== 'file:';

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
  (engine ??= Promise.all([import('../vendor/poolgrad/js/index.js'), import('../vendor/poolgrad/js/checker/index.js')])
    .then(([poolgrad, checker]) => ({ poolgrad, ...checker })));

let python = null;
const loadPython = (stubMessage) =>
  (python ??= Promise.all([
    import('../vendor/poolgrad/js/python/browser.js'),
    import('./python-session.js'),
    import('./python-template.js'),
    fetch(new URL('../vendor/aufgabe7-notebook.py', import.meta.url)),
  ])
    .then(async ([check, session, template, notebook]) => {
      if (!notebook.ok) throw new Error(`vendor/aufgabe7-notebook.py: HTTP ${notebook.status}`);
      return {
        checkPython: check.checkPython,
        template: template.pythonTemplate(await notebook.text()),
        runtime: new session.BrowserPythonRuntime({ spawn: spawnWorker, stubMessage }),
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
  // What the Python harness noted while loading: skipped IPython lines, cells that failed.
  const notes = h('pre', { class: 'code-notes', 'data-code-notes': '', tabindex: 0, hidden: true });
  // What the notebook's own cells printed (check cells, the PyTorch gaps), judged as `poolgrad answers` does.
  const printed = h('pre', { class: 'code-failure', 'data-code-printed': '', tabindex: 0, hidden: true });
  let printedReport = null;
  let noteKey = null; // what the note says, re-worded on a language switch
  let noteParams = {};
  let running = false;

  const say = (key, params = {}, warn = false) => {
    noteKey = key;
    noteParams = params;
    note.classList.toggle('warn', warn);
    note.textContent = key ? t(lang(), key, params) : '';
  };
  // A function that ran out of time, as later loads say it (in the page's language).
  const stubMessage = (target) => t(lang(), 'code.stopped', { name: e.exercise(target)[language === 'python' ? 'python' : 'name'] });
  const startPython = () => loadPython(stubMessage);
  const templateOf = async (which) => (which === 'python' ? (templates.python ??= (await startPython()).template) : templates.javascript);

  async function setLanguage(which, { keepText = false } = {}) {
    language = which;
    select.value = which;
    storage.set(LANGUAGE, which);
    say(null);
    if (!keepText) {
      const text = storage.get(STORE[which]) ?? (which === 'python' && !PYTHON_HERE ? '' : await templateOf(which));
      if (language !== which) return; // switched again while the template loaded
      area.value = text;
    }
    applyText();
    results.replaceChildren();
    summary.textContent = '';
    summary.removeAttribute('data-state');
    if (which === 'python' && !PYTHON_HERE) say('code.pythonFile', {}, true);
    // Opening Python mode starts CPython in the background, so the first check waits less.
    if (which === 'python' && PYTHON_HERE) startPython().then((py) => py.runtime.start()).catch(() => {});
    // Leaving Python mode frees its interpreters (each holds 100+ MB).
    else if (!running) python?.then((py) => py.runtime.close()).catch(() => {});
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
        const notebook = e.readNotebook(text);
        code = e.codeOf(notebook);
        cells = e.codeCells(notebook).length;
      } catch (error) {
        if (!(error instanceof e.NotebookError)) throw error;
        return say('code.notebookBad', { file: name, reason: t(lang(), `code.notebook.${error.key}`, { ...error.params, index: (error.params.index ?? 0) + 1 }) }, true);
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

  // One learner worker for JavaScript, as the engine's openSession wants it.
  const openJsSession = (source, stopped) => (timeoutMs) => {
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
    worker.postMessage({ type: 'load', source, stubs: stopped.map((target) => ({ target, message: stubMessage(target) })) });
    return session;
  };

  async function check() {
    if (running) return;
    running = true;
    run.disabled = true;
    applyText();
    summary.textContent = '';
    summary.removeAttribute('data-state');
    results.replaceChildren();
    notes.hidden = true;
    printed.hidden = true;
    printedReport = null;
    const which = language;
    const source = area.value;
    storage.set(STORE[which], source);
    const options = { poolgrad: e.poolgrad, seed: Math.max(0, Math.floor(Number(seed.value) || 0)), deadlineMs: deadlineMs() };
    const nameOf = (target) => (which === 'python' ? e.exercise(target).python : target);
    const onResult = (r) => {
      results.append(resultItem(r));
      const next = e.TARGETS[e.TARGETS.indexOf(e.exercise(r.name).name) + 1];
      progress.textContent = next ? t(lang(), 'code.checking', { name: nameOf(next) }) : '';
    };
    try {
      let report;
      progress.textContent = t(lang(), 'code.checking', { name: nameOf(e.TARGETS[0]) });
      if (which === 'python') {
        const py = await startPython();
        py.runtime.fresh();
        say('code.pythonStarting');
        await py.runtime.start();
        say(null);
        report = await py.checkPython({ ...options, runtime: py.runtime, submission: { code: source, filename: 'notebook.py' }, onResult });
        notes.textContent = [t(lang(), 'code.notesHeading'), ...(report.notes ?? []).map((n) => `  - ${n}`)].join('\n');
        notes.hidden = !report.notes?.length;
        printedReport = report.answers ?? null;
      } else {
        // Functions that ran out of time fail at once in later loads (code-worker.js),
        // so a loop in getOutputShape costs one deadline, not one per caller.
        const stopped = [];
        report = await e.runChecks({
          ...options,
          openSession: openJsSession(source, stopped),
          onResult: (r) => {
            if (r.failure?.kind === 'timeout') stopped.push(r.name);
            onResult(r);
          },
        });
      }
      if (report.usageError) {
        summary.dataset.state = 'invalid';
        summary.textContent = t(lang(), 'code.invalid', { message: usageText(report.usageError, which) });
        return;
      }
      const failed = report.results.filter((r) => r.passed !== r.total);
      // A wrong printed block fails the check, as in the CLI.
      const printedWrong = (printedReport?.blocks ?? []).filter((b) => b.verdict === 'wrong' || b.verdict === 'invalid').length;
      summary.dataset.state = failed.length || printedWrong ? 'fail' : 'pass';
      summary.textContent = failed.length ? t(lang(), 'code.someFail', { k: failed.length, n: report.results.length }) : t(lang(), 'code.allPass', { n: report.results.length });
      if (printedWrong) summary.textContent += ` ${t(lang(), 'code.printedWrong', { n: printedWrong })}`;
      showPrinted();
      const first = report.results[0];
      if (failed.length > 1 && failed[0] === first && ['mismatch', 'error', 'timeout'].includes(first.failure?.kind)) {
        summary.textContent += ` ${t(lang(), 'code.hint', { name: first.name })}`;
      }
    } catch (error) {
      say(null);
      summary.dataset.state = 'invalid';
      summary.textContent = t(lang(), 'code.engineError', { message: error && error.message ? error.message : String(error) });
    } finally {
      progress.textContent = '';
      running = false;
      run.disabled = which === 'python' && !PYTHON_HERE;
      applyText();
    }
  }

  function showPrinted() {
    printed.hidden = !printedReport;
    if (printedReport) printed.textContent = `${t(lang(), 'code.printedHeading')}\n${e.formatAnswers(printedReport, lang())}`;
  }

  function usageText(message, which) {
    let x;
    if ((x = message.match(/^could not import the module: ([\s\S]*)$/))) return t(lang(), 'code.importFailed', { detail: x[1] });
    if (/^the module exports none of|defines none of/.test(message)) {
      return t(lang(), 'code.noExports', { names: (which === 'python' ? ['get_output_shape', 'maxpool2d', 'MaxPooling_', 'MaxPooling', 'AvgPooling'] : e.EXPORTS).join(', ') });
    }
    return message;
  }

  function resultItem(r) {
    const kind = r.failure?.kind;
    const state = r.passed === r.total ? 'pass' : kind === 'timeout' ? 'timeout' : ['error', 'crash', 'missing'].includes(kind) ? 'error' : 'fail';
    const mark = state === 'pass' ? '✔' : '✘';
    const line = h('span', { class: 'code-line' });
    const details = r.failure ? h('pre', { class: 'code-failure', tabindex: 0 }) : null;
    const item = h('li', { 'data-function': r.name, 'data-state': state, 'data-mistake': r.failure?.mistake ?? null }, line, details);
    // Re-worded on a language switch, like every other text of the panel.
    item.applyText = () => {
      const l = lang();
      line.textContent = `${mark} ${r.name}: ${r.passed}/${r.total}${state === 'timeout' ? ` — ${t(l, 'code.timeoutShort')}` : ''}`;
      if (details) details.textContent = e.describeFailure(r.failure, l, r.name);
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
    summary, notes, results, printed,
  );
  await setLanguage(language);

  return {
    focus() {
      section.scrollIntoView({ block: 'start' });
      area.focus({ preventScroll: true });
    },
    applyText() {
      applyText();
      showPrinted();
      for (const item of results.children) item.applyText?.();
    },
  };
}
