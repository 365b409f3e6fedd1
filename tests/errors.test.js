// Every bad input of the public API, one table row each: the error class,
// and a message that names the parameter, the rule and the value. After each
// throw a good call must still give the right answer and the wasm heap must
// hold exactly the bytes it held before (nothing leaked on the error path).
import { afterAll, describe, expect, it } from 'vitest';
import {
  AvgPool2d, MaxPool2d, alloc, avgPool2d, avgPool2dBackward, maxPool2d, maxPool2dBackward,
  memoryStats, outputShape, ready, tensor,
} from 'poolgrad';

// Loaded at collection time: some rows are built from real forward results.
await ready();

const X = () => ({ data: Float32Array.from({ length: 16 }, (_, i) => i), shape: [1, 1, 4, 4] });

// The good call after every failure: 0..15 in a 4×4 plane, 2×2 windows.
function expectModuleStillWorks() {
  const { output, indices } = maxPool2d(X(), { kernelSize: 2 });
  expect(Array.from(output.data)).toEqual([5, 7, 13, 15]);
  expect(Array.from(indices.data)).toEqual([5, 7, 13, 15]);
  expect(Array.from(avgPool2d(X(), { kernelSize: 2 }).data)).toEqual([2.5, 4.5, 10.5, 12.5]);
}

const cases = [];
/**
 * A row: `call(heap)` must throw `Class` with a message containing every one
 * of `parts` (parameter, rule, value). `heap(shape, dtype)` allocates a tensor
 * that is freed after the row, so rows can use alloc() without leaking.
 */
function row(edge, call, Class, parts) {
  cases.push({ edge, call, Class, parts });
}

// --- options -------------------------------------------------------------------

// [edge, value, class, rule fragment, value text]; for an option whose
// smallest legal value is `min`.
function badNumbers(min) {
  return [
    ['zero', 0, RangeError, `≥ ${min}`, '0', min > 0],
    ['negative', -1, RangeError, `≥ ${min}`, '-1', true],
    ['very_negative', -(2 ** 31), RangeError, `≥ ${min}`, '-2147483648', true],
    ['fractional', 1.5, RangeError, 'integer', '1.5', true],
    ['nan', NaN, RangeError, 'integer', 'NaN', true],
    ['plus_infinity', Infinity, RangeError, 'integer', 'Infinity', true],
    ['minus_infinity', -Infinity, RangeError, 'integer', '-Infinity', true],
    ['string', '2', TypeError, 'integer', '"2"', true],
    ['empty_string', '', TypeError, 'integer', '""', true],
    ['boolean', true, TypeError, 'integer', 'true', true],
    ['bigint', 2n, TypeError, 'integer', '2n', true],
    ['object', { h: 2 }, TypeError, 'integer', 'object', true],
    ['function', () => 2, TypeError, 'integer', 'function', true],
    ['pair_too_short', [2], TypeError, 'pair', '[2]', true],
    ['pair_too_long', [2, 2, 2], TypeError, 'pair', '[2, 2, 2]', true],
    ['pair_empty', [], TypeError, 'pair', '[]', true],
    ['pair_with_string', [2, '2'], TypeError, 'pair', '[2, "2"]', true],
    ['pair_with_null', [2, null], TypeError, 'pair', '[2, null]', true],
    ['pair_sparse', [, 2], TypeError, 'pair', '2]', true], // eslint-disable-line no-sparse-arrays
    ['pair_nested', [[2], 2], TypeError, 'pair', '[[2], 2]', true],
    ['pair_with_fraction', [2, 0.5], RangeError, 'integer', '0.5', true],
    ['pair_with_nan', [NaN, 2], RangeError, 'integer', 'NaN', true],
    ['pair_with_zero', [2, 0], RangeError, `≥ ${min}`, '[2, 0]', min > 0],
    ['pair_with_negative', [-3, 2], RangeError, `≥ ${min}`, '[-3, 2]', true],
  ].filter((c) => c[5]);
}

// The entry that is wrong is named, not just any entry of the pair.
row('maxPool2d_kernelSize_second_entry_fractional_is_the_one_named', () => maxPool2d(X(), { kernelSize: [2, 1.5] }), RangeError, ['kernelSize', '; 1.5 is not an integer']);
row('maxPool2d_stride_first_entry_fractional_is_the_one_named', () => maxPool2d(X(), { kernelSize: 2, stride: [0.5, 2] }), RangeError, ['stride', '; 0.5 is not an integer']);

// Each entry point that takes options, called with `opts` on a valid input.
const optionCallers = {
  maxPool2d: { kind: 'max', call: (opts) => maxPool2d(X(), opts) },
  avgPool2d: { kind: 'avg', call: (opts) => avgPool2d(X(), opts) },
  avgPool2dBackward: {
    kind: 'avg',
    call: (opts) => avgPool2dBackward({ data: new Float32Array(4), shape: [1, 1, 2, 2] }, [1, 1, 4, 4], opts),
  },
  outputShape: { kind: 'any', call: (opts) => outputShape([4, 4], opts) },
  MaxPool2d: { kind: 'max', call: (opts) => new MaxPool2d(opts) },
  AvgPool2d: { kind: 'avg', call: (opts) => new AvgPool2d(opts) },
};

