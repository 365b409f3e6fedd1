// DOM building. Every text goes in as a text node or an attribute value
// (never innerHTML), so nothing a learner types can become markup.
import { t, tuple } from './i18n.js';
import { avgDivisor, cellKind, drawnExtent, geometry, heatWeight, sharesPerCell, windowTaps } from './draw.js';

/** Creates an element: attrs (null/false skipped), children (strings become text nodes). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
  return el;
}

/**
 * An element whose content may scroll sideways (code, printed arrays): one
 * tab stop with a name, so keyboard users can scroll it too.
 */
export function scrollable(tag, label, attrs, ...children) {
  return h(tag, { ...attrs, tabindex: 0, role: 'group', 'aria-label': label }, ...children);
}

/** A short display form: integers as they are, others rounded to 4 decimals. */
export function num(v) {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '−inf';
  if (Number.isInteger(v)) return Object.is(v, -0) ? '0' : String(v);
  return String(Number(v.toFixed(4)));
}

const PY_NAMES = {
  kernelSize: 'kernel_size', stride: 'stride', padding: 'padding', dilation: 'dilation',
  ceilMode: 'ceil_mode', countIncludePad: 'count_include_pad', divisorOverride: 'divisor_override',
};

/** Python keyword arguments for options: kernel_size=(3, 3), stride=(2, 2). */
export function pythonArgs(options) {
  return Object.entries(options).map(([k, v]) => {
    const value = Array.isArray(v) ? tuple(v) : typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v);
    return `${PY_NAMES[k] ?? k}=${value}`;
  });
}

// --- tensors as tables --------------------------------------------------------

/** Splits a shape into planes: [{ label parts, offset, rows, cols, pair }]. */
function planes(shape, pairs) {
  const dims = pairs ? shape.slice(0, -1) : shape.slice();
  if (dims.length === 1) return [{ lead: [], offset: 0, rows: 1, cols: dims[0] }];
  const rows = dims.at(-2);
  const cols = dims.at(-1);
  const lead = dims.slice(0, -2);
  const count = lead.reduce((a, b) => a * b, 1);
  const per = rows * cols * (pairs ? 2 : 1);
  return Array.from({ length: count }, (_, p) => {
    const index = [];
    let rest = p;
    for (let d = lead.length - 1; d >= 0; d--) {
      index[d] = rest % lead[d];
      rest = Math.floor(rest / lead[d]);
    }
    return { lead: index, offset: p * per, rows, cols };
  });
}

function planeCaption(lang, lead) {
  if (lead.length === 0) return null;
  if (lead.length === 2 && lead[0] === 0) return t(lang, 'channel', { c: lead[1] });
  return `[${lead.join(', ')}]`;
}

/**
 * Tables for a tensor (one per plane). values: flat numbers; shape; options:
 * { pairs: last axis of 2 drawn as "(y, x)", wrong: Set of flat indices, caption }.
 */
export function tensorTables(lang, values, shape, { pairs = false, wrong = null, label = '' } = {}) {
  const wrap = h('div', { class: 'tensor' });
  for (const plane of planes(shape, pairs)) {
    const caption = planeCaption(lang, plane.lead);
    const table = h('table', { class: 'grid' });
    table.append(h('caption', { class: caption ? null : 'sr-only' }, caption ?? label));
    const body = h('tbody');
    for (let r = 0; r < plane.rows; r++) {
      const tr = h('tr');
      for (let c = 0; c < plane.cols; c++) {
        const at = plane.offset + (r * plane.cols + c) * (pairs ? 2 : 1);
        const text = pairs ? `${num(values[at])}, ${num(values[at + 1])}` : num(values[at]);
        const bad = wrong && (wrong.has(at) || (pairs && wrong.has(at + 1)));
        tr.append(h('td', { class: bad ? 'wrong' : null }, text, bad ? h('span', { class: 'sr-only' }, ' ✗') : null));
      }
      body.append(tr);
    }
    table.append(body);
    wrap.append(table);
  }
  return wrap;
}

