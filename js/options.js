// Pooling options: normalisation, validation and output sizes, worded for
// the caller. The rules themselves belong to the wasm core
// (cpp/src/shape.cpp make_plan); this module checks them in the same order
// so each message can name the parameter and the value, and a property test
// (tests/property.test.js, "options_agree") proves on random options that
// both decide alike.

const OPTION_NAMES = {
  max: ['kernelSize', 'stride', 'padding', 'dilation', 'ceilMode', 'dataFormat', 'returnIndices'],
  avg: ['kernelSize', 'stride', 'padding', 'dilation', 'ceilMode', 'countIncludePad', 'divisorOverride', 'dataFormat'],
  any: ['kernelSize', 'stride', 'padding', 'dilation', 'ceilMode', 'countIncludePad', 'divisorOverride', 'dataFormat', 'returnIndices'],
};

// Python, ONNX and TensorFlow spellings a user is likely to type.
const FOREIGN_NAMES = {
  kernel_size: 'kernelSize',
  ceil_mode: 'ceilMode',
  count_include_pad: 'countIncludePad',
  divisor_override: 'divisorOverride',
  return_indices: 'returnIndices',
  data_format: 'dataFormat',
  dilations: 'dilation',
  strides: 'stride',
  pads: 'padding',
  auto_pad: 'padding',
  kernel_shape: 'kernelSize',
};

export const DATA_FORMATS = ['NCHW', 'NHWC'];
const PADDING_WORDS = ['valid', 'same', 'same-lower'];
// ONNX's auto_pad and TensorFlow's padding spellings, refused with the word to use.
const PADDING_SPELLINGS = { VALID: 'valid', SAME: 'same', SAME_UPPER: 'same', SAME_LOWER: 'same-lower', same_upper: 'same', same_lower: 'same-lower', NOTSET: 'four numbers [top, bottom, left, right]' };
const PADDING_FORMS = `an integer, a pair [h, w], four integers [top, bottom, left, right], or one of "valid", "same", "same-lower"`;

// Kernel, stride, dilation and explicit padding stay ≤ 2^30 so window
// arithmetic fits 32 bits; padded extents stay ≤ MAX_ELEMENTS (the core's kMaxElements).
const MAX_OPTION = 2 ** 30;
export const MAX_ELEMENTS = 2 ** 30 - 16;

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
  const isArray = Array.isArray(value);
  if (isArray && value.length !== 2) {
    throw new TypeError(`${name} must be an integer or a pair [h, w], but got ${show(value)} with ${value.length} entries`);
  }
  // Indexing, not every(): every() skips the holes of a sparse [, 2].
  if (typeof value !== 'number' && !(isArray && typeof value[0] === 'number' && typeof value[1] === 'number')) {
    throw new TypeError(`${name} must be an integer or a pair [h, w] of integers, but got ${show(value)}`);
  }
  const pair = isArray ? [value[0], value[1]] : [value, value];
  const bad = !Number.isInteger(pair[0]) ? 0 : !Number.isInteger(pair[1]) ? 1 : -1;
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

// Loops, not some(): no closure per call on the path every call takes.
function requireAtLeast(name, values, min) {
  for (let i = 0; i < values.length; i++) {
    if (values[i] < min) throw new RangeError(`${name} must be ≥ ${min}, but got ${show(values)}`);
  }
}

function requireAtMost(name, values, max) {
  for (let i = 0; i < values.length; i++) {
    if (values[i] > max) throw new RangeError(`${name} must be ≤ 2^30, but got ${show(values)}`);
  }
}

/**
 * The padding in one of its forms: { rule: 'symmetric', pair } (PyTorch),
 * { rule: 'explicit', pads: [top, bottom, left, right] } (ONNX pads, TF explicit),
 * or { rule: 'valid' | 'same' | 'same-lower' } (ONNX auto_pad, TF padding).
 */