for (const [caller, { kind, call }] of Object.entries(optionCallers)) {
  const numeric = [
    ['kernelSize', 1, {}],
    ['stride', 1, { kernelSize: 2 }],
    ['padding', 0, { kernelSize: 4 }],
    ['dilation', 1, { kernelSize: 2 }],
  ];
  for (const [name, min, base] of numeric) {
    for (const [edge, value, Class, rule, text] of badNumbers(min)) {
      row(`${caller}_${name}_${edge}`, () => call({ ...base, [name]: value }), Class, [name, rule, text]);
    }
  }
  if (kind !== 'max') {
    row(`${caller}_padding_more_than_half_kernel`, () => call({ kernelSize: 3, padding: 2 }), RangeError, ['padding', 'at most half', '[2, 2]']);
    row(`${caller}_padding_more_than_half_kernel_one_axis`, () => call({ kernelSize: [4, 2], padding: [2, 2] }), RangeError, ['padding', 'at most half', '[2, 2]']);
  } else {
    row(`${caller}_padding_more_than_half_kernel_even_with_dilation`, () => call({ kernelSize: 2, dilation: 3, padding: 2 }), RangeError, ['padding', 'at most half', '[2, 2]']);
  }
  for (const name of ['kernelSize', 'stride', 'dilation']) {
    row(`${caller}_${name}_beyond_2_pow_30`, () => call({ kernelSize: 2, [name]: 2 ** 31 }), RangeError, [name, '≤ 2^30', '2147483648']);
  }
  row(`${caller}_kernelSize_missing`, () => call({ stride: 2 }), TypeError, ['kernelSize', 'required', 'undefined']);
  row(`${caller}_kernelSize_null`, () => call({ kernelSize: null }), TypeError, ['kernelSize', 'integer', 'null']);
  for (const [edge, options, text] of [
    ['undefined', undefined, 'undefined'], ['null', null, 'null'], ['number', 2, '2'], ['string', 'kernelSize=2', '"kernelSize=2"'],
    ['array', [2, 2], '[2, 2]'], ['boolean', false, 'false'],
  ]) {
    row(`${caller}_options_${edge}`, () => call(options), TypeError, [caller, 'options must be an object', text]);
  }
  for (const name of ['ceilMode', ...(kind === 'max' ? [] : ['countIncludePad'])]) {
    for (const [edge, value, text] of [['string', 'true', '"true"'], ['number', 1, '1'], ['null', null, 'null'], ['object', {}, 'object']]) {
      row(`${caller}_${name}_${edge}`, () => call({ kernelSize: 2, [name]: value }), TypeError, [name, 'true or false', text]);
    }
  }
  if (kind !== 'max') {
    for (const [edge, value, Class, text] of [
      ['zero', 0, RangeError, '0'], ['fractional', 2.5, RangeError, '2.5'], ['nan', NaN, RangeError, 'NaN'],
      ['infinity', Infinity, RangeError, 'Infinity'], ['string', '3', TypeError, '"3"'], ['boolean', true, TypeError, 'true'],
      ['bigint', 3n, TypeError, '3n'],
    ]) {
      row(`${caller}_divisorOverride_${edge}`, () => call({ kernelSize: 2, divisorOverride: value }), Class, ['divisorOverride', 'non-zero integer', text]);
    }
    row(`${caller}_divisorOverride_beyond_int32`, () => call({ kernelSize: 2, divisorOverride: 2 ** 31 }), RangeError, ['divisorOverride', '32 bits', '2147483648']);
  }
  row(`${caller}_unknown_option`, () => call({ kernelSize: 2, kernal: 3 }), TypeError, [caller, 'no option', '"kernal"']);
  row(`${caller}_python_spelling`, () => call({ kernel_size: 2 }), TypeError, [caller, 'camelCase', '"kernel_size"']);
  // The forms beyond PyTorch: four paddings, the padding words, dataFormat.
  row(`${caller}_padding_three_numbers`, () => call({ kernelSize: 2, padding: [1, 0, 1] }), TypeError, ['padding', '[top, bottom, left, right]', '[1, 0, 1]', '3 entries']);
  row(`${caller}_padding_four_numbers_negative`, () => call({ kernelSize: 2, padding: [0, 1, -1, 0] }), RangeError, ['padding', '≥ 0', '[0, 1, -1, 0]']);
  row(`${caller}_padding_four_numbers_fractional`, () => call({ kernelSize: 2, padding: [0, 1, 0.5, 0] }), RangeError, ['padding', '0.5 is not an integer']);
  row(`${caller}_padding_four_numbers_string_entry`, () => call({ kernelSize: 2, padding: [0, 1, '1', 0] }), TypeError, ['padding', '[0, 1, "1", 0]']);
  row(`${caller}_padding_four_numbers_beyond_2_pow_30`, () => call({ kernelSize: 2, padding: [0, 2 ** 31, 0, 0] }), RangeError, ['padding', '≤ 2^30', '2147483648']);
  row(`${caller}_padding_SAME_in_capitals_is_refused_with_the_word_to_use`, () => call({ kernelSize: 2, padding: 'SAME' }), TypeError, ['padding', '"same"', '"SAME"', 'lower case']);
  row(`${caller}_padding_SAME_LOWER_names_same_lower`, () => call({ kernelSize: 2, padding: 'SAME_LOWER' }), TypeError, ['padding', '"same-lower"', '"SAME_LOWER"']);
  row(`${caller}_padding_unknown_word`, () => call({ kernelSize: 2, padding: 'full' }), TypeError, ['padding', '"valid", "same", "same-lower"', '"full"']);
  row(`${caller}_dataFormat_NDHWC`, () => call({ kernelSize: 2, dataFormat: 'NDHWC' }), RangeError, ['dataFormat', '"NCHW" or "NHWC"', '"NDHWC"']);
  row(`${caller}_dataFormat_lower_case`, () => call({ kernelSize: 2, dataFormat: 'nhwc' }), RangeError, ['dataFormat', 'capitals', '"nhwc"']);
  row(`${caller}_dataFormat_keras_channels_last`, () => call({ kernelSize: 2, dataFormat: 'channels_last' }), RangeError, ['dataFormat', '"NHWC"', '"channels_last"']);
  row(`${caller}_dataFormat_number`, () => call({ kernelSize: 2, dataFormat: 1 }), TypeError, ['dataFormat', '"NCHW" or "NHWC"', '1']);
  row(`${caller}_onnx_spelling_auto_pad`, () => call({ kernelSize: 2, auto_pad: 'SAME_UPPER' }), TypeError, [caller, 'camelCase', '"auto_pad"', '"padding"']);
  if (kind === 'avg') {
    row(`${caller}_returnIndices_for_average_pooling`, () => call({ kernelSize: 2, returnIndices: false }), TypeError, [caller, '"returnIndices"', 'no indices']);
  } else {
    row(`${caller}_returnIndices_not_boolean`, () => call({ kernelSize: 2, returnIndices: 0 }), TypeError, ['returnIndices', 'true or false', '0']);
  }
  if (kind === 'max') {
    row(`${caller}_countIncludePad_for_max_pooling`, () => call({ kernelSize: 2, countIncludePad: true }), TypeError, [caller, 'no option', '"countIncludePad"']);
    row(`${caller}_divisorOverride_for_max_pooling`, () => call({ kernelSize: 2, divisorOverride: 2 }), TypeError, [caller, 'no option', '"divisorOverride"']);
  }
}