// --- roving focus for grids of buttons ----------------------------------------

/**
 * Makes the buttons of `grid` one tab stop: arrow keys, Home and End move
 * between them; focus or hover calls onActivate(button).
 */
export function roving(grid, onActivate) {
  const items = () => Array.from(grid.querySelectorAll('[data-row]'));
  const at = (r, c, table) => table.querySelector(`[data-row="${r}"][data-col="${c}"]`);
  grid.addEventListener('keydown', (event) => {
    const current = event.target.closest('[data-row]');
    if (!current) return;
    const table = current.closest('table');
    const r = Number(current.dataset.row);
    const c = Number(current.dataset.col);
    const moves = { ArrowUp: [r - 1, c], ArrowDown: [r + 1, c], ArrowLeft: [r, c - 1], ArrowRight: [r, c + 1] };
    let next = null;
    if (moves[event.key]) next = at(...moves[event.key], table);
    else if (event.key === 'Home') next = table.querySelector('[data-row]');
    else if (event.key === 'End') next = Array.from(table.querySelectorAll('[data-row]')).at(-1);
    if (!next) return;
    event.preventDefault();
    focusItem(next);
  });
  const focusItem = (item) => {
    for (const other of items()) other.tabIndex = other === item ? 0 : -1;
    item.focus();
  };
  grid.addEventListener('focusin', (event) => {
    const item = event.target.closest('[data-row]');
    if (!item) return;
    for (const other of items()) other.tabIndex = other === item ? 0 : -1;
    onActivate(item);
  });
  grid.addEventListener('pointerover', (event) => {
    const item = event.target.closest('[data-row]');
    if (item) onActivate(item);
  });
  const all = items();
  all.forEach((item, i) => (item.tabIndex = i === 0 ? 0 : -1));
}

// --- the window picture ----------------------------------------------------------

/**
 * The window explorer for one unit. data: { input?, inputShape?, output?,
 * indices?, gradOutput?, gradInput?, contributions?, options, op, outShape }.
 * Per channel: the padded input, the output cells (buttons), and for backward
 * units the gradient heat map (buttons too: each tells how its sum arises).
 */
