// The checker engine's parts in-process: the cases cover the edge classes
// the issue names, the NumPy-print parser, the comparison and the shrinker.
import { describe, expect, it } from 'vitest';
import * as poolgrad from 'poolgrad';
import { makeCases } from '../../js/checker/cases.js';
import { readFileSync } from 'node:fs';
import { notebookExpectations } from '../../js/checker/answers.js';
import { compare } from '../../js/checker/compare.js';
import { parseNumpy } from 'poolgrad/checker';
import { expectedFor } from '../../js/checker/run.js';
import { candidates, shrink } from '../../js/checker/shrink.js';

await poolgrad.ready();
const valid = (kind, c) => {
  try {
    const target = { getOutputShape: 'getOutputShape', maxpool2d: 'maxpool2d' }[kind] ?? `${kind}.forward`;
    expectedFor(poolgrad, target, c);
    return true;
  } catch {
    return false;
  }
};
const cases = makeCases(1, valid);
const flat = (x) => x.flat(Infinity);

describe('cases', () => {
  it('notebook_values_come_first', () => {
    expect(cases.getOutputShape.slice(0, 2).map((c) => expectedFor(poolgrad, 'getOutputShape', c))).toEqual([[2, 2], [4, 9]]);
    expect(cases.maxpool2d[0].label).toBe('notebook In[7]');
    expect(expectedFor(poolgrad, 'maxpool2d', cases.maxpool2d[0])).toEqual([[[[5, 5], [6, 3]], [[7, 7], [7, 7]]]]);
    expect(expectedFor(poolgrad, 'MaxPooling.backwardInput', cases.MaxPooling[0])[0][1][2][2]).toBe(16);
  });

  it('get_output_shape_cases_use_stride_padding_and_dilation', () => {
    const random = cases.getOutputShape.slice(2);
    expect(random.some((c) => c.stride.some((s) => s > 1))).toBe(true);
    expect(random.some((c) => c.padding.some((p) => p > 0))).toBe(true);
    expect(random.some((c) => c.dilation.some((d) => d > 1))).toBe(true);
  });

  it('maxpool2d_has_negative_inputs_with_padding_and_dilated_cases', () => {
    // padding and dilation of maxpool2d go beyond the notebook: the extended level checks them
    const extended = makeCases(1, valid, undefined, 'extended');
    const negPadded = extended.maxpool2d.filter((c) => c.padding.some((p) => p > 0) && flat(c.input).every((v) => v < 0));
    expect(negPadded.length).toBeGreaterThan(10);
    expect(extended.maxpool2d.some((c) => c.dilation.some((d) => d > 1))).toBe(true);
  });

  it('maxpool2d_keeps_to_the_notebook_scope_without_padding_or_dilation_by_default', () => {
    // the notebook's reference asserts padding == (0, 0) and dilation == (1, 1)
    for (const c of cases.maxpool2d) {
      expect(c.padding).toEqual([0, 0]);
      expect(c.dilation).toEqual([1, 1]);
    }
    expect(cases.maxpool2d.filter((c) => flat(c.input).every((v) => v < 0)).length).toBeGreaterThan(10);
    // get_output_shape is asked with padding and dilation in the notebook, and stays so
    expect(cases.getOutputShape.some((c) => c.padding.some((p) => p > 0) && c.dilation.some((d) => d > 1))).toBe(true);
    expect(() => makeCases(1, valid, undefined, 'everything')).toThrow('level should be one of notebook, extended, but got "everything"');
  });

  it('layer_cases_have_ties_overlapping_windows_and_rectangular_kernels', () => {
    for (const kind of ['MaxPooling', 'AvgPooling']) {
      const list = cases[kind];
      expect(list.some((c) => c.family === 'ties')).toBe(true);
      expect(list.filter((c) => c.stride[0] < c.kernelSize[0] || c.stride[1] < c.kernelSize[1]).length).toBeGreaterThan(10);
      expect(list.filter((c) => c.kernelSize[0] !== c.kernelSize[1]).length).toBeGreaterThan(10);
    }
  });

  it('same_seed_same_cases_other_seed_other_cases', () => {
    expect(makeCases(1, valid)).toEqual(cases);
    expect(makeCases(2, valid).maxpool2d[1]).not.toEqual(cases.maxpool2d[1]);
  });
});

