// report.html: one self-contained page (no request of any kind, opens from
// file://) with every participant in a sortable, filterable table, a detail
// row per participant and the course's most common mistakes. Learners' text
// only ever reaches the page as JSON data read with JSON.parse and shown with
// textContent, and the CSP allows only this page's own style and script.
import { createHash } from 'node:crypto';

const STYLE = `
:root { color-scheme: light dark; --line: #8884; --wrong: #b3261e; --right: #1b6e20; --muted: #666; }
@media (prefers-color-scheme: dark) { :root { --wrong: #ff8a80; --right: #81c784; --muted: #aaa; } }
body { font: 15px/1.45 system-ui, sans-serif; margin: 1.5rem; max-width: 80rem; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; } h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
.muted { color: var(--muted); }
.summary { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: .5rem 2rem; }
.summary h3 { font-size: .95rem; margin: .25rem 0; } .summary ol { margin: 0; padding-left: 1.5rem; }
.controls { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; margin-bottom: .5rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; }
th[aria-sort="ascending"] button::after { content: " ▲"; } th[aria-sort="descending"] button::after { content: " ▼"; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr[data-participant] > td:first-child button { font: inherit; background: none; border: 0; padding: 0; color: inherit; text-decoration: underline; cursor: pointer; text-align: left; }
tr[data-detail] > td { background: #8881; }
.refused { color: var(--wrong); } .wrong { color: var(--wrong); } .right { color: var(--right); }
pre, blockquote { white-space: pre-wrap; overflow-wrap: anywhere; margin: .25rem 0 .5rem; }
pre { font-size: .85rem; background: #8882; padding: .4rem; }
blockquote { border-left: 3px solid var(--line); padding-left: .75rem; }
.detail h4 { margin: .5rem 0 .25rem; font-size: .95rem; } .detail ul { margin: 0; padding-left: 1.25rem; }
`;

