// Pooling options: normalisation, validation and output sizes. This is the
// one place in JS that decides whether a call is allowed; the wasm core
// checks the same rules again and answers with a status code.

const OPTION_NAMES = {
  max: ['kernelSize', 'stride', 'padding', 'dilation', 'ceilMode'],
  avg: ['kernelSize', 'stride', 'padding', 'ceilMode', 'countIncludePad', 'divisorOverride'],
  any: ['kernelSize', 'stride', 'padding', 'dilation', 'ceilMode', 'countIncludePad', 'divisorOverride'],
};

// Python spellings a notebook user is likely to type.
const PYTHON_NAMES = {
  kernel_size: 'kernelSize',
  ceil_mode: 'ceilMode',
  count_include_pad: 'countIncludePad',
  divisor_override: 'divisorOverride',
  return_indices: null,
};

/** Renders a value for an error message: arrays as [a, b], strings quoted. */
export function show(value) {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number') return Object.is(value, -0) ? '0' : String(value);
  if (Array.isArray(value)) {
    if (value.length > 8) return `[${value.slice(0, 8).map(show).join(', ')}, …] (length ${value.length})`;
    return `[${value.map(show).join(', ')}]`;
  }
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${value.length})`;
  if (value === null) return 'null';
  if (typeof value === 'object') {
    const name = value.constructor && value.constructor !== Object ? value.constructor.name : 'object';
    return name === 'object' ? `an object with keys ${show(Object.keys(value))}` : `a ${name}`;
  }
  if (typeof value === 'function') return 'a function';
  return String(value);
}

/**
 * A pair [h, w] of integers from a number or a pair. Anything but a number
 * or a pair of numbers is a TypeError; a number that is not an integer
 * (1.5, NaN, ±Infinity) is a RangeError, as JS built-ins treat `new Array(1.5)`.
 */
function pairOf(name, value) {
  const isNumber = (v) => typeof v === 'number';
  if (Array.isArray(value) && value.length !== 2) {
    throw new TypeError(`${name} must be an integer or a pair [h, w], but got ${show(value)} with ${value.length} entries`);
  }
  // Indexing, not every(): every() skips the holes of a sparse [, 2].
  if (!isNumber(value) && !(Array.isArray(value) && isNumber(value[0]) && isNumber(value[1]))) {
    throw new TypeError(`${name} must be an integer or a pair [h, w] of integers, but got ${show(value)}`);
  }
  const pair = Array.isArray(value) ? [value[0], value[1]] : [value, value];
  const bad = pair.findIndex((v) => !Number.isInteger(v));
  if (bad >= 0) {
    const which = Array.isArray(value) ? `; ${show(pair[bad])} is not an integer` : '';
    throw new RangeError(`${name} must be an integer or a pair [h, w] of integers, but got ${show(value)}${which}`);
  }
  return pair;
}

function booleanOf(name, value, fallback) {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new TypeError(`${name} must be true or false, but got ${show(value)}`);
  return value;
}

function requireAtLeast(name, pair, min) {
  if (pair[0] < min || pair[1] < min) throw new RangeError(`${name} must be ≥ ${min}, but got ${show(pair)}`);
}

/**
 * Normalises user options for `kind` ('max' | 'avg' | 'any') to
 * { kernel, stride, padding, dilation: [h, w], ceilMode, countIncludePad, divisorOverride|null },
 * throwing a TypeError/RangeError that names the option, the rule and the value.
 */
export function normalizeOptions(kind, options, caller = kind === 'avg' ? 'avgPool2d' : 'maxPool2d') {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`${caller} options must be an object like { kernelSize: 2 }, but got ${show(options)}`);
  }
  const allowed = OPTION_NAMES[kind];
  for (const key of Object.keys(options)) {
    if (allowed.includes(key) || options[key] === undefined) continue;
    if (key in PYTHON_NAMES && PYTHON_NAMES[key]) {
      throw new TypeError(`${caller} has no option "${key}"; use the camelCase name "${PYTHON_NAMES[key]}"`);
    }
    if (kind === 'avg' && key === 'dilation') {
      throw new TypeError(`${caller} has no option "dilation" (average pooling does not dilate, as in PyTorch), but got ${show(options[key])}`);
    }
    throw new TypeError(`${caller} has no option "${key}"; known options: ${allowed.join(', ')}`);
  }
  if (options.kernelSize === undefined) {
    throw new TypeError(`kernelSize is required (a number or a pair [h, w]), but got undefined`);
  }
  const kernel = pairOf('kernelSize', options.kernelSize);
  const stride = options.stride === undefined || options.stride === null ? kernel.slice() : pairOf('stride', options.stride);
  const padding = options.padding === undefined ? [0, 0] : pairOf('padding', options.padding);
  const dilation = options.dilation === undefined ? [1, 1] : pairOf('dilation', options.dilation);
  const ceilMode = booleanOf('ceilMode', options.ceilMode, false);
  const countIncludePad = booleanOf('countIncludePad', options.countIncludePad, true);

  requireAtLeast('kernelSize', kernel, 1);
  requireAtLeast('stride', stride, 1);
  requireAtLeast('dilation', dilation, 1);
  requireAtLeast('padding', padding, 0);
  // PyTorch bounds padding by half the kernel (and, for max, also by half the
  // effective kernel, which never binds tighter).
  const half = kernel.map((k) => Math.floor(k / 2));
  if (padding[0] > half[0] || padding[1] > half[1]) {
    throw new RangeError(`padding must be at most half of kernelSize (${show(half)} for kernelSize ${show(kernel)}), but got ${show(padding)}`);
  }

  let divisorOverride = null;
  if (options.divisorOverride !== undefined && options.divisorOverride !== null) {
    const d = options.divisorOverride;
    if (typeof d !== 'number') throw new TypeError(`divisorOverride must be a non-zero integer, but got ${show(d)}`);
    if (!Number.isInteger(d) || d === 0) throw new RangeError(`divisorOverride must be a non-zero integer, but got ${show(d)}`);
    if (Math.abs(d) > 2 ** 31 - 1) throw new RangeError(`divisorOverride must fit in 32 bits (|d| ≤ 2147483647), but got ${show(d)}`);
    divisorOverride = d;
  }
  for (const [name, pair] of [['kernelSize', kernel], ['stride', stride], ['dilation', dilation]]) {
    if (pair[0] > 2 ** 30 || pair[1] > 2 ** 30) throw new RangeError(`${name} must be ≤ 2^30, but got ${show(pair)}`);
  }
  return { kind, kernel, stride, padding, dilation, ceilMode, countIncludePad, divisorOverride };
}

/** PyTorch's pooling_output_shape for one axis. */
export function pooledSize(size, kernel, stride, padding, dilation, ceilMode) {
  const span = size + 2 * padding - dilation * (kernel - 1) - 1;
  let out = Math.floor((span + (ceilMode ? stride - 1 : 0)) / stride) + 1;
  // In ceil mode the last window must start inside the input or the left padding.
  if (ceilMode && out > 0 && (out - 1) * stride >= size + padding) out -= 1;
  return out;
}

/** Output [Ho, Wo] of normalised options `o` over an input plane [H, W]; RangeError if empty. */
export function planeOutputShape([h, w], o) {
  const out = [0, 1].map((a) => pooledSize([h, w][a], o.kernel[a], o.stride[a], o.padding[a], o.dilation[a], o.ceilMode));
  if (out[0] < 1 || out[1] < 1) {
    const extent = o.dilation.map((d, a) => d * (o.kernel[a] - 1) + 1);
    throw new RangeError(
      `output size must be ≥ 1 on both axes, but got ${show(out)} for input [${h}, ${w}] ` +
        `(window extent ${show(extent)}, padding ${show(o.padding)}, stride ${show(o.stride)})`,
    );
  }
  return out;
}

/** Public `outputShape([H, W], options)`: takes the options of either pooling. */
export function outputShape(inputShape, options) {
  if (!Array.isArray(inputShape) || inputShape.length !== 2) {
    throw new TypeError(`inputShape must be a pair [H, W], but got ${show(inputShape)}`);
  }
  Array.from(inputShape).forEach((v, i) => {
    if (typeof v !== 'number') throw new TypeError(`inputShape[${i}] must be an integer, but got ${show(v)}`);
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`inputShape[${i}] must be a positive integer, but got ${show(v)}`);
  });
  const o = normalizeOptions('any', options, 'outputShape');
  return planeOutputShape(inputShape, o);
}
