// The page's answer checker (web/js/check.js) and its verdict sentences (i18n.js).
import { beforeAll, describe, expect, it } from 'vitest';
import { checkAnswer, close, TOLERANCE, unravel } from '../../web/js/check.js';
import { parseAnswer } from '../../web/js/parse.js';
import { loadLang, t, verdictText } from '../../web/js/i18n.js';

beforeAll(async () => {
  await loadLang('de');
  await loadLang('en');
});

const expected = { data: Float32Array.from([5, 5, 6, 3, 7, 7, 7, 7]), shape: [1, 2, 2, 2] };
const run = (text, want = expected) => checkAnswer(parseAnswer(text), want);

describe('checkAnswer', () => {
  it('right_answer_in_numpy_form_is_correct', () => {
    expect(run('[[[[5. 5.]\n   [6. 3.]]\n\n  [[7. 7.]\n   [7. 7.]]]]').state).toBe('correct');
  });

  it('right_answer_as_plain_row_major_numbers_is_correct', () => {
    expect(run('5 5 6 3 7 7 7 7').state).toBe('correct');
  });

  it('one_wrong_cell_is_named_by_its_index', () => {
    const r = run('[[[[5, 5], [6, 3]], [[7, 7], [7, 8]]]]');
    expect(r.state).toBe('wrong');
    expect(r.wrong).toEqual([7]);
    expect(r.reason).toMatchObject({ key: 'cells', count: 1, total: 8 });
    expect(r.reason.cells[0].index).toEqual([0, 1, 1, 1]);
  });

  it('wrong_shape_is_named_as_such', () => {
    const r = run('[[5, 5], [6, 3], [7, 7], [7, 7]]');
    expect(r.state).toBe('wrong');
    expect(r.reason).toMatchObject({ key: 'shape', got: [4, 2], expected: [1, 2, 2, 2] });
    expect(verdictText('en', r)).toBe('Wrong shape: your answer has shape (4, 2), expected (1, 2, 2, 2).');
  });

  it('plain_numbers_of_wrong_count', () => {
    const r = run('5 5 6 3');
    expect(r.reason).toMatchObject({ key: 'count', got: 4, expected: 8 });
  });

  it('garbage_is_invalid_not_wrong', () => {
    const r = run('fünf');
    expect(r.state).toBe('invalid');
    expect(verdictText('de', r)).toContain('„fünf“');
    expect(verdictText('en', r)).toContain('“fünf”');
  });

  it('tolerance_1e-4_accepts_rounded_float32', () => {
    const want = { data: Float32Array.from([2.6666667, 0.1]), shape: [2] };
    expect(run('[2.6667, 0.1]', want).state).toBe('correct');
    expect(run('[2.6664, 0.1]', want).state).toBe('wrong');
    expect(run('[2.66667, 0.10009]', want).state).toBe('correct');
    expect(run('[2.66667, 0.1002]', want).state).toBe('wrong');
  });

  it('tolerance_is_relative_for_large_values', () => {
    expect(close(1000.05, 1000)).toBe(true);
    expect(close(1000.2, 1000)).toBe(false);
    expect(close(1 + TOLERANCE / 2, 1)).toBe(true);
  });

  it('non_finite_expected_values_need_the_same_word', () => {
    expect(close(-Infinity, -Infinity)).toBe(true);
    expect(close(-1e30, -Infinity)).toBe(false);
    expect(close(NaN, NaN)).toBe(true);
    expect(close(0, NaN)).toBe(false);
  });

  it('shape_tuple_against_output_shape', () => {
    const want = { data: [4, 9], shape: [2] };
    expect(run('(4, 9)', want).state).toBe('correct');
    expect(run('(9, 4)', want).state).toBe('wrong');
    expect(run('(4, 9, 1)', want).reason.key).toBe('shape');
  });

  it('many_wrong_cells_are_summarised', () => {
    const r = run('[[[[0, 0], [0, 0]], [[0, 0], [0, 0]]]]');
    expect(r.reason.count).toBe(8);
    expect(r.reason.cells).toHaveLength(3);
    expect(verdictText('en', r)).toMatch(/^8 of 8 values wrong, e\.g\. at \[0, 0, 0, 0\] you have 0/);
  });

  it('verdict_does_not_reveal_expected_values', () => {
    const r = run('[[[[5, 5], [6, 3]], [[7, 7], [7, 8]]]]');
    expect(JSON.stringify(r.reason)).not.toContain('"expected"');
  });
});

describe('unravel', () => {
  it('row_major_multi_index', () => {
    expect(unravel(0, [1, 2, 5, 5])).toEqual([0, 0, 0, 0]);
    expect(unravel(37, [1, 2, 5, 5])).toEqual([0, 1, 2, 2]);
  });
});

describe('texts', () => {
  it('german_and_english_have_the_same_keys', async () => {
    const de = await loadLang('de');
    const en = await loadLang('en');
    expect(Object.keys(en).sort()).toEqual(Object.keys(de).sort());
  });

  it('placeholders_are_filled_and_unknown_lang_is_refused', async () => {
    expect(t('en', 'partN', { n: 2 })).toBe('Part 2');
    await expect(loadLang('fr')).rejects.toThrow('lang must be one of de, en, but got "fr"');
  });
});

describe('decimal comma and the notebook label', () => {
  const avg = { data: Float32Array.from([8 / 3, 28 / 9]), shape: [1, 2] };

  it('german_decimal_comma_is_recognised_and_the_learner_told_so', () => {
    const r = run('[[2,6667 3,1111]]', avg);
    expect(r.state).toBe('invalid');
    expect(r.reason).toEqual({ key: 'decimalComma', token: '2,6667', fixed: '2.6667' });
    expect(verdictText('de', r)).toBe('„2,6667“ hat ein Dezimalkomma – bitte 2.6667 mit Dezimalpunkt schreiben.');
    expect(verdictText('en', r)).toBe('“2,6667” has a decimal comma – please write 2.6667 with a decimal point.');
    // as plain numbers too, and a German comma list with ", " separators
    expect(run('2,6667 3,1111', avg).reason.key).toBe('decimalComma');
    expect(run('[[2,6667, 3,1111]]', avg).reason.key).toBe('decimalComma');
  });

  it('commas_that_separate_numbers_stay_separators', () => {
    expect(run('[[2.6667,3.1111]]', avg).state).toBe('correct');
    expect(run('[1,2]', { data: [1, 2], shape: [2] }).state).toBe('correct');
    expect(run('(4,9)', { data: [4, 9], shape: [2] }).state).toBe('correct');
    // a wrong answer whose decimal reading does not fit either stays a wrong shape
    expect(run('[[2,6667 3,1111 5]]', avg).reason.key).toBe('shape');
  });

  it('the_first_exercise_accepts_the_pasted_in5_output', () => {
    expect(run('Output Shape Max Pooling:\n (2, 2)', { data: [2, 2], shape: [2] }).state).toBe('correct');
  });
});