function paddingOf(value) {
  if (value === undefined) return { rule: 'symmetric', pair: [0, 0] };
  if (typeof value === 'string') {
    if (PADDING_WORDS.includes(value)) return { rule: value };
    const hint = PADDING_SPELLINGS[value] ?? PADDING_SPELLINGS[value.toUpperCase()];
    const suggestion = hint ? ` (write ${hint.includes(' ') ? hint : JSON.stringify(hint)}: the words are lower case)` : '';
    throw new TypeError(`padding must be ${PADDING_FORMS}, but got ${show(value)}${suggestion}`);
  }
  if (Array.isArray(value) && value.length === 4) {
    for (let i = 0; i < 4; i += 1) {
      if (typeof value[i] !== 'number') throw new TypeError(`padding must be ${PADDING_FORMS}, but got ${show(value)}`);
    }
    const pads = [value[0], value[1], value[2], value[3]];
    const bad = pads.findIndex((v) => !Number.isInteger(v));
    if (bad >= 0) throw new RangeError(`padding must be ${PADDING_FORMS}, but got ${show(value)}; ${show(pads[bad])} is not an integer`);
    return { rule: 'explicit', pads };
  }
  if (Array.isArray(value) && value.length !== 2) {
    throw new TypeError(`padding must be ${PADDING_FORMS}, but got ${show(value)} with ${value.length} entries`);
  }
  return { rule: 'symmetric', pair: pairOf('padding', value) };
}

export function dataFormatOf(value) {
  if (value === undefined) return 'NCHW';
  if (typeof value !== 'string') throw new TypeError(`dataFormat must be "NCHW" or "NHWC", but got ${show(value)}`);
  if (DATA_FORMATS.includes(value)) return value;
  const hint = DATA_FORMATS.includes(value.toUpperCase()) ? ` (write ${JSON.stringify(value.toUpperCase())} in capitals)` : '';
  const alias = { channels_last: 'NHWC', channels_first: 'NCHW' }[value];
  const aliasHint = alias ? ` (Keras's ${JSON.stringify(value)} is ${JSON.stringify(alias)})` : '';
  throw new RangeError(`dataFormat must be "NCHW" or "NHWC" (2-D pooling only), but got ${show(value)}${hint}${aliasHint}`);
}

/**
 * Normalises user options for `kind` ('max' | 'avg' | 'any') to
 * { kernel, stride, dilation: [h, w], padRule, pads: [top, bottom, left, right] | null
 *   (null for the auto rules, resolved per input by resolvePadding), ceilMode,
 *   countIncludePad, divisorOverride|null, dataFormat, returnIndices },
 * throwing a TypeError/RangeError that names the option, the rule and the value.
 */
export function normalizeOptions(kind, options, caller = kind === 'avg' ? 'avgPool2d' : 'maxPool2d') {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`${caller} options must be an object like { kernelSize: 2 }, but got ${show(options)}`);
  }
  const allowed = OPTION_NAMES[kind];
  for (const key of Object.keys(options)) {
    if (allowed.includes(key) || options[key] === undefined) continue;
    if (key in FOREIGN_NAMES) {
      throw new TypeError(`${caller} has no option "${key}"; use the camelCase name "${FOREIGN_NAMES[key]}"`);
    }
    if (kind === 'avg' && key === 'returnIndices') {
      throw new TypeError(`${caller} has no option "returnIndices" (average pooling has no indices), but got ${show(options[key])}`);
    }
    throw new TypeError(`${caller} has no option "${key}"; known options: ${allowed.join(', ')}`);
  }
  if (options.kernelSize === undefined) {
    throw new TypeError(`kernelSize is required (a number or a pair [h, w]), but got undefined`);
  }
  const kernel = pairOf('kernelSize', options.kernelSize);
  const stride = options.stride === undefined || options.stride === null ? kernel.slice() : pairOf('stride', options.stride);
  const padding = paddingOf(options.padding);
  const dilation = options.dilation === undefined ? [1, 1] : pairOf('dilation', options.dilation);
  const ceilMode = booleanOf('ceilMode', options.ceilMode, false);
  const countIncludePad = booleanOf('countIncludePad', options.countIncludePad, true);
  const returnIndices = booleanOf('returnIndices', options.returnIndices, true);
  const dataFormat = dataFormatOf(options.dataFormat);

  requireAtLeast('kernelSize', kernel, 1);
  requireAtLeast('stride', stride, 1);
  requireAtLeast('dilation', dilation, 1);
  if (padding.rule === 'symmetric') {
    requireAtLeast('padding', padding.pair, 0);
    // PyTorch bounds padding by half the kernel (and, for max, also by half
    // the effective kernel, which never binds tighter).
    if (padding.pair[0] > Math.floor(kernel[0] / 2) || padding.pair[1] > Math.floor(kernel[1] / 2)) {
      const half = kernel.map((k) => Math.floor(k / 2));
      throw new RangeError(
        `padding must be at most half of kernelSize (${show(half)} for kernelSize ${show(kernel)}), but got ${show(padding.pair)}` +
          '; four numbers [top, bottom, left, right] allow more, as ONNX does',
      );
    }
  } else if (padding.rule === 'explicit') {
    requireAtLeast('padding', padding.pads, 0);
  }

  let divisorOverride = null;
  if (options.divisorOverride !== undefined && options.divisorOverride !== null) {
    const d = options.divisorOverride;
    if (typeof d !== 'number') throw new TypeError(`divisorOverride must be a non-zero integer, but got ${show(d)}`);
    if (!Number.isInteger(d) || d === 0) throw new RangeError(`divisorOverride must be a non-zero integer, but got ${show(d)}`);
    if (Math.abs(d) > 2 ** 31 - 1) throw new RangeError(`divisorOverride must fit in 32 bits (|d| ≤ 2147483647), but got ${show(d)}`);
    divisorOverride = d;
  }
  requireAtMost('kernelSize', kernel, MAX_OPTION);
  requireAtMost('stride', stride, MAX_OPTION);
  requireAtMost('dilation', dilation, MAX_OPTION);
  if (padding.rule === 'explicit') requireAtMost('padding', padding.pads, MAX_OPTION);
  const pads = padding.rule === 'symmetric' ? [padding.pair[0], padding.pair[0], padding.pair[1], padding.pair[1]] : padding.pads ?? null;
  return { kind, kernel, stride, dilation, padRule: padding.rule, pads, ceilMode, countIncludePad, divisorOverride, dataFormat, returnIndices };
}

