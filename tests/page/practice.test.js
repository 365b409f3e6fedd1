// The page's seeded practice generator (practice.js), picture geometry
// (draw.js), URL state (state.js) and solver (solve.js, through the package).
import { beforeAll, describe, expect, it } from 'vitest';
import * as api from 'poolgrad';
import { exerciseSet, makeRandom, mulberry32, parseSeed, questionInput, NOTEBOOK_INPUT } from '../../web/js/practice.js';
import { cellKind, drawnExtent, sharesPerCell, windowTaps } from '../../web/js/draw.js';
import { createState, loadAnswers, nextSeed, readUrl, saveAnswers, writeUrl } from '../../web/js/state.js';
import { solve, explain } from '../../web/js/solve.js';

beforeAll(() => api.ready());

const SEEDS = Array.from({ length: 60 }, (_, i) => i * 7919 + 1);
const flat = (nested) => nested.flat(Infinity);

describe('seeded PRNG', () => {
  it('same_seed_same_stream', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('different_seed_different_stream', () => {
    expect(mulberry32(1)()).not.toBe(mulberry32(2)());
  });

  it('int_stays_in_closed_range', () => {
    const rng = makeRandom(9);
    const seen = new Set(Array.from({ length: 500 }, () => rng.int(-2, 3)));
    expect([...seen].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3]);
  });

  it('seed_parsing_rejects_non_integers', () => {
    expect(parseSeed('17')).toBe(17);
    expect(parseSeed('0')).toBe(0);
    expect(parseSeed('-3')).toBe(null);
    expect(parseSeed('1e3')).toBe(null);
    expect(parseSeed('abc')).toBe(null);
    expect(parseSeed('99999999999')).toBe(null);
    expect(parseSeed(null)).toBe(null);
  });
});

describe('exercise sets', () => {
  it('notebook_set_without_seed_uses_the_notebook_values', () => {
    const set = exerciseSet(null, api.outputShape);
    expect(set['maxpool-forward'][0].given.input).toEqual(NOTEBOOK_INPUT);
    expect(set['output-shape'].map((u) => solve(u, api).data)).toEqual([[2, 2], [4, 9], [4, 3]]);
    expect(Array.from(solve(set['maxpool-forward'][0], api).data)).toEqual([5, 5, 6, 3, 7, 7, 7, 7]);
    expect(solve(set['maxpool-backward'][0], api).data[25 + 12]).toBe(16);
  });

  it('same_seed_gives_the_same_exercises', () => {
    expect(exerciseSet(1234, api.outputShape)).toEqual(exerciseSet(1234, api.outputShape));
  });

  it('different_seeds_give_different_exercises', () => {
    const a = JSON.stringify(exerciseSet(1, api.outputShape));
    const b = JSON.stringify(exerciseSet(2, api.outputShape));
    expect(a).not.toBe(b);
  });

  it('every_practice_unit_is_accepted_by_the_package_and_small', () => {
    for (const seed of SEEDS) {
      const set = exerciseSet(seed, api.outputShape);
      for (const [id, units] of Object.entries(set)) {
        if (!Array.isArray(units)) continue;
        for (const unit of units) {
          const expected = solve(unit, api);
          expect(expected.data.length, `${seed} ${id}`).toBeGreaterThan(0);
          if (unit.quantity === 'output') expect(expected.shape.slice(-2).every((s) => s <= 4)).toBe(true);
        }
      }
    }
  });

  it('practice_max_windows_never_empty_so_no_minus_infinity', () => {
    for (const seed of SEEDS) {
      const out = solve(exerciseSet(seed, api.outputShape)['maxpool-forward'][0], api);
      expect(Array.from(out.data).every(Number.isFinite), `seed ${seed}`).toBe(true);
    }
  });

  it('practice_sets_include_ties_negative_values_and_padding', () => {
    let ties = 0;
    let negatives = 0;
    let padded = 0;
    let ceil = 0;
    for (const seed of SEEDS) {
      const set = exerciseSet(seed, api.outputShape);
      const g = set['maxpool-forward'][0].given;
      // A tie: some window holds its maximum twice.
      const x = api.tensor(g.input);
      const [H, W] = x.shape.slice(-2);
      const { output } = api.maxPool2d(x, g.options);
      const [OH, OW] = output.shape.slice(-2);
      let found = false;
      for (let p = 0; p < x.data.length / (H * W) && !found; p++) {
        for (let i = 0; i < OH && !found; i++) {
          for (let j = 0; j < OW && !found; j++) {
            const vals = windowTaps([H, W], g.options, [i, j]).filter((tap) => tap.inside).map((tap) => x.data[p * H * W + tap.r * W + tap.c]);
            found = vals.filter((v) => v === Math.max(...vals)).length > 1;
          }
        }
      }
      ties += found;
      negatives += flat(g.input).some((v) => v < 0);
      padded += [g.options, set['avgpool-forward'][0].given.options].some((o) => (o.padding ?? [0, 0]).some((p) => p > 0));
      ceil += set['output-shape'][2].given.options.ceilMode === true;
    }
    expect(ties).toBe(SEEDS.length);
    expect(negatives).toBeGreaterThan(SEEDS.length * 0.9);
    expect(padded).toBeGreaterThan(SEEDS.length * 0.3);
    expect(ceil).toBe(SEEDS.length);
  });

  it('question_input_rerolls_differ_and_repeat', () => {
    expect(questionInput(5, 1)).toEqual(questionInput(5, 1));
    expect(questionInput(5, 1)).not.toEqual(questionInput(5, 2));
  });

  it('avg_gradient_of_question_ignores_input_but_max_does_not', () => {
    const set = exerciseSet(null, api.outputShape);
    const unit = set.question[0];
    const other = { ...unit, given: { ...unit.given, input: questionInput(null, 3) } };
    expect(Array.from(solve(other, api).data)).toEqual(Array.from(solve(unit, api).data));
    const asMax = (u) => ({ ...u, given: { ...u.given, op: 'max' } });
    expect(Array.from(solve(asMax(other), api).data)).not.toEqual(Array.from(solve(asMax(unit), api).data));
  });
});

