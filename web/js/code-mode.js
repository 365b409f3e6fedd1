// The page's "code mode": the learner writes the notebook's functions in
// Python (as in the notebook) or JavaScript, and the engine of
// `npx poolgrad check` tests them. This module only adds the toggle; the
// panel (code-panel.js), the engine and Python are loaded when opened, so
// the page's first load stays small.
import { h } from './render.js';
import { t } from './i18n.js';

const OPEN = 'poolgrad.code.open';
const section = document.getElementById('code-mode');
const lang = () => (document.documentElement.lang === 'en' ? 'en' : 'de');

let panel = null;
const toggle = h('button', { type: 'button', id: 'code-mode-toggle', class: 'secondary', 'aria-controls': 'code-mode', 'aria-expanded': 'false' });

function remember(open) {
  try {
    localStorage.setItem(OPEN, open ? '1' : '');
  } catch {
    /* storage disabled: the panel simply starts closed */
  }
}

async function show(open, { focus = true } = {}) {
  if (open && !panel) panel = await (await import('./code-panel.js')).mountPanel(section, lang);
  section.hidden = !open;
  toggle.setAttribute('aria-expanded', String(open));
  remember(open);
  if (open && focus) panel.focus();
}

// The page sets <html lang> from its state (main.js) once that language's
// texts are loaded; every text here follows it.
function applyText() {
  toggle.textContent = t(lang(), 'code.toggle');
  toggle.title = t(lang(), 'code.toggleHint');
  panel?.applyText();
}

if (section) {
  toggle.addEventListener('click', () => show(section.hidden));
  (document.querySelector('.toolbar') ?? section.parentElement).prepend(toggle);
  new MutationObserver(applyText).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  applyText();
  let stored = null;
  try {
    stored = localStorage.getItem(OPEN);
  } catch {
    /* disabled */
  }
  if (stored === '1' || location.hash === '#code-mode') show(true, { focus: false });
}