export function explorer(lang, data) {
  const { options, op } = data;
  const inShape = data.input ? data.input.shape : [1, 1, ...data.inputShape];
  const [H, W] = inShape.slice(-2);
  const outShape = data.outShape;
  const [OH, OW] = outShape.slice(-2);
  const channels = inShape.length === 4 ? inShape[0] * inShape[1] : inShape[0];
  const geo = geometry(options);
  const extent = drawnExtent([H, W], options, [OH, OW]);
  const backward = Boolean(data.gradInput);
  const describe = h('p', { class: 'describe', 'aria-live': 'polite' }, t(lang, 'pictureHint'));
  const root = h('div', { class: 'explorer' });
  const maxAbs = backward ? Math.max(...Array.from(data.gradInput.data, Math.abs)) : 0;
  const rows = [];

  for (let ch = 0; ch < channels; ch++) {
    const plane = ch * H * W;
    const outPlane = ch * OH * OW;
    const inputCells = new Map();
    const inTable = h('table', { class: 'grid picture-input' });
    inTable.append(h('caption', {}, channels > 1 ? `${t(lang, 'input')} · ${t(lang, 'channel', { c: ch })}` : t(lang, 'input')));
    const inBody = h('tbody');
    for (let r = extent.r0; r <= extent.r1; r++) {
      const tr = h('tr');
      for (let c = extent.c0; c <= extent.c1; c++) {
        const kind = cellKind([H, W], options, r, c);
        const value = kind === 'in' && data.input ? num(data.input.data[plane + r * W + c]) : '';
        const td = h('td', { class: `k-${kind}`, 'aria-label': kind === 'in' ? t(lang, 'cellLabel', { r, c, v: value || '·' }) : t(lang, 'padCellLabel', { r, c }) }, value);
        inputCells.set(`${r},${c}`, td);
        tr.append(td);
      }
      inBody.append(tr);
    }
    inTable.append(inBody);

    const outTable = h('table', { class: 'grid picture-output' });
    outTable.append(h('caption', {}, backward ? t(lang, 'gradOutput') : t(lang, 'outputCells')));
    const outBody = h('tbody');
    for (let i = 0; i < OH; i++) {
      const tr = h('tr');
      for (let j = 0; j < OW; j++) {
        const k = outPlane + i * OW + j;
        const value = backward ? num(data.gradOutput.data[k]) : data.output ? num(data.output.data[k]) : `${i},${j}`;
        tr.append(h('td', {}, h('button', {
          type: 'button', class: 'cellbtn', 'data-row': i, 'data-col': j, 'data-ch': ch, 'data-k': k,
          'aria-label': `${t(lang, 'outCellLabel', { ch, i, j })}: ${value}`,
        }, value)));
      }
      outBody.append(tr);
    }
    outTable.append(outBody);

    let heatTable = null;
    let shares = null;
    if (backward) {
      shares = sharesPerCell(data.contributions, plane, H * W, outPlane, OH * OW);
      heatTable = h('table', { class: 'grid picture-heat' });
      heatTable.append(h('caption', {}, t(lang, 'gradInputHeat')));
      const heatBody = h('tbody');
      for (let r = 0; r < H; r++) {
        const tr = h('tr');
        for (let c = 0; c < W; c++) {
          const v = data.gradInput.data[plane + r * W + c];
          const btn = h('button', {
            type: 'button', class: `cellbtn heat ${v < 0 ? 'neg' : 'pos'}`, 'data-row': r, 'data-col': c, 'data-ch': ch, 'data-heat': '',
            'aria-label': t(lang, 'heatLabel', { r, c, v: num(v) }),
          }, num(v));
          btn.style.setProperty('--w', heatWeight(v, maxAbs).toFixed(3));
          inputCells.set(`heat:${r},${c}`, btn);
          tr.append(h('td', {}, btn));
        }
        heatBody.append(tr);
      }
      heatTable.append(heatBody);
    }

    const row = h('div', { class: 'picture-row' }, inTable, h('span', { class: 'arrow', 'aria-hidden': 'true' }, '→'), outTable,
      heatTable ? h('span', { class: 'arrow', 'aria-hidden': 'true' }, '→') : null, heatTable);
    rows.push({ row, inputCells, outTable, heatTable, shares, ch, plane, outPlane });
    root.append(row);
  }

  // What one output cell k sends to one input cell: max pooling the whole
  // gradient, average pooling its share, written 1/9·3 (the window's
  // 1/divisor of gradient 3), so a sum names every window's part.
  const shareText = (k, value) => {
    if (op !== 'avg') return num(value);
    const g = data.gradOutput.data[k];
    const d = avgDivisor(g, value);
    return `1/${d < 0 ? `(${num(d)})` : d}·${g < 0 ? `(${num(g)})` : num(g)}`;
  };

  const clear = () => {
    for (const el of root.querySelectorAll('table .tap, table .gap, table .argmax, table .active, table .target, table .source')) {
      el.classList.remove('tap', 'gap', 'argmax', 'active', 'target', 'source');
    }
  };

  const activateOutput = (btn) => {
    clear();
    btn.classList.add('active');
    const info = rows[Number(btn.dataset.ch)];
    const i = Number(btn.dataset.row);
    const j = Number(btn.dataset.col);
    const k = Number(btn.dataset.k);
    const taps = windowTaps([H, W], options, [i, j]);
    const rs = taps.map((x) => x.r);
    const cs = taps.map((x) => x.c);
    const [r0, r1, c0, c1] = [Math.min(...rs), Math.max(...rs), Math.min(...cs), Math.max(...cs)];
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) info.inputCells.get(`${r},${c}`)?.classList.add('gap');
    for (const tap of taps) {
      const td = info.inputCells.get(`${tap.r},${tap.c}`);
      td?.classList.remove('gap');
      td?.classList.add('tap');
    }
    let text = t(lang, 'describeWindow', { i, j, ch: info.ch, r0, r1, c0, c1 });
    if (geo.dilation[0] > 1 || geo.dilation[1] > 1) text += t(lang, 'describeDilation', { d: tuple(geo.dilation) });
    const padded = taps.filter((x) => !x.inside).length;
    if (padded) text += t(lang, 'describePad', { n: padded });
    if (op === 'max' && data.indices) {
      const flat = data.indices.data[k];
      if (flat >= 0) {
        const r = Math.floor(flat / W);
        const c = flat % W;
        info.inputCells.get(`${r},${c}`)?.classList.add('argmax');
        const tap = taps.find((x) => x.r === r && x.c === c);
        text += t(lang, 'describeArgmax', { v: num(data.input.data[info.plane + flat]), y: tap.ky, x: tap.kx });
      }
    } else if (op === 'avg' && data.output && !backward) {
      text += t(lang, 'describeAvg', { v: num(data.output.data[k]) });
    }
    if (backward) {
      const targets = [];
      info.shares.forEach((list, cell) => {
        const share = list.find((s) => s.from === k - info.outPlane);
        if (!share) return;
        info.inputCells.get(`heat:${Math.floor(cell / W)},${cell % W}`)?.classList.add('target');
        targets.push(`(${Math.floor(cell / W)}, ${cell % W}) += ${shareText(k, share.value)}`);
      });
      text += t(lang, 'describeGrad', { g: num(data.gradOutput.data[k]), targets: targets.join(', ') || t(lang, 'noneInside') });
    }
    describe.textContent = text;
  };

  const activateHeat = (btn) => {
    clear();
    btn.classList.add('active');
    const info = rows[Number(btn.dataset.ch)];
    const r = Number(btn.dataset.row);
    const c = Number(btn.dataset.col);
    const list = info.shares[r * W + c];
    for (const s of list) info.outTable.querySelector(`[data-k="${info.outPlane + s.from}"]`)?.classList.add('source');
    info.inputCells.get(`${r},${c}`)?.classList.add('tap');
    const v = data.gradInput.data[info.plane + r * W + c];
    const sum = list.length ? list.map((s) => shareText(info.outPlane + s.from, s.value)).join(' + ').replace(/\+ -/g, '− ') : '0';
    describe.textContent = t(lang, 'describeHeat', { r, c, v: num(v), sum });
  };

  for (const info of rows) {
    roving(info.outTable, activateOutput);
    if (info.heatTable) roving(info.heatTable, activateHeat);
  }

  const legend = h('ul', { class: 'legend', 'aria-hidden': 'true' },
    h('li', {}, h('span', { class: 'swatch tap' }), t(lang, 'legendWindow')),
    op === 'max' && data.indices ? h('li', {}, h('span', { class: 'swatch argmax' }), t(lang, 'legendArgmax')) : null,
    geo.padding[0] + geo.padding[1] > 0 ? h('li', {}, h('span', { class: 'swatch k-pad' }), t(lang, 'legendPad')) : null,
    geo.dilation[0] > 1 || geo.dilation[1] > 1 ? h('li', {}, h('span', { class: 'swatch gap' }), t(lang, 'legendGap')) : null,
  );
  root.append(legend, describe);
  return root;
}

