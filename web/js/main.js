// Wiring: loads the package, builds the exercises for the current state,
// and connects buttons, keys and the URL. Pure work happens in parse.js,
// check.js, practice.js, draw.js and solve.js; DOM building in render.js.
import {
  ready, outputShape, maxPool2d, maxPool2dBackward, avgPool2d, avgPool2dBackward, MaxPool2d, AvgPool2d, tensor, toNested, format,
} from '../vendor/poolgrad/js/index.js';
import { loadLang, t, verdictText } from './i18n.js';
import { parseAnswer } from './parse.js';
import { checkAnswer, loadMistakes, markMistake, mistakesFor, mistakesLoaded } from './check.js';
import { exerciseSet, questionInput, NOTEBOOK_AVG_GRAD, NOTEBOOK_OPTIONS } from './practice.js';
import { solve, explain } from './solve.js';
import { createState, loadAnswers, nextSeed, readUrl, saveAnswers, writeUrl } from './state.js';
import { loadTorchFixture, SINGLE_FILE } from './served.js';
import {
  h, unitView, showVerdict, toggleSolution, exerciseHead, heatTables, inputEditor, comparisonView, torchCode,
} from './render.js';

const api = { outputShape, maxPool2d, maxPool2dBackward, avgPool2d, avgPool2dBackward, MaxPool2d, AvgPool2d, tensor, toNested };
const ORDER = ['output-shape', 'maxpool-forward', 'backprop-yx', 'maxpool-backward', 'avgpool-forward', 'avgpool-backward', 'question', 'torch-compare'];

const state = createState(location.search);
const FREE_ANSWER = 'question-free-text';
const units = new Map(); // unit id → { unit, expected }
let torch = null; // { version, cases } or { error }

// --- static texts ---------------------------------------------------------------

function applyStatic() {
  const { lang } = state;
  document.documentElement.lang = lang;
  document.title = `${t(lang, 'title')} · poolgrad`;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(lang, el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-title]')) el.title = t(lang, el.dataset.i18nTitle);
  for (const el of document.querySelectorAll('[data-i18n-aria]')) el.setAttribute('aria-label', t(lang, el.dataset.i18nAria));
  const toggle = document.getElementById('lang-toggle');
  toggle.lang = lang === 'de' ? 'en' : 'de';
  document.getElementById('mode').textContent = state.seed === null ? t(lang, 'modeNotebook') : t(lang, 'modePractice', { seed: state.seed });
  document.getElementById('notebook-mode').hidden = state.seed === null;
  notice('single-file-note', SINGLE_FILE ? t(lang, 'singleFileNote') : null);
  notice('seed-note', state.badSeed === null ? null : t(lang, 'seedInvalid', { seed: state.badSeed.slice(0, 40) }));
  const toc = document.getElementById('toc-list');
  toc.replaceChildren(...ORDER.map((id) => h('li', {}, h('a', { href: `#ex-${id}` }, t(lang, `ex.${id}.title`)))));
}

/** Shows (text) or removes (null) the notice `id` above the exercises. */
function notice(id, text) {
  let el = document.getElementById(id);
  if (text === null) return el?.remove();
  if (!el) {
    el = h('p', { id, class: 'notice' });
    document.querySelector('.howto').before(el);
  }
  el.textContent = text;
}

// --- PyTorch fixture ------------------------------------------------------------------

const fromJson = (v) => (v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v);

function nest(flat, shape) {
  const build = (depth, offset) => {
    if (depth === shape.length) return flat[offset];
    const stride = shape.slice(depth + 1).reduce((a, b) => a * b, 1);
    return Array.from({ length: shape[depth] }, (_, i) => build(depth + 1, offset + i * stride));
  };
  return build(0, 0);
}

async function loadTorch() {
  try {
    const json = await loadTorchFixture();
    const pick = (name) => {
      const c = json.cases.find((x) => x.name === name);
      if (!c) throw new Error(`case ${name} missing`);
      return { ...c, input: c.input.map(fromJson), output: c.output.map(fromJson), gradInput: c.gradInput.map(fromJson) };
    };
    return { version: json.torch, max: pick('notebook_maxpool'), avg: pick('notebook_avgpool') };
  } catch (error) {
    return { error: error.message };
  }
}

