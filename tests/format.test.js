// format() against NumPy's own print output (tests/fixtures/record_numpy_print.py).
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { format, tensor, toNested } from 'poolgrad';
import { judge, parseAnswer } from 'poolgrad/checker';

const { cases } = JSON.parse(readFileSync(new URL('./fixtures/numpy-print.json', import.meta.url), 'utf8'));
const decode = (v) => (v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v);

it.each(cases)('prints_like_numpy: $name', (c) => {
  const Type = c.dtype === 'int32' ? Int32Array : Float32Array;
  expect(format({ data: Type.from(c.data.map(decode)), shape: c.shape })).toBe(c.printed);
});

it.each(cases)('numpy_print_is_read_back_and_judged_right: $name', (c) => {
  const Type = c.dtype === 'int32' ? Int32Array : Float32Array;
  const t = { data: Type.from(c.data.map(decode)), shape: c.shape };
  const parsed = parseAnswer(c.printed);
  expect(parsed.shape).toEqual(c.shape);
  expect(judge(t, parsed).verdict).toBe('right');
});

it('the_1e8_boundary_is_on_both_sides', () => {
  const printed = Object.fromEntries(cases.map((c) => [c.name, c.printed]));
  expect(printed.boundary_1e8_alone).toBe('[1.e+08]');
  expect(printed.boundary_5e7_and_1e8).toBe('[5.e+07 1.e+08]');
  expect(printed.below_boundary_5e7).toBe('[50000000.]');
});

it('tensor_and_toNested_round_trip', () => {
  const nested = [[[1, 2], [3, 4]], [[5, 6], [7, 8]]];
  const t = tensor(nested);
  expect(t.shape).toEqual([2, 2, 2]);
  expect(t.data).toBeInstanceOf(Float32Array);
  expect(toNested(t)).toEqual(nested);
  expect(tensor([[1, 2]], 'int32').data).toBeInstanceOf(Int32Array);
});

it('tensor_refuses_ragged_and_non_numeric_arrays', () => {
  expect(() => tensor([[1, 2], [3]])).toThrow(/rectangular.*\[1\].*2 items/);
  expect(() => tensor([[1, '2']])).toThrow(TypeError);
  expect(() => tensor([[1, '2']])).toThrow(/\[0\]\[1\] must be a number, but got "2"/);
  expect(() => tensor([])).toThrow(RangeError);
  expect(() => tensor(5)).toThrow(TypeError);
});
