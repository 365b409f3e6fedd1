// Reads an array the way NumPy (or print_tensors) prints it, a Python tuple
// such as `(2, 2)`, or a JSON array, back into nested JS arrays. Kept free of
// any DOM or Node API so the CLI and the page can both use it.

const NUMBER = /^[+-]?(?:inf|nan|(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)$/i;

function toNumber(word) {
  const lower = word.toLowerCase();
  if (lower.endsWith('inf')) return lower.startsWith('-') ? -Infinity : Infinity;
  if (lower.endsWith('nan')) return NaN;
  return Number(word);
}

/**
 * Parses NumPy's printed form (`[[5. 5.]\n [6. 3.]]`), `array([...], dtype=…)`,
 * a tuple `(4, 9)` or JSON into nested arrays of numbers. Throws a SyntaxError
 * naming the first thing it could not read, or a RangeError for ragged arrays.
 */
export function parseNumpy(text) {
  if (typeof text !== 'string') throw new TypeError(`parseNumpy needs a string, but got ${typeof text}`);
  let source = text.trim();
  // repr forms: array([...], dtype=float32) and tensor([...], grad_fn=<…>)
  const wrapped = /^(?:array|tensor)\(([\s\S]*)\)$/.exec(source);
  if (wrapped) source = wrapped[1].replace(/(,\s*\w+\s*=\s*[^,\]]+)+\s*$/, '').trim();
  if (source === '') throw new SyntaxError('expected an array, but the text is empty');

  const tokens = source.match(/[[\]()]|[^\s,[\]()]+/g) ?? [];
  let at = 0;
  const CLOSE = { '[': ']', '(': ')' };

  const value = () => {
    const token = tokens[at];
    if (token === undefined) throw new SyntaxError('the text ends before the array is closed');
    if (token === '[' || token === '(') {
      at += 1;
      const items = [];
      while (tokens[at] !== CLOSE[token]) {
        if (tokens[at] === undefined) throw new SyntaxError(`a "${token}" is never closed`);
        items.push(value());
      }
      at += 1;
      return items;
    }
    if (!NUMBER.test(token)) throw new SyntaxError(`"${token}" is not a number`);
    at += 1;
    return toNumber(token);
  };

  const result = value();
  if (at < tokens.length) throw new SyntaxError(`unexpected "${tokens[at]}" after the end of the array`);
  if (!Array.isArray(result)) throw new SyntaxError(`expected an array in brackets, but got the single number ${result}`);
  shapeOf(result); // rejects ragged input
  return result;
}

/** Shape of a rectangular nested array; RangeError naming the first ragged entry. */
export function shapeOf(nested) {
  const shape = [];
  for (let level = nested; Array.isArray(level); level = level[0]) shape.push(level.length);
  const walk = (node, depth, path) => {
    if (depth === shape.length) {
      if (Array.isArray(node)) throw new RangeError(`entry ${path} is nested deeper than its siblings`);
      return;
    }
    if (!Array.isArray(node) || node.length !== shape[depth]) {
      throw new RangeError(`the array is ragged: entry ${path || '[]'} should have ${shape[depth]} items like its siblings`);
    }
    node.forEach((child, i) => walk(child, depth + 1, `${path}[${i}]`));
  };
  walk(nested, 0, '');
  return shape;
}