function torchUnits() {
  if (torch.error) return [];
  return [torch.max, torch.avg].map((c) => ({
    quantity: 'gradInput',
    answerKey: 'answer.gradInput.torch',
    given: { op: c.op, input: nest(c.input, c.inputShape), options: c.options, gradOutput: nest(c.gradOutput, c.outputShape) },
  }));
}

const maxDiff = (a, b) => {
  let d = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) && Number.isNaN(b[i])) continue;
    if (a[i] === b[i]) continue;
    d = Math.max(d, Math.abs(a[i] - b[i]));
  }
  return a.length === b.length ? d : Infinity;
};

function comparison(c) {
  const x = tensor(nest(c.input, c.inputShape));
  const grad = tensor(nest(c.gradOutput, c.outputShape));
  const rows = [];
  const row = (name, recorded, computed, Type = Float32Array) =>
    rows.push({
      name,
      torchText: format({ data: Type.from(recorded), shape: computed.shape }),
      wasmText: format(computed),
      diff: maxDiff(Array.from(recorded), Array.from(computed.data)),
    });
  if (c.op === 'max') {
    const { output, indices } = maxPool2d(x, c.options);
    row('o_1', c.output, output);
    if (c.indices) row('indices', c.indices, indices, Int32Array);
    row('o_0.grad', c.gradInput, maxPool2dBackward(grad, indices, x.shape));
  } else {
    row('o_1', c.output, avgPool2d(x, c.options));
    row('o_0.grad', c.gradInput, avgPool2dBackward(grad, x.shape, c.options));
  }
  return rows;
}

// --- rendering ------------------------------------------------------------------------

function pictureFor(unit, expected) {
  if (unit.quantity === 'outputShape') {
    return { inputShape: unit.given.inputShape, options: unit.given.options, op: 'max', outShape: Array.from(expected.data) };
  }
  const data = explain(unit, api);
  return { ...data, outShape: data.output.shape };
}

function buildUnit(id, unit, part, parts, withPicture = true, compact = false) {
  const expected = solve(unit, api);
  units.set(id, { unit, expected });
  const solutionText = unit.quantity === 'outputShape' ? `(${Array.from(expected.data).join(', ')})` : format(expected);
  const el = unitView(state.lang, unit, {
    id, part, parts, solutionText, compact, answerKey: unit.answerKey, picture: withPicture ? pictureFor(unit, expected) : null,
  }, state.answers.get(id));
  if (state.checked.has(id)) queueMicrotask(() => check(el));
  if (state.solutions.has(id)) toggleSolution(state.lang, el, true);
  return el;
}