// --- output sizes --------------------------------------------------------------

for (const [edge, opts, text] of [
  ['kernel_larger_than_input', { kernelSize: 5 }, '[0, 0]'],
  ['kernel_larger_on_one_axis', { kernelSize: [2, 9] }, '[2, 0]'],
  ['dilated_window_larger_than_input', { kernelSize: 2, dilation: 4 }, '[-0, -0]'.replace(/-0/g, '0')],
  ['ceil_mode_does_not_rescue_too_large_kernel', { kernelSize: 6, stride: 1, ceilMode: true }, '[-1, -1]'],
  ['huge_kernel_without_padding', { kernelSize: 2 ** 30 }, 'output size'],
]) {
  row(`maxPool2d_output_size_below_1_${edge}`, () => maxPool2d(X(), opts), RangeError, ['output size', '≥ 1', text]);
  row(`outputShape_output_size_below_1_${edge}`, () => outputShape([4, 4], opts), RangeError, ['output size', '≥ 1', text]);
}
row('avgPool2d_output_size_below_1', () => avgPool2d(X(), { kernelSize: [1, 6], padding: [0, 0] }), RangeError, ['output size', '≥ 1', '[4, 0]']);
row('avgPool2dBackward_output_size_below_1', () => avgPool2dBackward({ data: [1], shape: [1, 1, 1] }, [1, 1, 1], { kernelSize: 2 }), RangeError, ['output size', '≥ 1', '[0, 0]']);

// --- outputShape's own input ---------------------------------------------------------

for (const [edge, shape, Class, parts] of [
  ['not_an_array', 4, TypeError, ['inputShape', 'pair [H, W]', '4']],
  ['rank_3', [1, 4, 4], TypeError, ['inputShape', 'pair [H, W]', '[1, 4, 4]']],
  ['zero', [0, 4], RangeError, ['inputShape[0]', 'positive integer', '0']],
  ['negative', [4, -4], RangeError, ['inputShape[1]', 'positive integer', '-4']],
  ['fractional', [4.5, 4], RangeError, ['inputShape[0]', 'positive integer', '4.5']],
  ['nan', [4, NaN], RangeError, ['inputShape[1]', 'positive integer', 'NaN']],
  ['infinity', [Infinity, 4], RangeError, ['inputShape[0]', 'positive integer', 'Infinity']],
  ['string', ['4', 4], TypeError, ['inputShape[0]', 'integer', '"4"']],
  ['sparse', [, 4], TypeError, ['inputShape[0]', 'integer', 'undefined']], // eslint-disable-line no-sparse-arrays
]) {
  row(`outputShape_inputShape_${edge}`, () => outputShape(shape, { kernelSize: 2 }), Class, parts);
}

// --- tensors: x of the forward calls, gradOutput of the backward calls ---------------