describe('answers expectations', () => {
  it('equal_the_notebook_fixture_recorded_from_the_notebook_and_pytorch', () => {
    const fixture = JSON.parse(readFileSync(new URL('../fixtures/notebook.json', import.meta.url), 'utf8'));
    const e = notebookExpectations(poolgrad);
    expect(e['Output Shape Max Pooling'][0].expected).toEqual(fixture.outputShape[0].expected);
    expect(e['Output Shape'][0].expected).toEqual(fixture.outputShape[1].expected);
    expect(e.o_1[0].expected).toEqual(fixture.maxPool.output);
    expect(e.backward_yx[0].expected).toEqual(fixture.maxPool.backpropYX);
    expect(e.dEdo_0[0].expected).toEqual(fixture.maxPool.gradInput);
    expect(e.dEdo_0[1].expected).toEqual(fixture.avgPool.gradInput);
    expect(e.o_1[1].expected).toBeNull(); // the random average-pooling output is never judged
  });
});

describe('parseNumpy', () => {
  it('reads_numpy_print_with_blank_lines_between_planes', () => {
    expect(parseNumpy('[[[[5. 5.]\n   [6. 3.]]\n\n  [[7. 7.]\n   [7. 7.]]]]')).toEqual([[[[5, 5], [6, 3]], [[7, 7], [7, 7]]]]);
  });
  it('reads_tuples_json_repr_and_special_values', () => {
    expect(parseNumpy(' (4, 9)')).toEqual([4, 9]);
    expect(parseNumpy('[[1, -2.5e-1]]')).toEqual([[1, -0.25]]);
    expect(parseNumpy('array([[1., 2.]], dtype=float32)')).toEqual([[1, 2]]);
    expect(parseNumpy('[-inf inf]')).toEqual([-Infinity, Infinity]);
    expect(parseNumpy('[nan]')[0]).toBeNaN();
  });
  it('rejects_ragged_unclosed_and_non_numbers_with_a_reason', () => {
    expect(() => parseNumpy('[[1 2]\n [3]]')).toThrow(RangeError);
    expect(() => parseNumpy('[[1 2]\n [3]]')).toThrow(/ragged: the row at line 2, column 2 has 1 entries instead of 2/);
    expect(() => parseNumpy('7')).toThrow(/single number 7/);
    expect(parseNumpy('1 2 3')).toEqual([1, 2, 3]);
    expect(() => parseNumpy('[[1 2]')).toThrow(/never closed/);
    expect(() => parseNumpy('[1 two]')).toThrow(/"two" is not a number/);
    expect(() => parseNumpy('')).toThrow(/empty/);
  });
});

describe('compare', () => {
  it('within_tolerance_is_equal_shape_and_cells_are_named_otherwise', () => {
    expect(compare([[1, 2]], [[1.00001, 2]])).toBeNull();
    expect(compare([[1, 2]], [[1, 2, 3]]).message).toBe('expected shape [1, 2], but got shape [1, 3]');
    expect(compare([[1, 2]], [[1, 5]]).message).toBe('1 of 2 cells wrong; first at [0, 1]: expected 2, got 5');
    expect(compare([1], { unsupported: 'undefined (nothing was returned)' }).message).toContain('nothing was returned');
  });
});

describe('shrink', () => {
  it('candidates_are_strictly_smaller_or_simpler', () => {
    const c = { input: [[[[1.5, 2], [3, 4]]], [[[5, 6], [7, 8]]]], kernelSize: [2, 2], stride: [1, 1], padding: [1, 1], dilation: [1, 1] };
    for (const d of candidates('maxpool2d', c)) {
      const size = (x) => flat(x.input).length + x.padding[0] + x.padding[1] + x.kernelSize[0] + x.kernelSize[1] + x.stride[0] + x.stride[1];
      const rounder = flat(d.input).every(Number.isInteger) && !flat(c.input).every(Number.isInteger);
      expect(size(d) < size(c) || rounder).toBe(true);
    }
  });

  it('shrinks_to_a_minimal_case_that_still_fails', async () => {
    // a property failing whenever some input is negative: the minimum is one negative cell
    const start = { input: [[[[1, -2, 3], [4, 5, 6], [7, 8, 9]]]], kernelSize: [2, 2], stride: [1, 1], padding: [1, 1], dilation: [1, 1] };
    const fails = async (c) => (flat(c.input).some((v) => v < 0) ? { message: 'negative' } : null);
    const { case: small, steps } = await shrink('maxpool2d', start, { message: 'negative' }, fails);
    expect(flat(small.input)).toEqual([-2]);
    expect(small.padding).toEqual([0, 0]);
    expect(steps).toBeGreaterThan(0);
  });
});

