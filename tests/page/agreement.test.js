// The page and the CLI give the same verdict on the same answer: both go
// through the one judge (js/checker/judge.js). Borderline tolerances, float32
// expectations against float64 answers, NaN, −∞ and shapes.
import { beforeAll, describe, expect, it } from 'vitest';
import * as api from 'poolgrad';
import { checkAnswers, compare, parseAnswer as packageParse, parseNumpy } from 'poolgrad/checker';
import { checkAnswer } from '../../web/js/check.js';
import { parseAnswer } from '../../web/js/parse.js';
import { exerciseSet } from '../../web/js/practice.js';
import { solve } from '../../web/js/solve.js';

beforeAll(() => api.ready());

const pageVerdict = (text, expected) => ({ correct: 'right', wrong: 'wrong', invalid: 'invalid' })[checkAnswer(parseAnswer(text), expected).state];
const cliVerdict = (text, expected) => {
  let value;
  try {
    value = parseNumpy(text);
  } catch {
    return 'invalid';
  }
  return compare(api.toNested(expected), value) ? 'wrong' : 'right';
};
const f32 = (values, shape = [values.length]) => ({ data: Float32Array.from(values), shape });

// [expected tensor, answer text, the verdict both must give]
const TABLE = [
  [f32([1]), '[1.00015]', 'wrong'], // absolute 1e-4 up to magnitude 1
  [f32([1]), '[1.00009]', 'right'],
  [f32([1]), '[0.99985]', 'wrong'],
  [f32([1000]), '[1000.05]', 'right'], // relative 1e-4 above
  [f32([1000]), '[1000.11]', 'wrong'],
  [f32([-1000]), '[-999.95]', 'right'],
  [f32([0]), '[0.0001]', 'right'],
  [f32([0]), '[0.00011]', 'wrong'],
  [f32([2 / 3]), '[0.6667]', 'right'], // float32 expectation, decimal answer
  [f32([2 / 3]), '[0.66666666666666663]', 'right'], // float64 answer
  [f32([0.1]), '[0.1]', 'right'], // float32(0.1) = 0.10000000149…
  [f32([1e8]), '[100010000.0]', 'right'],
  [f32([1e8]), '[100010001.0]', 'wrong'],
  [f32([NaN]), '[nan]', 'right'],
  [f32([NaN]), '[0.]', 'wrong'],
  [f32([1]), '[nan]', 'wrong'],
  [f32([-Infinity]), '[-inf]', 'right'],
  [f32([-Infinity]), '[inf]', 'wrong'],
  [f32([-Infinity]), '[-1e38]', 'wrong'],
  [f32([5]), '[inf]', 'wrong'],
  [f32([1, 2, 3, 4], [2, 2]), '[[1 2]\n [3 4]]', 'right'],
  [f32([1, 2, 3, 4], [2, 2]), '[[1 2 3 4]]', 'wrong'], // same count, other shape
  [f32([1, 2, 3, 4], [2, 2]), '[[1 3]\n [2 4]]', 'wrong'],
  [f32([1, 2, 3, 4], [2, 2]), '[[1 2]\n [3 x]]', 'invalid'],
  [f32([1, 2, 3, 4], [2, 2]), '[[1 2]\n [3]]', 'invalid'],
];

describe('page and CLI agree', () => {
  it.each(TABLE.map(([e, text, want]) => [Array.from(e.data).join(','), text, e, want]))('expected %s, answer %s', (_, text, expected, want) => {
    expect(pageVerdict(text, expected)).toBe(want);
    expect(cliVerdict(text, expected)).toBe(want);
  });

  it('the_page_reads_answers_as_the_cli_does', () => {
    for (const text of ['[[1 2]\n [3 4]]', '(2, 2)', '1 2 3', '[[1 2]\n [3]]', 'o_1:\n[[nan -inf]]']) {
      expect(JSON.stringify(parseAnswer(text))).toBe(JSON.stringify(packageParse(text)));
    }
  });

  // The notebook's own blocks as `poolgrad answers` reads them (label, then
  // the array), changed at one cell: the CLI's verdict on the block and the
  // page's verdict on the same exercise's unit agree.
  const set = exerciseSet(null, api.outputShape);
  const units = {
    o_1: set['maxpool-forward'][0],
    backward_yx: set['backprop-yx'][0],
    dEdo_0: set['avgpool-backward'][0],
    'o_0.grad': set['maxpool-backward'][0],
  };
  const word = (v) => (Number.isNaN(v) ? 'nan' : v === Infinity ? 'inf' : v === -Infinity ? '-inf' : String(v));
  const nested = (values, shape) => {
    let next = 0;
    const build = (d) => (d === shape.length ? word(values[next++]) : `[${Array.from({ length: shape[d] }, () => build(d + 1)).join(', ')}]`);
    return build(0);
  };
  const bound = (e) => 1e-4 * Math.max(1, Math.abs(e));
  const CHANGES = [
    ['unchanged', () => {}, 'right'],
    ['first_cell_just_inside_the_tolerance', (d) => (d[0] += 0.9 * bound(d[0])), 'right'],
    ['first_cell_just_outside_the_tolerance', (d) => (d[0] += 1.1 * bound(d[0])), 'wrong'],
    ['last_cell_off_by_one', (d) => (d[d.length - 1] += 1), 'wrong'],
    ['one_cell_nan', (d) => (d[1] = NaN), 'wrong'],
    ['one_cell_minus_inf', (d) => (d[1] = -Infinity), 'wrong'],
  ];
  for (const [label, unit] of Object.entries(units)) {
    for (const [what, change, want] of CHANGES) {
      it(`${label}_${what}`, () => {
        const expected = solve(unit, api);
        const values = Array.from(expected.data);
        change(values);
        const text = nested(values, expected.shape);
        expect(pageVerdict(text, expected)).toBe(want);
        expect(checkAnswers(`${label}:\n${text}\n`, api).blocks[0].verdict).toBe(want);
      });
    }
    it(`${label}_with_its_axes_merged_is_a_wrong_shape_for_both`, () => {
      const expected = solve(unit, api);
      const [first, ...rest] = expected.shape;
      const text = nested(Array.from(expected.data), [first, rest.reduce((a, b) => a * b, 1)]);
      expect(checkAnswer(parseAnswer(text), expected).reason.key).toBe('shape');
      const block = checkAnswers(`${label}:\n${text}\n`, api).blocks[0];
      expect(block.verdict).toBe('wrong');
      expect(block.message).toMatch(/expected shape/);
    });
  }
});