describe('picture geometry', () => {
  it('window_taps_with_dilation_and_padding', () => {
    const taps = windowTaps([5, 5], { kernelSize: 2, stride: 1, padding: 1, dilation: 2 }, [0, 0]);
    expect(taps.map((t) => [t.r, t.c, t.inside])).toEqual([[-1, -1, false], [-1, 1, false], [1, -1, false], [1, 1, true]]);
  });

  it('drawn_extent_covers_padding_and_ceil_mode_tail', () => {
    expect(drawnExtent([5, 5], { kernelSize: 3, stride: 2, padding: 1 }, [3, 3])).toEqual({ r0: -1, r1: 5, c0: -1, c1: 5 });
    // ceil mode: the last window (start 4) runs past the input by one row.
    expect(drawnExtent([6, 6], { kernelSize: 3, stride: 2, ceilMode: true }, [3, 3])).toEqual({ r0: 0, r1: 6, c0: 0, c1: 6 });
    expect(cellKind([6, 6], { kernelSize: 3 }, 6, 0)).toBe('out');
    expect(cellKind([6, 6], { kernelSize: 3, padding: 1 }, -1, 0)).toBe('pad');
  });

  it('overlapping_contributions_add_up_in_the_heat_map_16', () => {
    const unit = exerciseSet(null, api.outputShape)['maxpool-backward'][0];
    const data = explain(unit, api);
    const shares = sharesPerCell(data.contributions, 25, 25, 4, 4);
    expect(shares[12].map((s) => s.value).sort((a, b) => a - b)).toEqual([1, 2, 5, 8]);
    expect(shares[12].reduce((a, s) => a + s.value, 0)).toBe(data.gradInput.data[25 + 12]);
  });
});

describe('url state', () => {
  it('lang_and_seed_round_trip', () => {
    expect(readUrl('?lang=en&seed=12')).toEqual({ lang: 'en', seed: 12, badSeed: null });
    expect(readUrl('')).toEqual({ lang: 'de', seed: null, badSeed: null });
    expect(readUrl('?lang=fr')).toEqual({ lang: 'de', seed: null, badSeed: null });
    expect(writeUrl({ lang: 'en', seed: 12 })).toBe('?seed=12&lang=en');
    expect(writeUrl({ lang: 'de', seed: null })).toBe('');
  });

  it('invalid_seed_is_reported_not_silently_dropped', () => {
    expect(readUrl('?seed=abc')).toEqual({ lang: 'de', seed: null, badSeed: 'abc' });
    expect(readUrl('?seed=-3&lang=en')).toEqual({ lang: 'en', seed: null, badSeed: '-3' });
    expect(readUrl('?seed=4294967296').badSeed).toBe('4294967296');
    expect(readUrl('?seed=').badSeed).toBe('');
    expect(readUrl('?seed=0')).toEqual({ lang: 'de', seed: 0, badSeed: null });
  });

  it('answers_are_kept_per_exercise_set_and_survive_a_new_state', () => {
    const items = new Map();
    const storage = { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => items.set(k, String(v)), removeItem: (k) => items.delete(k) };
    saveAnswers(null, new Map([['maxpool-forward-1', '[[5, 5]]'], ['output-shape-1', '']]), storage);
    saveAnswers(12, new Map([['maxpool-forward-1', 'seed twelve']]), storage);
    expect(loadAnswers(null, storage)).toEqual(new Map([['maxpool-forward-1', '[[5, 5]]']]));
    expect(createState('?lang=en', storage).answers).toEqual(new Map([['maxpool-forward-1', '[[5, 5]]']]));
    expect(createState('?seed=12', storage).answers.get('maxpool-forward-1')).toBe('seed twelve');
    expect(createState('?seed=13', storage).answers.size).toBe(0);
    saveAnswers(12, new Map([['maxpool-forward-1', '']]), storage);
    expect(items.has('poolgrad.answers.v1:12')).toBe(false);
    items.set('poolgrad.answers.v1:notebook', '{damaged');
    expect(loadAnswers(null, storage).size).toBe(0);
    const refusing = { getItem: () => { throw new Error('disabled'); }, setItem: () => { throw new Error('full'); }, removeItem: () => {} };
    expect(loadAnswers(null, refusing).size).toBe(0);
    expect(() => saveAnswers(null, new Map([['a', 'b']]), refusing)).not.toThrow();
  });

  it('next_seed_always_changes', () => {
    let calls = 0;
    const random = () => (calls++ < 2 ? 0 : 0.5); // first draws give the current seed again
    expect(nextSeed(1, random)).toBe(500001);
  });
});