const forwardCallers = {
  maxPool2d: (x) => maxPool2d(x, { kernelSize: 1 }),
  avgPool2d: (x) => avgPool2d(x, { kernelSize: 1 }),
  MaxPool2d_forward: (x) => new MaxPool2d({ kernelSize: 1 }).forward(x),
  AvgPool2d_forward: (x) => new AvgPool2d({ kernelSize: 1 }).forward(x),
};
const badTensors = [
  ['undefined', undefined, TypeError, ['x', 'tensor { data, shape }', 'undefined']],
  ['null', null, TypeError, ['x', 'tensor { data, shape }', 'null']],
  ['number', 3, TypeError, ['x', 'tensor { data, shape }', '3']],
  ['nested_array', [[[1]]], TypeError, ['x', 'tensor { data, shape }', '[[[1]]]']],
  ['typed_array_alone', new Float32Array(4), TypeError, ['x', 'tensor { data, shape }', 'Float32Array(4)']],
  ['missing_data', { shape: [1, 2, 2] }, TypeError, ['x', 'tensor { data, shape }', 'shape']],
  ['missing_shape', { data: new Float32Array(4) }, TypeError, ['x', 'tensor { data, shape }', 'data']],
  ['shape_not_array', { data: new Float32Array(4), shape: '1,2,2' }, TypeError, ['x.shape', 'array of sizes', '"1,2,2"']],
  ['shape_typed_array', { data: new Float32Array(4), shape: new Int32Array([1, 2, 2]) }, TypeError, ['x.shape', 'array of sizes', 'Int32Array(3)']],
  ['rank_0', { data: new Float32Array(1), shape: [] }, RangeError, ['x.shape', '3 ([C, H, W]) or 4 ([N, C, H, W]) dimensions', '[]']],
  ['rank_1', { data: new Float32Array(4), shape: [4] }, RangeError, ['x.shape', 'dimensions', '[4]']],
  ['rank_2', { data: new Float32Array(4), shape: [2, 2] }, RangeError, ['x.shape', 'dimensions', '[2, 2]']],
  ['rank_5', { data: new Float32Array(4), shape: [1, 1, 1, 2, 2] }, RangeError, ['x.shape', 'dimensions', '[1, 1, 1, 2, 2]']],
  ['size_zero', { data: new Float32Array(0), shape: [1, 0, 2] }, RangeError, ['x.shape[1]', 'positive integer', '0']],
  ['size_negative', { data: new Float32Array(4), shape: [-1, 2, 2] }, RangeError, ['x.shape[0]', 'positive integer', '-1']],
  ['size_fractional', { data: new Float32Array(4), shape: [1, 2.5, 2] }, RangeError, ['x.shape[1]', 'positive integer', '2.5']],
  ['size_nan', { data: new Float32Array(4), shape: [1, 2, NaN] }, RangeError, ['x.shape[2]', 'positive integer', 'NaN']],
  ['size_infinity', { data: new Float32Array(4), shape: [1, Infinity, 2] }, RangeError, ['x.shape[1]', 'positive integer', 'Infinity']],
  ['size_string', { data: new Float32Array(4), shape: [1, '2', 2] }, TypeError, ['x.shape[1]', 'integer', '"2"']],
  ['size_bigint', { data: new Float32Array(4), shape: [1, 2n, 2] }, TypeError, ['x.shape[1]', 'integer', '2n']],
  ['size_null', { data: new Float32Array(4), shape: [1, null, 2] }, TypeError, ['x.shape[1]', 'integer', 'null']],
  ['shape_sparse', { data: new Float32Array(4), shape: [1, , 2, 2] }, TypeError, ['x.shape[1]', 'integer', 'undefined']], // eslint-disable-line no-sparse-arrays
  ['element_count_overflows_32_bits', { data: new Float32Array(4), shape: [65536, 65536, 1, 1] }, RangeError, ['x.shape', 'at most 1073741808', '4294967296']],
  ['element_count_bytes_overflow_32_bits', { data: new Float32Array(4), shape: [1, 1, 32768, 32768] }, RangeError, ['x.shape', '32-bit wasm memory', '1073741824']],
  ['element_count_beyond_2_pow_53', { data: new Float32Array(4), shape: [2 ** 30, 2 ** 30, 2 ** 30] }, RangeError, ['x.shape', 'at most', 'elements']],
  ['data_too_short', { data: new Float32Array(3), shape: [1, 2, 2] }, RangeError, ['x.data', '4 elements', 'got 3']],
  ['data_too_long', { data: new Float32Array(5), shape: [1, 2, 2] }, RangeError, ['x.data', '4 elements', 'got 5']],
  ['data_plain_array_too_short', { data: [1, 2], shape: [1, 2, 2] }, RangeError, ['x.data', '4 elements', 'got 2']],
  ['data_string_entry', { data: [1, '2', 3, 4], shape: [1, 2, 2] }, TypeError, ['x.data[1]', 'number', '"2"']],
  ['data_null_entry', { data: [1, 2, null, 4], shape: [1, 2, 2] }, TypeError, ['x.data[2]', 'number', 'null']],
  ['data_bigint_entry', { data: [1, 2, 3, 4n], shape: [1, 2, 2] }, TypeError, ['x.data[3]', 'number', '4n']],
  ['data_sparse', { data: [1, , 3, 4], shape: [1, 2, 2] }, TypeError, ['x.data[1]', 'number', 'undefined']], // eslint-disable-line no-sparse-arrays
  ['data_nested', { data: [[1, 2], [3, 4]], shape: [1, 2, 2] }, TypeError, ['x.data[0]', 'number', 'tensor(nested)']],
  ['data_bigint64array', { data: new BigInt64Array(4), shape: [1, 2, 2] }, TypeError, ['x.data', 'numbers', 'BigInt64Array']],
  ['data_biguint64array', { data: new BigUint64Array(4), shape: [1, 2, 2] }, TypeError, ['x.data', 'numbers', 'BigUint64Array']],
  ['data_dataview', { data: new DataView(new ArrayBuffer(16)), shape: [1, 2, 2] }, TypeError, ['x.data', 'Float32Array or an array of numbers', 'DataView']],
  ['data_arraybuffer', { data: new ArrayBuffer(16), shape: [1, 2, 2] }, TypeError, ['x.data', 'Float32Array or an array of numbers', 'ArrayBuffer']],
  ['data_string', { data: '1 2 3 4', shape: [1, 2, 2] }, TypeError, ['x.data', 'Float32Array or an array of numbers', '"1 2 3 4"']],
  ['data_null', { data: null, shape: [1, 2, 2] }, TypeError, ['x.data', 'Float32Array', 'null']],
  ['data_object', { data: { length: 4 }, shape: [1, 2, 2] }, TypeError, ['x.data', 'Float32Array', 'object']],
];
for (const [caller, call] of Object.entries(forwardCallers)) {
  for (const [edge, value, Class, parts] of badTensors) row(`${caller}_x_${edge}`, () => call(value), Class, parts);
}
const gradOf = ([name, ...rest]) => [name.replace(/^x/, 'gradOutput'), ...rest];
for (const [edge, value, Class, parts] of badTensors) {
  const indices = maxPool2d(X(), { kernelSize: 2 }).indices;
  row(`maxPool2dBackward_gradOutput_${edge}`, () => maxPool2dBackward(value, indices, [1, 1, 4, 4]), Class, gradOf(parts));
  row(`avgPool2dBackward_gradOutput_${edge}`, () => avgPool2dBackward(value, [1, 1, 4, 4], { kernelSize: 2 }), Class, gradOf(parts));
}