// Runs in the page. It builds everything with createElement/textContent.
function client() {
  const data = JSON.parse(document.getElementById('grades-data').textContent);
  const subs = data.submissions;
  const el = (tag, props = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props)) {
      if (k === 'class') node.className = v;
      else if (k === 'text') node.textContent = v;
      else node.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  };
  const codePassed = (s) => (s.code ? s.code.results.filter((r) => r.total > 0 && r.passed === r.total).length : null);
  const outputsRight = (s) => Object.values(s.outputs || {}).filter((o) => o.verdict === 'right').length;
  const openGaps = (s) => (s.gaps ? s.gaps.open.length : null);
  const columns = [
    { key: 'name', label: 'Name', value: (s) => s.name },
    { key: 'id', label: 'ID', value: (s) => s.id },
    { key: 'status', label: 'Status', value: (s) => s.status },
    { key: 'code', label: `Code (of ${data.meta.functions.length})`, value: codePassed, num: true },
    { key: 'outputs', label: `Outputs (of ${data.meta.outputBlocks.length})`, value: outputsRight, num: true },
    { key: 'gaps', label: 'Open gaps', value: openGaps, num: true },
    { key: 'points', label: 'Points', value: (s) => s.points, num: true },
  ];

  document.getElementById('meta').textContent = `${subs.length} participants, ${data.summary.graded} graded, ${data.summary.refused} refused · seed ${data.meta.seed} · ${data.meta.source} ${data.meta.input}` +
    (data.meta.pythonChecks === 'run' ? '' : ` · code not checked: ${data.meta.pythonChecks}`);

  // Summary of the course.
  const summary = document.getElementById('summary');
  const list = (title, items, line) => {
    const box = el('div', {}, el('h3', { text: title }));
    if (!items.length) box.append(el('p', { class: 'muted', text: 'none' }));
    else box.append(el('ol', {}, ...items.slice(0, 10).map((i) => el('li', { text: line(i) }))));
    return box;
  };
  const people = (n) => `${n} participant${n === 1 ? '' : 's'}`;
  summary.append(
    list('Named mistakes', data.summary.mistakes, (m) => `${m.name} (${m.mistake}) in ${m.function}: ${people(m.count)}`),
    list('Functions failing', data.summary.failingFunctions, (f) => `${f.function}: ${people(f.count)}`),
    list('Printed outputs wrong', data.summary.wrongOutputs, (o) => `${o.block}: ${people(o.count)}`),
    list('Gaps left open', data.summary.openGaps, (g) => `[Luecke (${g.gap})]: ${people(g.count)}`),
  );

  // The table.
  const head = document.querySelector('[data-grades] thead tr');
  const body = document.querySelector('[data-grades] tbody');
  let sort = { key: 'name', dir: 1 };
  for (const c of columns) {
    const th = el('th', { scope: 'col', class: c.num ? 'num' : '', 'data-column': c.key }, el('button', { type: 'button', 'data-sort': c.key, text: c.label }));
    head.append(th);
  }
  const detail = (s) => {
    const box = el('div', { class: 'detail' });
    box.append(el('p', {}, `File: ${s.file || '—'}`, s.files && s.files.length > 1 ? ` (submitted: ${s.files.join(', ')})` : ''));
    if (s.note) box.append(el('p', { text: s.note }));
    if (s.reason) box.append(el('p', { class: s.status === 'refused' ? 'refused' : '', text: s.reason }));
    if (s.code) {
      box.append(el('h4', { text: 'Code' }));
      box.append(el('ul', {}, ...s.code.results.map((r) => {
        const ok = r.passed === r.total;
        const li = el('li', { 'data-function': r.name, class: ok ? 'right' : 'wrong' }, `${ok ? '✔' : '✘'} ${r.name}: ${r.passed}/${r.total}${r.failure && r.failure.mistake ? ` — mistake: ${r.failure.mistake}` : ''}`);
        if (r.failureText) li.append(el('pre', { text: r.failureText }));
        return li;
      })));
      if (s.code.notes && s.code.notes.length) box.append(el('ul', { class: 'muted' }, ...s.code.notes.map((n) => el('li', { text: typeof n === 'string' ? n : JSON.stringify(n) }))));
    }
    if (s.status === 'graded') {
      box.append(el('h4', { text: 'Printed outputs' }));
      box.append(el('ul', {}, ...data.meta.outputBlocks.map((b) => {
        const o = s.outputs[b];
        if (!o) return el('li', { 'data-block': b, class: 'muted', text: `· ${b}: not printed (cell not run or output cleared)` });
        const where = `the learner's cell ${o.notebookCell}${o.executionCount ? ` (In[${o.executionCount}])` : ''}`;
        const li = el('li', { 'data-block': b, class: o.verdict === 'right' ? 'right' : 'wrong' }, `${o.verdict === 'right' ? '✔' : '✘'} ${b}, ${where}: ${o.message}`);
        if (o.wrong && o.wrong.length) li.append(el('pre', { text: o.wrong.map((w) => `cell [${w.index.join(', ')}]: expected ${w.expected}, got ${w.actual}`).join('\n') }));
        return li;
      })));
      box.append(el('h4', { text: 'Gaps' }));
      box.append(el('p', { text: s.gaps.open.length ? `still without code: ${s.gaps.open.map((n) => `(${n})`).join(' ')}` : 'every gap holds code' }));
      if (s.gaps.missing.length) box.append(el('p', { class: 'muted', text: `markers not found (cells changed or deleted): ${s.gaps.missing.map((n) => `(${n})`).join(' ')}` }));
      box.append(el('h4', { text: 'Verständnisfrage' }));
      box.append(s.answer ? el('blockquote', { 'data-answer': '', text: s.answer }) : el('p', { class: 'muted', text: s.answer === null ? 'no Verständnisfrage cell found' : 'no answer written' }));
    }
    return box;
  };
  const rows = subs.map((s, i) => {
    const tr = el('tr', { 'data-participant': String(i), 'data-status': s.status });
    columns.forEach((c, k) => {
      const v = c.value(s);
      const td = el('td', { class: `${c.num ? 'num' : ''} ${c.key === 'status' && s.status === 'refused' ? 'refused' : ''}`.trim() });
      if (k === 0) td.append(el('button', { type: 'button', 'data-open': '', 'aria-expanded': 'false', text: v }));
      else td.textContent = v === null || v === undefined ? '—' : String(v);
      tr.append(td);
    });
    const more = el('tr', { 'data-detail': String(i), hidden: '' }, el('td', { colspan: String(columns.length) }));
    tr.querySelector('[data-open]').addEventListener('click', (event) => {
      const open = more.hidden;
      if (open && !more.firstChild.firstChild) more.firstChild.append(detail(s));
      more.hidden = !open;
      event.currentTarget.setAttribute('aria-expanded', String(open));
    });
    const text = [s.name, s.id, s.file, s.status, s.reason || '', s.note || ''].join('\n').toLowerCase();
    return { s, tr, more, text };
  });
  const filter = document.querySelector('[data-filter]');
  const status = document.querySelector('[data-status-filter]');
  const count = document.querySelector('[data-count]');
  const render = () => {
    const col = columns.find((c) => c.key === sort.key);
    const key = (r) => col.value(r.s);
    const sorted = [...rows].sort((a, b) => {
      const x = key(a);
      const y = key(b);
      if (x === y) return a.s.name.localeCompare(b.s.name);
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * sort.dir;
    });
    const q = filter.value.trim().toLowerCase();
    let shown = 0;
    for (const r of sorted) {
      const visible = (!q || r.text.includes(q)) && (!status.value || r.s.status === status.value);
      r.tr.hidden = !visible;
      if (!visible) r.more.hidden = true;
      if (!visible) r.tr.querySelector('[data-open]').setAttribute('aria-expanded', 'false');
      shown += visible ? 1 : 0;
      body.append(r.tr, r.more);
    }
    for (const th of head.children) th.setAttribute('aria-sort', th.dataset.column === sort.key ? (sort.dir > 0 ? 'ascending' : 'descending') : 'none');
    count.textContent = `${shown} of ${rows.length} shown`;
  };
  head.addEventListener('click', (event) => {
    const button = event.target.closest('[data-sort]');
    if (!button) return;
    sort = { key: button.dataset.sort, dir: sort.key === button.dataset.sort ? -sort.dir : 1 };
    render();
  });
  filter.addEventListener('input', render);
  status.addEventListener('change', render);
  render();
  document.body.dataset.ready = 'true';
}