describe('ties', () => {
  // Positions of every maximum of every window of a layer case, per window.
  const windowsOf = (c) => {
    const [kh, kw] = c.kernelSize;
    const [sh, sw] = c.stride;
    const out = expectedFor(poolgrad, 'MaxPooling.forward', c);
    const list = [];
    out.forEach((e, n) => e.forEach((p, ch) => p.forEach((row, i) => row.forEach((best, j) => {
      const at = [];
      for (let y = 0; y < kh; y++) for (let x = 0; x < kw; x++) if (Math.fround(c.input[n][ch][i * sh + y][j * sw + x]) === best) at.push([y, x]); // the output is float32
      list.push(at);
    }))));
    return list;
  };
  // A learner's tie rule as a choice among a window's maxima (listed in row-major order).
  const yxBy = (c, choose) => {
    const windows = windowsOf(c);
    let k = 0;
    return expectedFor(poolgrad, 'MaxPooling.forward', c).map((e) => e.map((p) => p.map((row) => row.map(() => choose(windows[k++])))));
  };
  const lastInFirstRow = (at) => at.filter(([y]) => y === at[0][0]).at(-1); // wrong only within a row
  const firstInColumnMajor = (at) => [...at].sort((a, b) => a[1] - b[1] || a[0] - b[0])[0]; // wrong only across rows
  const seeds = Array.from({ length: 40 }, (_, i) => i + 1);

  it('ties_cases_hold_tied_maxima_within_a_row_and_across_rows_on_every_seed', () => {
    for (const seed of seeds) {
      const ties = makeCases(seed, valid).MaxPooling.filter((c) => c.family === 'ties');
      expect(ties.length, `seed ${seed}`).toBeGreaterThan(5);
      const windows = ties.flatMap(windowsOf);
      expect(windows.filter((at) => at.some(([y]) => at.filter(([yy]) => yy === y).length > 1)).length, `seed ${seed}: ties within a row`).toBeGreaterThan(0);
      expect(windows.filter((at) => new Set(at.map(([y]) => y)).size > 1).length, `seed ${seed}: ties across rows`).toBeGreaterThan(0);
    }
  });

  it('a_tie_rule_wrong_only_within_a_row_or_only_across_rows_fails_on_every_seed', () => {
    for (const seed of seeds) {
      const cases = makeCases(seed, valid).MaxPooling;
      const fails = (choose) => cases.some((c) => compare(expectedFor(poolgrad, 'MaxPooling.backpropYX', c), yxBy(c, choose)) !== null);
      expect(fails((at) => at[0]), `seed ${seed}: the right rule`).toBe(false);
      expect(fails(lastInFirstRow), `seed ${seed}: last within the row`).toBe(true);
      expect(fails(firstInColumnMajor), `seed ${seed}: column-major`).toBe(true);
    }
  });
});

describe('runChecks after an error of its own', () => {
  it('closes_the_learner_session_before_rethrowing_so_the_process_can_exit', async () => {
    const { runChecks } = await import('poolgrad/checker');
    let opened = 0;
    let closed = 0;
    const openSession = async () => {
      opened += 1;
      return {
        exports: ['getOutputShape', 'maxpool2d', 'MaxPooling', 'AvgPooling'],
        call: async () => {
          throw new TypeError('an error of the checker, not of the learner');
        },
        close: () => {
          closed += 1;
        },
      };
    };
    await expect(runChecks({ poolgrad, openSession, counts: { getOutputShape: 2, maxpool2d: 2, MaxPooling: 2, AvgPooling: 2 } })).rejects.toThrow('an error of the checker');
    expect(opened).toBe(1);
    expect(closed).toBe(1);
  });
});