// --- backward calls -------------------------------------------------------------

const G = () => ({ data: new Float32Array(4).fill(1), shape: [1, 1, 2, 2] });
const I = () => maxPool2d(X(), { kernelSize: 2 }).indices;
for (const [caller, call] of [
  ['maxPool2dBackward', (shape) => maxPool2dBackward(G(), I(), shape)],
  ['avgPool2dBackward', (shape) => avgPool2dBackward(G(), shape, { kernelSize: 2 })],
]) {
  for (const [edge, shape, Class, parts] of [
    ['not_array', 16, TypeError, ['inputShape', 'array of sizes', '16']],
    ['rank_2', [4, 4], RangeError, ['inputShape', 'dimensions', '[4, 4]']],
    ['rank_5', [1, 1, 1, 4, 4], RangeError, ['inputShape', 'dimensions', '[1, 1, 1, 4, 4]']],
    ['zero', [1, 0, 4, 4], RangeError, ['inputShape[1]', 'positive integer', '0']],
    ['fractional', [1, 1, 4.5, 4], RangeError, ['inputShape[2]', 'positive integer', '4.5']],
    ['string', [1, 1, '4', 4], TypeError, ['inputShape[2]', 'integer', '"4"']],
    ['overflow', [2 ** 20, 2 ** 20, 4, 4], RangeError, ['inputShape', '32-bit wasm memory', 'elements']],
  ]) {
    row(`${caller}_inputShape_${edge}`, () => call(shape), Class, parts);
  }
}
// 64 bytes of gradOutput plus 2^32 - 64 of gradInput: a 2^32 total would
// wrap to a 0-byte request in allocate(uint32) and the kernel would write 4 GB
// past a tiny block (it trapped with "memory access out of bounds" before).
row('avgPool2dBackward_scratch_total_wraps_32_bits', () => avgPool2dBackward({ data: [1], shape: [1, 1, 1] }, [1, 16, 67108863], { kernelSize: [16, 67108863] }), RangeError, ['tensors need', '32-bit wasm memory', '4294967296']);
row('maxPool2dBackward_gradOutput_rank_differs_from_inputShape', () => maxPool2dBackward({ data: new Float32Array(4), shape: [1, 2, 2] }, { data: new Int32Array(4), shape: [1, 2, 2] }, [1, 1, 4, 4]), RangeError, ['gradOutput.shape', 'match inputShape', '[1, 2, 2]']);
row('maxPool2dBackward_gradOutput_channels_differ_from_inputShape', () => maxPool2dBackward({ data: new Float32Array(8), shape: [1, 2, 2, 2] }, { data: new Int32Array(8), shape: [1, 2, 2, 2] }, [1, 1, 4, 4]), RangeError, ['gradOutput.shape', 'match inputShape', '[1, 2, 2, 2]']);
// The indices carry the forward's output size, so a differing gradOutput is
// the argument named.
row('maxPool2dBackward_gradOutput_shape_differs_from_indices', () => maxPool2dBackward(G(), { data: new Int32Array(2), shape: [1, 1, 1, 2] }, [1, 1, 4, 4]), RangeError, ['gradOutput.shape', 'must be [1, 1, 1, 2]', 'indices.shape', 'but got [1, 1, 2, 2]']);
row('maxPool2dBackward_nhwc_gradOutput_channels_differ', () => maxPool2dBackward({ data: new Float32Array(8), shape: [1, 2, 2, 2] }, { data: new Int32Array(8), shape: [1, 2, 2, 2] }, [1, 4, 4, 1], { dataFormat: 'NHWC' }), RangeError, ['gradOutput.shape', 'match inputShape', '[1, 2, 2, 2]']);
row('maxPool2dBackward_dataFormat_bad', () => maxPool2dBackward(G(), { data: new Int32Array(4), shape: [1, 1, 2, 2] }, [1, 1, 4, 4], { dataFormat: 'CHWN' }), RangeError, ['dataFormat', '"NCHW" or "NHWC"', '"CHWN"']);
row('maxPool2d_indices_target_without_returnIndices', (heap) => maxPool2d(X(), { kernelSize: 2, returnIndices: false }, { indices: heap([1, 1, 2, 2], 'int32') }), TypeError, ['output argument', '"indices"', 'expected output']);
row('MaxPool2d_backwardInput_without_returnIndices', () => {
  const layer = new MaxPool2d({ kernelSize: 2, returnIndices: false });
  layer.forward(X());
  return layer.backwardInput({ data: new Float32Array(4), shape: [1, 1, 2, 2] });
}, Error, ['backwardInput', 'returnIndices: false']);
row('maxPool2dBackward_indices_rank_differs', () => maxPool2dBackward(G(), { data: new Int32Array(4), shape: [1, 2, 2] }, [1, 1, 4, 4]), RangeError, ['indices.shape', 'equal gradOutput.shape', '[1, 2, 2]']);
for (const [edge, value, Class, parts] of [
  ['index_past_plane', 16, RangeError, ['indices', '[-1, 16)', '16']],
  ['index_far_past_plane', 2 ** 31 - 1, RangeError, ['indices', '[-1, 16)', '2147483647']],
  ['index_below_minus_one', -2, RangeError, ['indices', '[-1, 16)', '-2']],
  ['index_int32_min', -(2 ** 31), RangeError, ['indices', '[-1, 16)', '-2147483648']],
  ['index_fractional', 1.5, RangeError, ['indices.data[3]', 'integer', '1.5']],
  ['index_nan', NaN, RangeError, ['indices.data[3]', 'integer', 'NaN']],
  ['index_beyond_int32_would_wrap_to_0', 2 ** 32, RangeError, ['indices.data[3]', 'integer in [-2147483648, 2147483647]', '4294967296']],
  ['index_string', '1', TypeError, ['indices.data[3]', 'number', '"1"']],
]) {
  row(`maxPool2dBackward_${edge}`, () => maxPool2dBackward(G(), { data: [0, 1, 2, value], shape: [1, 1, 2, 2] }, [1, 1, 4, 4]), Class, parts);
}
row('maxPool2dBackward_indices_float32array_fraction', () => maxPool2dBackward(G(), { data: new Float32Array([0, 1, 2, 0.5]), shape: [1, 1, 2, 2] }, [1, 1, 4, 4]), RangeError, ['indices.data[3]', 'integer', '0.5']);
row('maxPool2dBackward_indices_uint32array_beyond_int32', () => maxPool2dBackward(G(), { data: new Uint32Array([0, 1, 2, 2 ** 31]), shape: [1, 1, 2, 2] }, [1, 1, 4, 4]), RangeError, ['indices.data[3]', 'integer', '2147483648']);
row('maxPool2dBackward_indices_bigint64array', () => maxPool2dBackward(G(), { data: new BigInt64Array(4), shape: [1, 1, 2, 2] }, [1, 1, 4, 4]), TypeError, ['indices.data', 'numbers', 'BigInt64Array']);
row('maxPool2dBackward_indices_missing', () => maxPool2dBackward(G(), undefined, [1, 1, 4, 4]), TypeError, ['indices', 'tensor', 'undefined']);
row('avgPool2dBackward_gradOutput_shape_not_the_forward_output', () => avgPool2dBackward({ data: new Float32Array(9), shape: [1, 1, 3, 3] }, [1, 1, 4, 4], { kernelSize: 2 }), RangeError, ['gradOutput.shape', '[1, 1, 2, 2]', '[1, 1, 3, 3]']);
row('avgPool2dBackward_gradOutput_rank_differs', () => avgPool2dBackward({ data: new Float32Array(4), shape: [1, 2, 2] }, [1, 1, 4, 4], { kernelSize: 2 }), RangeError, ['gradOutput.shape', '[1, 1, 2, 2]', '[1, 2, 2]']);
row('MaxPool2d_backwardInput_gradOutput_wrong_shape', () => {
  const layer = new MaxPool2d({ kernelSize: 2 });
  layer.forward(X());
  return layer.backwardInput({ data: new Float32Array(2), shape: [1, 1, 1, 2] });
}, RangeError, ['gradOutput.shape', 'must be [1, 1, 2, 2]', 'indices.shape', 'but got [1, 1, 1, 2]']);
row('AvgPool2d_backwardInput_gradOutput_wrong_shape', () => {
  const layer = new AvgPool2d({ kernelSize: 2 });
  layer.forward(X());
  return layer.backwardInput({ data: new Float32Array(9), shape: [1, 1, 3, 3] });
}, RangeError, ['gradOutput.shape', '[1, 1, 2, 2]', '[1, 1, 3, 3]']);