function renderQuestion(section, unit) {
  const { lang } = state;
  const input = state.questionInput;
  const x = tensor(input);
  const grad = tensor(NOTEBOOK_AVG_GRAD);
  const avg = avgPool2dBackward(grad, x.shape, NOTEBOOK_OPTIONS);
  const max = maxPool2dBackward(grad, maxPool2d(x, NOTEBOOK_OPTIONS).indices, x.shape);
  const prev = state.questionPrev ?? { avg: avg.data, max: max.data };
  const diff = (a, b) => new Set(Array.from(a).flatMap((v, i) => (v === b[i] ? [] : [i])));
  const changedAvg = diff(avg.data, prev.avg);
  const changedMax = diff(max.data, prev.max);
  state.questionPrev = { avg: avg.data, max: max.data };
  const badge = (set) => h('span', { class: `pill ${set.size ? 'bad' : 'ok'}` }, set.size ? t(lang, 'changedCells', { n: set.size }) : t(lang, 'unchanged'));

  const onCommit = (ch, r, c, v) => {
    state.questionInput = structuredClone(state.questionInput);
    state.questionInput[0][ch][r][c] = v;
    rerenderQuestion({ focus: [ch, r, c] });
  };
  const free = h('textarea', { id: 'free-answer', rows: 3, class: 'free', placeholder: t(lang, 'freeAnswerHint') });
  // Kept with the typed answers (per exercise set, across reloads).
  free.value = state.answers.get(FREE_ANSWER) ?? '';
  free.addEventListener('input', () => {
    state.answers.set(FREE_ANSWER, free.value);
    saveAnswers(state.seed, state.answers);
  });
  const model = h('p', { class: 'model-answer', id: 'model-answer', hidden: !state.modelShown }, t(lang, 'modelAnswer'));
  const modelButton = h('button', {
    type: 'button', class: 'ghost', 'aria-expanded': String(Boolean(state.modelShown)), 'aria-controls': 'model-answer',
    onclick: () => {
      state.modelShown = !state.modelShown;
      model.hidden = !state.modelShown;
      modelButton.setAttribute('aria-expanded', String(state.modelShown));
      modelButton.textContent = t(lang, state.modelShown ? 'hideModel' : 'showModel');
    },
  }, t(lang, state.modelShown ? 'hideModel' : 'showModel'));

  const id = 'question-1';
  const unitEl = buildUnit(id, { ...unit, given: { ...unit.given, input } }, 1, 1, false);
  section.replaceChildren(
    exerciseHead(lang, 'question', ORDER.indexOf('question') + 1),
    h('div', { class: 'question-lab' },
      h('div', { class: 'lab-input' },
        inputEditor(lang, input, onCommit),
        h('p', { class: 'hint' }, t(lang, 'questionEditHint')),
        h('button', { type: 'button', class: 'secondary', 'data-reroll': '', onclick: () => {
          state.questionRoll += 1;
          state.questionInput = questionInput(state.seed, state.questionRoll);
          rerenderQuestion({});
        } }, `⟳ ${t(lang, 'reroll')}`)),
      h('div', { class: 'lab-grads' },
        h('div', { class: 'lab-grad' }, h('h3', {}, t(lang, 'avgGrad'), ' ', badge(changedAvg)), heatTables(lang, avg, { changed: changedAvg, label: t(lang, 'avgGrad') })),
        h('div', { class: 'lab-grad' }, h('h3', {}, t(lang, 'maxGrad'), ' ', badge(changedMax)), heatTables(lang, max, { changed: changedMax, label: t(lang, 'maxGrad') })),
        h('p', { class: 'hint' }, t(lang, 'sameGradNote')))),
    h('p', { class: 'label unit-lead' }, t(lang, 'questionUnit')),
    unitEl,
    h('div', { class: 'free-answer' },
      h('label', { for: 'free-answer', class: 'label' }, t(lang, 'freeAnswer')), free,
      h('div', { class: 'actions' }, modelButton), model),
  );
}

function rerenderQuestion({ focus }) {
  const section = document.querySelector('[data-exercise="question"]');
  const set = exerciseSet(state.seed, outputShape);
  state.checked.delete('question-1'); // a new input is a new exercise
  renderQuestion(section, set.question[0]);
  if (focus) {
    const [ch, r, c] = focus;
    section.querySelector(`.cellinput[data-ch="${ch}"][data-row="${r}"][data-col="${c}"]`)?.focus();
  } else section.querySelector('[data-reroll]')?.focus();
}

function renderTorch(section) {
  const { lang } = state;
  const n = ORDER.indexOf('torch-compare') + 1;
  if (torch.error) {
    section.replaceChildren(exerciseHead(lang, 'torch-compare', n, { version: '?' }), h('p', { class: 'notice' }, t(lang, 'torchFixtureMissing', { message: torch.error })));
    return;
  }
  const list = torchUnits();
  const cases = [torch.max, torch.avg];
  section.replaceChildren(
    exerciseHead(lang, 'torch-compare', n, { version: torch.version }),
    ...cases.map((c, i) => h('div', { class: 'torch-case' },
      comparisonView(lang, t(lang, c.op === 'max' ? 'caseMax' : 'caseAvg'),
        torchCode({ ...list[i].given, randomInput: c.op === 'avg' }), comparison(c), torch.version),
      buildUnit(`torch-compare-${i + 1}`, list[i], i + 1, 2, false, true))),
  );
}