// --- exercises and units ----------------------------------------------------------

function chips(items) {
  return h('ul', { class: 'chips' }, items.map((text) => h('li', {}, h('code', {}, text))));
}

/** The JSON text of data-given: inputShape or input, options, gradOutput, as named in the API. */
export function givenJson(given) {
  return JSON.stringify(given);
}

/**
 * One checkable unit. ctx: { id, part, parts, expected, picture (explorer data or null), answerKey }.
 */
export function unitView(lang, unit, ctx, saved) {
  const g = unit.given;
  const answerId = `answer-${ctx.id}`;
  const verdictId = `verdict-${ctx.id}`;
  const solutionId = `solution-${ctx.id}`;
  const givens = h('div', { class: 'givens' });
  if (unit.quantity === 'outputShape') {
    givens.append(chips([`input_shape=${tuple(g.inputShape)}`, ...pythonArgs(g.options)]));
  } else {
    givens.append(chips(pythonArgs(g.options)));
  }
  if (unit.quantity !== 'outputShape' && !ctx.compact) {
    const tensors = h('div', { class: 'given-tensors' });
    tensors.append(h('figure', {}, h('figcaption', {}, `${t(lang, 'input')} ${tuple(shapeOf(g.input))}`), tensorTables(lang, g.input.flat(Infinity), shapeOf(g.input), { label: t(lang, 'input') })));
    if (g.gradOutput) {
      tensors.append(h('figure', {}, h('figcaption', {}, `${t(lang, 'gradOutput')} ${tuple(shapeOf(g.gradOutput))}`), tensorTables(lang, g.gradOutput.flat(Infinity), shapeOf(g.gradOutput), { label: t(lang, 'gradOutput') })));
    }
    givens.append(tensors);
  }
  const answerLabel = t(lang, ctx.answerKey ?? `answer.${unit.quantity}`);
  const textarea = h('textarea', {
    id: answerId, 'data-answer': unit.quantity, spellcheck: 'false', autocomplete: 'off', autocapitalize: 'off',
    rows: unit.quantity === 'outputShape' ? 1 : 5,
    placeholder: t(lang, { outputShape: 'placeholderShape', backpropYX: 'placeholderYX' }[unit.quantity] ?? 'placeholder'),
    'aria-describedby': verdictId,
  });
  textarea.value = saved ?? '';
  const solution = h('div', { class: 'solution', id: solutionId, hidden: true },
    h('p', { class: 'solution-title' }, t(lang, 'solution')),
    scrollable('pre', t(lang, 'solution'), { class: 'numpy' }, ctx.solutionText));
  const el = h('div', { class: 'unit', 'data-unit': ctx.id },
    ctx.parts > 1 ? h('h3', { class: 'unit-title' }, t(lang, 'partN', { n: ctx.part })) : null,
    h('div', { class: 'unit-given' }, h(ctx.parts > 1 ? 'h4' : 'h3', { class: 'label' }, t(lang, 'given')), givens,
      h('details', { class: 'json' }, h('summary', {}, t(lang, 'asJson')), scrollable('pre', t(lang, 'asJson'), { 'data-given': '' }, givenJson(g)))),
    h('div', { class: 'unit-answer' },
      h('label', { for: answerId, class: 'label' }, answerLabel),
      textarea,
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'primary', 'data-check': '' }, t(lang, 'check')),
        h('button', { type: 'button', class: 'ghost', 'data-solution': '', 'aria-expanded': 'false', 'aria-controls': solutionId }, t(lang, 'showSolution'))),
      h('p', { class: 'verdict', id: verdictId, 'data-verdict': '', 'data-state': '', role: 'status', 'aria-live': 'polite' }),
      h('div', { class: 'feedback' }),
      solution),
    ctx.picture ? h('details', { class: 'picture' }, h('summary', {}, t(lang, 'picture')), explorer(lang, ctx.picture)) : null,
  );
  return el;
}

