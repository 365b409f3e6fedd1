// The page's answer reader (web/js/parse.js): every form a learner may paste.
import { describe, expect, it } from 'vitest';
import { parseAnswer } from '../../web/js/parse.js';

const ok = (text) => {
  const r = parseAnswer(text);
  expect(r.ok, JSON.stringify(r.error)).toBe(true);
  return r;
};
const fails = (text) => {
  const r = parseAnswer(text);
  expect(r.ok).toBe(false);
  return r.error;
};

describe('numpy print form', () => {
  it('numpy_print_copied_from_notebook_with_label_and_blank_lines', () => {
    const r = ok('o_1:\n[[[[5. 5.]\n   [6. 3.]]\n\n  [[7. 7.]\n   [7. 7.]]]]');
    expect(r.shape).toEqual([1, 2, 2, 2]);
    expect(r.values).toEqual([5, 5, 6, 3, 7, 7, 7, 7]);
  });

  it('numpy_print_with_negative_padded_values', () => {
    const r = ok('[[ 2.  2.  3.]\n [ 0. -1. -1.]]');
    expect(r.shape).toEqual([2, 3]);
    expect(r.values).toEqual([2, 2, 3, 0, -1, -1]);
  });

  it('numpy_print_with_fractions_and_exponents', () => {
    const r = ok('[[0.6  0.65]\n [1e-05 -2.5E+2]]');
    expect(r.values).toEqual([0.6, 0.65, 1e-5, -250]);
  });

  it('numpy_repr_with_array_wrapper_and_dtype', () => {
    const r = ok('array([[1., 2.],\n       [3., 4.]], dtype=float32)');
    expect(r.shape).toEqual([2, 2]);
    expect(r.values).toEqual([1, 2, 3, 4]);
  });

  it('torch_repr_with_grad_fn', () => {
    const r = ok('tensor([[[[5., 5.],\n          [6., 3.]]]], grad_fn=<MaxPool2DWithIndicesBackward0>)');
    expect(r.shape).toEqual([1, 1, 2, 2]);
  });

  it('integer_array_for_backprop_yx', () => {
    const r = ok('[[[[[1 2]\n    [0 2]]]]]');
    expect(r.shape).toEqual([1, 1, 1, 2, 2]);
    expect(r.values).toEqual([1, 2, 0, 2]);
  });

  it('non_finite_words', () => {
    expect(ok('[nan inf -inf]').values).toEqual([NaN, Infinity, -Infinity]);
  });
});

describe('json and tuples', () => {
  it('json_nested_array', () => {
    const r = ok('[[1, 2.5], [-3, 4]]');
    expect(r.shape).toEqual([2, 2]);
    expect(r.values).toEqual([1, 2.5, -3, 4]);
  });

  it('python_tuple_for_a_shape', () => {
    expect(ok('(2, 2)')).toMatchObject({ shape: [2], values: [2, 2] });
    expect(ok('(4,9)')).toMatchObject({ shape: [2], values: [4, 9] });
  });

  it('one_element_tuple_with_trailing_comma', () => {
    expect(ok('(3,)')).toMatchObject({ shape: [1], values: [3] });
  });

  it('torch_size_wrapper', () => {
    expect(ok('torch.Size([1, 2, 2, 2])')).toMatchObject({ shape: [4], values: [1, 2, 2, 2] });
  });
});

describe('plain numbers', () => {
  it('plain_whitespace_separated_row_major_has_no_shape', () => {
    expect(ok('5 5\n6 3')).toMatchObject({ shape: null, values: [5, 5, 6, 3], nested: false });
  });

  it('plain_comma_separated', () => {
    expect(ok('4, 9')).toMatchObject({ shape: null, values: [4, 9] });
  });
});

describe('garbage gets a reason', () => {
  it('absurdly_deep_nesting_is_invalid_not_a_stack_overflow', () => {
    const r = parseAnswer(`${'['.repeat(20000)}1${']'.repeat(20000)}`);
    expect(r.ok).toBe(false);
    expect(r.error).toMatchObject({ key: 'tooDeep', line: 1, col: 17, max: 16 });
    expect(parseAnswer(`${'['.repeat(16)}1${']'.repeat(16)}`).ok).toBe(true);
  });

  it('empty_answer', () => {
    expect(fails('   \n ').key).toBe('empty');
  });

  it('word_instead_of_number_names_token_line_and_column', () => {
    expect(fails('[[1 2]\n [3 vier]]')).toMatchObject({ key: 'badToken', token: 'vier', line: 2, col: 5 });
  });

  it('number_glued_to_letters_is_not_half_read', () => {
    expect(fails('3x 4')).toMatchObject({ key: 'badToken', token: '3x' });
    expect(fails('5.5.5')).toMatchObject({ key: 'badToken' });
  });

  it('numpy_ellipsis_from_summarised_print', () => {
    expect(fails('[1. 2. ... 9.]').key).toBe('ellipsis');
  });

  it('unclosed_bracket_points_at_the_opening_one', () => {
    expect(fails('[[1 2]\n [3 4]')).toMatchObject({ key: 'unclosed', line: 1, col: 1 });
  });

  it('closing_bracket_without_opening', () => {
    expect(fails('[1 2]]').key).toBe('unexpectedClose');
  });

  it('numbers_after_the_outer_brackets', () => {
    expect(fails('[1 2] 3').key).toBe('outsideBrackets');
    expect(fails('1 [2]').key).toBe('outsideBrackets');
  });

  it('ragged_rows_are_named', () => {
    expect(fails('[[1, 2], [3]]')).toMatchObject({ key: 'ragged', expected: 2, got: 1 });
  });

  it('mixed_nesting_depth', () => {
    expect(fails('[[1, 2], 3]').key).toBe('ragged');
    expect(fails('[1, [2, 3]]').key).toBe('ragged');
  });

  it('empty_brackets', () => {
    expect(fails('[]').key).toBe('emptyList');
  });

  it('non_string_input', () => {
    expect(parseAnswer(undefined).ok).toBe(false);
  });
});

describe('labels printed by the notebook', () => {
  it('in5_output_shape_with_its_label_as_the_readme_says', () => {
    expect(ok('Output Shape Max Pooling:\n (2, 2)')).toMatchObject({ values: [2, 2], shape: [2] });
    expect(ok('Output Shape:\n (4, 9)')).toMatchObject({ values: [4, 9], shape: [2] });
  });

  it('words_without_a_colon_are_still_not_numbers', () => {
    expect(fails('Output Shape (2, 2)').key).toBe('badToken');
  });
});

describe('decimal comma', () => {
  it('a_comma_between_digits_carries_the_decimal_point_reading', () => {
    const r = ok('[[2,6667 3,1111]]');
    expect(r.values).toEqual([2, 6667, 3, 1111]);
    expect(r.decimalComma).toEqual({ token: '2,6667', fixed: '2.6667', values: [2.6667, 3.1111], shape: [1, 2] });
    expect(ok('(2, 2)').decimalComma).toBeUndefined();
  });
});