// --- alloc() tensors ----------------------------------------------------------------

for (const [edge, shape, dtype, Class, parts] of [
  ['dtype_float64', [4], 'float64', TypeError, ['dtype', '"float32" or "int32"', '"float64"']],
  ['dtype_constructor', [4], Float32Array, TypeError, ['dtype', '"float32" or "int32"', 'function']],
  ['shape_not_array', 4, 'float32', TypeError, ['shape', 'array of sizes', '4']],
  ['shape_zero', [2, 0], 'float32', RangeError, ['shape[1]', 'positive integer', '0']],
  ['shape_fractional', [2.5], 'float32', RangeError, ['shape[0]', 'positive integer', '2.5']],
  ['shape_overflows_32_bits', [2 ** 16, 2 ** 16], 'float32', RangeError, ['shape', '32-bit wasm memory', '4294967296']],
  ['bytes_overflow_32_bits', [2 ** 30], 'int32', RangeError, ['shape', '32-bit wasm memory', '1073741824']],
  // 3.9 GB fits the 32-bit rule but not the 4 GB memory beside the module itself.
  ['out_of_wasm_memory_3_9_GB', [975000000], 'float32', RangeError, ['alloc', 'out of wasm memory', '[975000000]']],
  ['out_of_wasm_memory_just_below_the_limit', [2 ** 30 - 16], 'float32', RangeError, ['alloc', 'out of wasm memory', '4294967232 bytes']],
]) {
  row(`alloc_${edge}`, () => alloc(shape, dtype), Class, parts);
}
row('heap_tensor_freed_as_x', (heap) => {
  const x = alloc([1, 2, 2]);
  x.free();
  heap([1, 2, 2]); // malloc hands the freed address out again: the old tensor must stay dead
  return maxPool2d(x, { kernelSize: 2 });
}, TypeError, ['x', 'freed', 'free()']);
row('heap_tensor_freed_as_gradOutput', () => {
  const g = alloc([1, 1, 2, 2]);
  g.free();
  return avgPool2dBackward(g, [1, 1, 4, 4], { kernelSize: 2 });
}, TypeError, ['gradOutput', 'freed', 'free()']);
row('heap_tensor_freed_as_output_target', (heap) => {
  const out = alloc([1, 1, 2, 2]);
  out.free();
  return avgPool2d(heap([1, 1, 4, 4]), { kernelSize: 2 }, { output: out });
}, TypeError, ['output', 'freed', 'free()']);
row('heap_tensor_freed_data_access', () => {
  const x = alloc([4]);
  x.free();
  return x.data;
}, TypeError, ['alloc() tensor', 'freed', 'cannot be used']);
row('heap_tensor_foreign_object_with_its_prototype', (heap) => {
  const fake = Object.create(Object.getPrototypeOf(heap([1, 2, 2])));
  Object.assign(fake, { shape: [1, 2, 2], dtype: 'float32' });
  return maxPool2d(fake, { kernelSize: 2 });
}, TypeError, ['x', 'made by alloc()', 'posing as an alloc() tensor']);
row('heap_tensor_proxy', (heap) => maxPool2d(new Proxy(heap([1, 2, 2]), {}), { kernelSize: 2 }), TypeError, ['x', 'made by alloc()', 'posing']);
row('heap_tensor_foreign_object_as_output_target', (heap) => {
  const fake = Object.create(Object.getPrototypeOf(heap([1, 1, 2, 2])));
  Object.assign(fake, { shape: [1, 1, 2, 2], dtype: 'float32' });
  return avgPool2d(X(), { kernelSize: 2 }, { output: fake });
}, TypeError, ['output', 'made by alloc()', 'posing']);
row('heap_tensor_shape_reassigned', (heap) => {
  const x = heap([1, 2, 2]);
  x.shape = [1, 1000, 1000]; // would let the kernel read far past the block
}, TypeError, ['read only', 'shape', 'HeapTensor']);
row('heap_tensor_dtype_reassigned', (heap) => {
  const x = heap([1, 2, 2]);
  x.dtype = 'int32';
}, TypeError, ['read only', 'dtype', 'HeapTensor']);
row('heap_tensor_int32_as_x', (heap) => maxPool2d(heap([1, 2, 2], 'int32'), { kernelSize: 2 }), TypeError, ['x', 'float32', '"int32"']);
row('heap_tensor_float32_as_indices', (heap) => maxPool2dBackward(G(), heap([1, 1, 2, 2]), [1, 1, 4, 4]), TypeError, ['indices', 'int32', '"float32"']);
row('output_target_plain_tensor', () => maxPool2d(X(), { kernelSize: 2 }, { output: { data: new Float32Array(4), shape: [1, 1, 2, 2] } }), TypeError, ['output', 'made by alloc()', 'object with keys']);
row('output_target_wrong_shape', (heap) => maxPool2d(X(), { kernelSize: 2 }, { output: heap([1, 1, 2, 3]) }), RangeError, ['output.shape', '[1, 1, 2, 2]', '[1, 1, 2, 3]']);
row('output_target_wrong_rank', (heap) => avgPool2d(X(), { kernelSize: 2 }, { output: heap([1, 2, 2]) }), RangeError, ['output.shape', '[1, 1, 2, 2]', '[1, 2, 2]']);
row('indices_target_float32', (heap) => maxPool2d(X(), { kernelSize: 2 }, { indices: heap([1, 1, 2, 2]) }), TypeError, ['indices', 'int32', '"float32"']);
row('gradInput_target_wrong_shape', (heap) => avgPool2dBackward(G(), [1, 1, 4, 4], { kernelSize: 2 }, { gradInput: heap([1, 1, 4, 5]) }), RangeError, ['gradInput.shape', '[1, 1, 4, 4]', '[1, 1, 4, 5]']);
row('output_target_is_the_input', (heap) => {
  const x = heap([1, 1, 4, 4]);
  return maxPool2d(x, { kernelSize: 3, stride: 1, padding: 1 }, { output: x });
}, RangeError, ['output', 'different tensor from x', 'same alloc() tensor']);
row('gradInput_target_is_gradOutput', (heap) => {
  const g = heap([1, 1, 2, 2]);
  return avgPool2dBackward(g, [1, 1, 2, 2], { kernelSize: 1 }, { gradInput: g });
}, RangeError, ['gradInput', 'different tensor from gradOutput', 'same alloc() tensor']);
row('targets_unknown_field', (heap) => avgPool2d(X(), { kernelSize: 2 }, { out: heap([1, 1, 2, 2]) }), TypeError, ['output argument', 'no field', '"out"']);
row('targets_indices_for_avg', (heap) => avgPool2d(X(), { kernelSize: 2 }, { indices: heap([1, 1, 2, 2], 'int32') }), TypeError, ['output argument', 'no field', '"indices"']);
row('targets_null', () => maxPool2d(X(), { kernelSize: 2 }, null), TypeError, ['output argument', 'object like', 'null']);
row('targets_number', () => maxPool2d(X(), { kernelSize: 2 }, 5), TypeError, ['output argument', 'object like', '5']);