export function shapeOf(nested) {
  const shape = [];
  for (let level = nested; Array.isArray(level); level = level[0]) shape.push(level.length);
  return shape;
}

/** Writes a check result into a unit: verdict state and text, wrong cells drawn. */
export function showVerdict(lang, unitEl, result, parsed, expectedShape, text) {
  const verdict = unitEl.querySelector('[data-verdict]');
  verdict.dataset.state = result.state;
  verdict.textContent = text;
  const feedback = unitEl.querySelector('.feedback');
  feedback.replaceChildren();
  if (result.reason.key === 'cells' && expectedShape.length > 1) {
    const pairs = unitEl.querySelector('[data-answer]').dataset.answer === 'backpropYX';
    feedback.append(h('p', { class: 'label' }, t(lang, 'yourAnswer')),
      tensorTables(lang, parsed.values, expectedShape, { pairs, wrong: new Set(result.wrong), label: t(lang, 'yourAnswer') }));
  }
}

export function toggleSolution(lang, unitEl, show) {
  const button = unitEl.querySelector('[data-solution]');
  unitEl.querySelector('.solution').hidden = !show;
  button.setAttribute('aria-expanded', String(show));
  button.textContent = t(lang, show ? 'hideSolution' : 'showSolution');
}

/** The heading and intro of exercise n. */
export function exerciseHead(lang, id, n, params = {}) {
  return h('header', { class: 'exercise-head' },
    h('span', { class: 'badge', 'aria-hidden': 'true' }, String(n)),
    h('div', {},
      h('p', { class: 'eyebrow' }, t(lang, 'exerciseN', { n })),
      h('h2', { id: `title-${id}` }, t(lang, `ex.${id}.title`)),
      h('p', { class: 'intro' }, t(lang, `ex.${id}.intro`, params))));
}