const extentOf = (o, axis) => o.dilation[axis] * (o.kernel[axis] - 1) + 1;

/**
 * The padding [top, bottom, left, right] and ceil mode that options `o` use
 * over an input plane [H, W]: the auto rules pad so that ceil(size / stride)
 * windows fit (the odd one at the end for "same", at the start for
 * "same-lower") and, as in ONNX, ignore ceilMode.
 */
export function resolvePadding([h, w], o) {
  if (o.pads) return { pads: o.pads, ceilMode: o.ceilMode };
  if (o.padRule === 'valid') return { pads: [0, 0, 0, 0], ceilMode: false };
  const pads = [];
  [h, w].forEach((size, axis) => {
    const windows = Math.ceil(size / o.stride[axis]);
    const total = Math.max(0, (windows - 1) * o.stride[axis] + extentOf(o, axis) - size);
    const small = Math.floor(total / 2);
    pads.push(...(o.padRule === 'same' ? [small, total - small] : [total - small, small]));
  });
  return { pads, ceilMode: false };
}

/** Output size of one axis: PyTorch's pooling_output_shape, with ONNX's separate begin and end padding. */
export function pooledSize(size, kernel, stride, padBegin, dilation, ceilMode, padEnd = padBegin) {
  const span = size + padBegin + padEnd - dilation * (kernel - 1) - 1;
  let out = Math.floor((span + (ceilMode ? stride - 1 : 0)) / stride) + 1;
  // In ceil mode the last window must start inside the input or the leading padding.
  if (ceilMode && out > 0 && (out - 1) * stride >= size + padBegin) out -= 1;
  return out;
}

/** Output [Ho, Wo] of normalised options `o` over an input plane of h × w; RangeError if empty. */
export function planeOutputSize(h, w, o) {
  // Explicit and symmetric padding are known without the input's size.
  const { pads, ceilMode } = o.pads ? o : resolvePadding([h, w], o);
  for (let axis = 0; axis < 2; axis++) {
    const extent = (axis === 0 ? h : w) + pads[2 * axis] + pads[2 * axis + 1];
    if (extent > MAX_ELEMENTS) {
      throw new RangeError(`the padded input must have at most ${MAX_ELEMENTS} positions per axis, but got ${extent} on axis ${axis === 0 ? 'H' : 'W'}`);
    }
  }
  const out = [
    pooledSize(h, o.kernel[0], o.stride[0], pads[0], o.dilation[0], ceilMode, pads[1]),
    pooledSize(w, o.kernel[1], o.stride[1], pads[2], o.dilation[1], ceilMode, pads[3]),
  ];
  if (out[0] < 1 || out[1] < 1) {
    const extent = [0, 1].map((a) => extentOf(o, a));
    const padding = o.padRule === 'symmetric' ? [pads[0], pads[2]] : pads;
    throw new RangeError(
      `output size must be ≥ 1 on both axes, but got ${show(out)} for input [${h}, ${w}] ` +
        `(window extent ${show(extent)}, padding ${show(padding)}, stride ${show(o.stride)})`,
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
  return planeOutputSize(inputShape[0], inputShape[1], o);
}