function render() {
  applyStatic();
  units.clear();
  const set = exerciseSet(state.seed, outputShape);
  state.questionInput ??= set.question[0].given.input;
  for (const id of ORDER) {
    const section = document.querySelector(`[data-exercise="${id}"]`);
    const n = ORDER.indexOf(id) + 1;
    if (id === 'question') renderQuestion(section, set.question[0]);
    else if (id === 'torch-compare') renderTorch(section);
    else {
      const list = set[id];
      section.replaceChildren(exerciseHead(state.lang, id, n), ...list.map((unit, i) => buildUnit(`${id}-${i + 1}`, unit, i + 1, list.length)));
    }
  }
}

// --- checking ---------------------------------------------------------------------------

function check(unitEl) {
  const id = unitEl.dataset.unit;
  const { unit, expected } = units.get(id);
  const parsed = parseAnswer(unitEl.querySelector('[data-answer]').value);
  const result = checkAnswer(parsed, expected, mistakesFor(unit, api));
  state.checked.add(id);
  showVerdict(state.lang, unitEl, result, parsed, Array.from(expected.shape), verdictText(state.lang, result));
  markMistake(unitEl.querySelector('[data-verdict]'), result);
  if (result.state === 'wrong' && !mistakesLoaded()) loadMistakes().then(() => check(unitEl)); // then name the misconception
}

function wire() {
  const main = document.getElementById('main');
  main.addEventListener('click', (event) => {
    const unitEl = event.target.closest('[data-unit]');
    if (!unitEl) return;
    if (event.target.closest('[data-check]')) check(unitEl);
    else if (event.target.closest('[data-solution]')) {
      const id = unitEl.dataset.unit;
      const show = !state.solutions.has(id);
      if (show) state.solutions.add(id);
      else state.solutions.delete(id);
      toggleSolution(state.lang, unitEl, show);
    }
  });
  main.addEventListener('input', (event) => {
    const area = event.target.closest('[data-answer]');
    if (!area) return;
    state.answers.set(area.closest('[data-unit]').dataset.unit, area.value);
    saveAnswers(state.seed, state.answers);
  });
  main.addEventListener('keydown', (event) => {
    const area = event.target.closest('[data-answer]');
    if (area && event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      check(area.closest('[data-unit]'));
    }
  });
  document.getElementById('lang-toggle').addEventListener('click', async () => {
    const lang = state.lang === 'de' ? 'en' : 'de';
    await loadLang(lang);
    state.lang = lang;
    history.replaceState(null, '', writeUrl(state) || location.pathname);
    render();
  });
  const practice = (seed) => {
    Object.assign(state, { seed, badSeed: null, questionRoll: 0, questionInput: null, questionPrev: null, answers: loadAnswers(seed) });
    state.checked.clear();
    state.solutions.clear();
    history.pushState(null, '', writeUrl(state) || location.pathname);
    render();
  };
  document.getElementById('new-exercise').addEventListener('click', () => practice(nextSeed(state.seed)));
  document.getElementById('notebook-mode').addEventListener('click', () => practice(null));
  window.addEventListener('popstate', async () => {
    const { lang, seed, badSeed } = readUrl(location.search);
    await loadLang(lang);
    const seedChanged = seed !== state.seed;
    Object.assign(state, { lang, seed, badSeed });
    if (seedChanged) Object.assign(state, { questionRoll: 0, questionInput: null, questionPrev: null, answers: loadAnswers(seed) });
    render();
  });
}

async function start() {
  const status = document.getElementById('status');
  try {
    await loadLang(state.lang);
    applyStatic();
    status.textContent = t(state.lang, 'loading');
    await ready();
    torch = await loadTorch();
    wire();
    render();
    status.textContent = '';
    status.hidden = true;
    document.body.dataset.ready = 'true';
  } catch (error) {
    status.textContent = t(state.lang, 'loadFailed', { message: error.message });
    status.classList.add('error');
    throw error;
  }
}

start();