// --- tensor() ------------------------------------------------------------------------

for (const [edge, nested, dtype, Class, parts] of [
  ['dtype_unknown', [[[1]]], 'float16', TypeError, ['dtype', '"float32" or "int32"', '"float16"']],
  ['not_an_array', 5, undefined, TypeError, ['tensor()', 'nested arrays of numbers', '5']],
  ['empty', [], undefined, RangeError, ['tensor()', 'non-empty arrays', 'depth 0']],
  ['empty_inner', [[]], undefined, RangeError, ['tensor()', 'non-empty arrays', 'depth 1']],
  ['ragged', [[1, 2], [3]], undefined, RangeError, ['tensor()', 'rectangular', '[1]']],
  ['ragged_depth', [[1, 2], 3], undefined, RangeError, ['tensor()', 'rectangular', '[1]']],
  ['string_entry', [[1, 'x']], undefined, TypeError, ['tensor() entry [0][1]', 'number', '"x"']],
  ['null_entry', [[null, 1]], undefined, TypeError, ['tensor() entry [0][0]', 'number', 'null']],
]) {
  row(`tensor_${edge}`, () => tensor(nested, dtype), Class, parts);
}

// --- the table, run ------------------------------------------------------------------

describe('every bad input throws the right class, names parameter, rule and value, and leaks nothing', () => {
  it('has hundreds of rows with unique names', () => {
    expect(cases.length).toBeGreaterThan(400);
    expect(new Set(cases.map((c) => c.edge)).size).toBe(cases.length);
  });

  for (const { edge, call, Class, parts } of cases) {
    it(edge, () => {
      const before = memoryStats();
      const held = [];
      const heap = (shape, dtype) => {
        const t = alloc(shape, dtype);
        held.push(t);
        return t;
      };
      let caught = null;
      try {
        call(heap);
      } catch (error) {
        caught = error;
      } finally {
        held.forEach((t) => t.free());
      }
      expect(caught, 'the call did not throw').toBeInstanceOf(Class);
      // Exactly the class asked for: a RangeError is not accepted where a TypeError is due.
      expect(caught.constructor).toBe(Class);
      for (const part of parts) expect(caught.message).toContain(part);
      expectModuleStillWorks();
      const after = memoryStats();
      expect(after.bytesInUse).toBe(before.bytesInUse);
      expect(after.liveTensors).toBe(before.liveTensors);
    });
  }
});

afterAll(() => {
  expect(memoryStats().liveTensors).toBe(0);
});
