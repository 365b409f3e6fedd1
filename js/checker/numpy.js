// Reads an answer the way a learner pastes it: NumPy's printed form (as
// copied from the notebook, optionally with its "o_1:" label or an
// array(...)/tensor(...) wrapper), JSON nested arrays, a Python tuple for
// shapes, or plain numbers in row-major order. The one parser of the project:
// `poolgrad answers` (through printed.js) and the exercise page both use it;
// its error keys are worded by each surface (words.js, the page's lang/*.js).
// Pure: no DOM, no Node API, no imports (the page loads it first).
//
// parseAnswer result: { ok: true, values: number[], shape: number[] | null, nested: bool }
//                  or { ok: false, error: { key, ...params } }.

const NUMBER = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?|inf(?:inity)?|nan)/i;

function toNumber(text) {
  const t = text.toLowerCase().replace(/^\+/, '');
  if (t === 'nan' || t === '-nan') return NaN;
  if (t === 'inf' || t === 'infinity') return Infinity;
  if (t === '-inf' || t === '-infinity') return -Infinity;
  return Number(t);
}

// Drops what Python adds around the numbers, so a pasted `print`/`repr`
// output is read as the array it shows.
function unwrap(text) {
  let s = text.trim();
  // A leading label such as "o_1:", "dEdo_0 =" (print_tensors prints one) or
  // In[5]'s "Output Shape Max Pooling:" (words with spaces, then a colon).
  s = s.replace(/^[A-Za-z_][\w.]*\s*[:=]\s*|^[A-Za-z_][\w.]*(?: [A-Za-z_][\w.]*)+\s*:\s*/, '');
  const wrapper = /^(?:np\.|numpy\.|torch\.)?(array|tensor|Size)\s*\(/.exec(s);
  if (wrapper && s.endsWith(')')) s = s.slice(wrapper[0].length, -1);
  // Keyword arguments of repr(): dtype=float32, grad_fn=<...>, requires_grad=True.
  s = s.replace(/,\s*(?:dtype|grad_fn|requires_grad|device)\s*=\s*(?:<[^>]*>|[^,\])]*)/g, '');
  return s;
}

const MAX_DEPTH = 16;

function tokenize(text) {
  const tokens = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\n') {
      line++;
      lineStart = i + 1;
      i++;
      continue;
    }
    if (/\s|,/.test(ch)) {
      i++;
      continue;
    }
    const col = i - lineStart + 1;
    if (ch === '[' || ch === '(') {
      tokens.push({ type: 'open', line, col, char: ch });
      i++;
      continue;
    }
    if (ch === ']' || ch === ')') {
      tokens.push({ type: 'close', line, col, char: ch });
      i++;
      continue;
    }
    const m = NUMBER.exec(text.slice(i));
    // A number must end at a separator, else "3x" or "5.5.5" would half-read.
    if (m && (i + m[0].length === text.length || /[\s,\])(]/.test(text[i + m[0].length]))) {
      tokens.push({ type: 'number', value: toNumber(m[0]), line, col });
      i += m[0].length;
      continue;
    }
    const bad = /^[^\s,\[\]()]+/.exec(text.slice(i))[0];
    return { error: { key: bad === '...' || bad === '…' ? 'ellipsis' : 'badToken', token: bad, line, col } };
  }
  return { tokens };
}

/**
 * Parses an answer text; see the module comment for the result. When the
 * text has a comma between two digits ("2,6667"), an ok result also carries
 * `decimalComma: { token, fixed, values, shape }`: the first such number and
 * the text read with decimal points, so the judge can tell a German decimal
 * comma from a list separator by what was expected.
 */
export function parseAnswer(text) {
  const parsed = parseText(text);
  const comma = typeof text === 'string' ? /\d+,\d+/.exec(text) : null;
  if (!comma) return parsed;
  const reading = parseText(text.replace(/(\d),(\d)/g, '$1.$2'));
  if (!reading.ok) return parsed;
  return { ...parsed, decimalComma: { token: comma[0], fixed: comma[0].replace(',', '.'), values: reading.values, shape: reading.shape } };
}

function parseText(text) {
  if (typeof text !== 'string' || text.trim() === '') return { ok: false, error: { key: 'empty' } };
  const { tokens, error } = tokenize(unwrap(text));
  if (error) return { ok: false, error };
  if (tokens.length === 0) return { ok: false, error: { key: 'empty' } };
  if (!tokens.some((t) => t.type !== 'number')) {
    return { ok: true, values: tokens.map((t) => t.value), shape: null, nested: false };
  }
  let pos = 0;
  let depth = 0;
  const readList = () => {
    const open = tokens[pos++];
    // No answer here has more than 5 axes; a deeper nest would only exhaust the stack.
    if (++depth > MAX_DEPTH) return { error: { key: 'tooDeep', line: open.line, col: open.col, max: MAX_DEPTH } };
    const items = [];
    for (;;) {
      const t = tokens[pos];
      if (!t) return { error: { key: 'unclosed', line: open.line, col: open.col } };
      if (t.type === 'close') {
        pos++;
        depth--;
        if (items.length === 0) return { error: { key: 'emptyList', line: open.line, col: open.col } };
        return { list: items, open };
      }
      if (t.type === 'number') {
        items.push(t.value);
        pos++;
      } else {
        const inner = readList();
        if (inner.error) return inner;
        items.push(inner);
      }
    }
  };
  const first = tokens[0];
  if (first.type !== 'open') {
    return { ok: false, error: { key: first.type === 'close' ? 'unexpectedClose' : 'outsideBrackets', line: first.line, col: first.col } };
  }
  const root = readList();
  if (root.error) return { ok: false, error: root.error };
  if (pos < tokens.length) {
    const t = tokens[pos];
    return { ok: false, error: { key: t.type === 'close' ? 'unexpectedClose' : 'outsideBrackets', line: t.line, col: t.col } };
  }
  // Shape from the first path; every sibling must agree (rectangular).
  const shape = [];
  for (let node = root; node && typeof node === 'object'; node = node.list[0]) shape.push(node.list.length);
  const values = [];
  const walk = (node, depth) => {
    const isList = typeof node === 'object';
    if (depth === shape.length) {
      if (isList) return { key: 'ragged', line: node.open.line, col: node.open.col, depth };
      values.push(node);
      return null;
    }
    if (!isList) return { key: 'ragged', depth, line: null, col: null };
    if (node.list.length !== shape[depth]) {
      return { key: 'ragged', line: node.open.line, col: node.open.col, expected: shape[depth], got: node.list.length };
    }
    for (const child of node.list) {
      const e = walk(child, depth + 1);
      if (e) return e;
    }
    return null;
  };
  const bad = walk(root, 0);
  if (bad) return { ok: false, error: bad };
  return { ok: true, values, shape, nested: true };
}