const hash = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

// JSON inside a <script> element: "<" as \u003c so no "</script>" or "<!--" can end or alter it.
const scriptJson = (value) => JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v))
  .replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/** The report page for `grades` (the content of grades.json). */
export function toHtml(grades) {
  const script = `(${client.toString()})();`;
  const csp = `default-src 'none'; style-src ${hash(STYLE)}; script-src ${hash(script)}; img-src 'none'; base-uri 'none'; form-action 'none'`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>poolgrad — grades</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>Aufgabe 7 – Pooling: grades</h1>
<p id="meta" class="muted"></p>
</header>
<main>
<section aria-labelledby="summary-title">
<h2 id="summary-title">The course at a glance: most common mistakes</h2>
<div id="summary" class="summary"></div>
</section>
<section aria-labelledby="table-title">
<h2 id="table-title">Participants</h2>
<div class="controls">
<label>Filter <input type="search" data-filter placeholder="name, id, file, reason"></label>
<label>Status <select data-status-filter><option value="">all</option><option value="graded">graded</option><option value="refused">refused</option></select></label>
<span data-count aria-live="polite"></span>
</div>
<table data-grades>
<thead><tr></tr></thead>
<tbody></tbody>
</table>
</section>
</main>
<script type="application/json" id="grades-data">${scriptJson(grades)}</script>
<script>${script}</script>
</body>
</html>
`;
}