// --- the Verständnisfrage -------------------------------------------------------------

/** A gradient heat map (plain table); cells in `changed` are marked. */
export function heatTables(lang, grad, { changed, label }) {
  const [H, W] = grad.shape.slice(-2);
  const maxAbs = Math.max(...Array.from(grad.data, Math.abs));
  const wrap = h('div', { class: 'tensor' });
  const channels = grad.data.length / (H * W);
  for (let ch = 0; ch < channels; ch++) {
    const table = h('table', { class: 'grid heatmap' });
    table.append(h('caption', {}, `${label} · ${t(lang, 'channel', { c: ch })}`));
    const body = h('tbody');
    for (let r = 0; r < H; r++) {
      const tr = h('tr');
      for (let c = 0; c < W; c++) {
        const at = ch * H * W + r * W + c;
        const v = grad.data[at];
        const td = h('td', { class: `heat ${v < 0 ? 'neg' : 'pos'}${changed.has(at) ? ' changed' : ''}` }, num(v),
          changed.has(at) ? h('span', { class: 'sr-only' }, ' *') : null);
        td.style.setProperty('--w', heatWeight(v, maxAbs).toFixed(3));
        tr.append(td);
      }
      body.append(tr);
    }
    table.append(body);
    wrap.append(table);
  }
  return wrap;
}

/** Editable input grid: one tab stop, arrow keys move, typing a number and Enter (or leaving) commits. */
export function inputEditor(lang, input, onCommit) {
  const [, C, H, W] = shapeOf(input);
  const wrap = h('div', { class: 'tensor editor' });
  for (let ch = 0; ch < C; ch++) {
    const table = h('table', { class: 'grid' });
    table.append(h('caption', {}, `${t(lang, 'questionInput')} · ${t(lang, 'channel', { c: ch })}`));
    const body = h('tbody');
    for (let r = 0; r < H; r++) {
      const tr = h('tr');
      for (let c = 0; c < W; c++) {
        const field = h('input', {
          type: 'text', inputmode: 'decimal', class: 'cellinput', value: String(input[0][ch][r][c]),
          'data-row': r, 'data-col': c, 'data-ch': ch, 'aria-label': `${t(lang, 'channel', { c: ch })}, ${t(lang, 'cellLabel', { r, c, v: input[0][ch][r][c] })}`,
        });
        const commit = () => {
          const v = Number(field.value.replace(',', '.'));
          if (field.value.trim() !== '' && Number.isFinite(v) && v !== input[0][ch][r][c]) onCommit(ch, r, c, v);
          else field.value = String(input[0][ch][r][c]);
        };
        field.addEventListener('change', commit);
        // Typing replaces the cell's number instead of appending to it,
        // whether the cell was reached by Tab, arrow keys or a click.
        let focusedByPointer = false;
        field.addEventListener('mousedown', () => (focusedByPointer = document.activeElement !== field));
        field.addEventListener('focus', () => field.select());
        field.addEventListener('mouseup', (event) => {
          if (focusedByPointer) event.preventDefault();
          focusedByPointer = false;
        });
        field.addEventListener('keydown', (event) => {
          if (event.key === 'Enter') commit();
        });
        tr.append(h('td', {}, field));
      }
      body.append(tr);
    }
    table.append(body);
    roving(table, () => {});
    wrap.append(table);
  }
  return wrap;
}

// --- PyTorch comparison --------------------------------------------------------------------

/** Nested numbers as a Python list literal, one innermost row per line (as in the notebook). */
export function pythonList(nested, indent = 0, depth = 0) {
  if (!Array.isArray(nested[0])) return `[${nested.map((v) => (Number.isInteger(v) ? `${v}.0` : String(v))).join(', ')}]`;
  const pad = ' '.repeat(indent + depth + 1);
  return `[${nested.map((child, i) => (i === 0 ? '' : pad) + pythonList(child, indent, depth + 1)).join(',\n')}]`;
}

/** The notebook's PyTorch cell for a case { op, options, input (nested), gradOutput (nested), randomInput }. */
export function torchCode(c) {
  const fn = c.op === 'max' ? 'max_pool2d' : 'avg_pool2d';
  const lines = ['import torch', 'import torch.nn.functional as F', ''];
  if (c.randomInput) {
    lines.push(`o_0 = torch.rand(${tuple(shapeOf(c.input))}, requires_grad=True, dtype=torch.float32)`);
  } else {
    lines.push(`o_0 = torch.tensor(${pythonList(c.input, 'o_0 = torch.tensor('.length)},`, '                   requires_grad=True, dtype=torch.float32)');
  }
  lines.push(`dedo_1 = torch.tensor(${pythonList(c.gradOutput, 'dedo_1 = torch.tensor('.length)}, dtype=torch.float32)`, '');
  lines.push(`o_1 = F.${fn}(o_0, ${pythonArgs(c.options).join(', ')})`, '', 'o_0.grad = None', 'o_1.backward(dedo_1)', 'print(o_1)', 'print(o_0.grad)');
  return lines.join('\n');
}

/**
 * One recorded case side by side: rows [{ name, torchText, wasmText, diff }].
 */
export function comparisonView(lang, title, code, rows, version) {
  return h('div', { class: 'compare' },
    h('h3', {}, title),
    h('details', { class: 'code', open: true }, h('summary', {}, t(lang, 'torchCode')), scrollable('pre', t(lang, 'torchCode'), { class: 'python' }, h('code', {}, code))),
    ...rows.map((row) => h('div', { class: 'compare-row' },
      h('p', { class: 'compare-name' }, h('code', {}, row.name),
        h('span', { class: `pill ${row.diff === 0 || row.diff <= 1e-6 ? 'ok' : 'bad'}` },
          t(lang, row.diff <= 1e-6 ? 'equal' : 'notEqual', { diff: row.diff === 0 ? '0' : row.diff.toExponential(1) }))),
      h('div', { class: 'compare-cols' },
        h('figure', {}, h('figcaption', {}, t(lang, 'torchRecorded', { version })), scrollable('pre', `${row.name} · ${t(lang, 'torchRecorded', { version })}`, { class: 'numpy' }, row.torchText)),
        h('figure', {}, h('figcaption', {}, t(lang, 'wasmResult')), scrollable('pre', `${row.name} · ${t(lang, 'wasmResult')}`, { class: 'numpy' }, row.wasmText))))));
}
