// Named misconceptions (js/checker/misconceptions.js): each one is a wrong
// result the notebook's givens can show (or says why they cannot), and each
// is named end to end by `poolgrad answers` and by `poolgrad check` on a
// learner module with that bug. The page's side: tests/page/mistakes.test.js
// and tests/e2e/mistakes.test.js.
import { beforeAll, describe, expect, it } from 'vitest';
import * as poolgrad from 'poolgrad';
import {
  alternativesFor, AVG_CASE, checkAnswers, describeMistake, EXERCISES, exercise, judge, MAX_CASE, MISCONCEPTIONS, MISTAKE_KEYS, mistakeName, OUTPUT_SHAPE_CALLS,
} from 'poolgrad/checker';
import { cli, learner } from './run-cli.js';
import { writeBugVariants } from './python/bugs.js';
import { join } from 'node:path';

beforeAll(() => poolgrad.ready());

const notebookCases = (name) => (name === 'getOutputShape' ? OUTPUT_SHAPE_CALLS : [exercise(name).exported === 'AvgPooling' ? AVG_CASE : MAX_CASE]);

describe('the misconception table', () => {
  it('has_the_ten_keys_of_the_design', () => {
    expect([...MISTAKE_KEYS].sort()).toEqual([
      'avg-divisor', 'forward-instead-of-backward', 'output-size-rounding', 'overwrite-not-add', 'padding-as-zero',
      'stride-ignored', 'ties-last', 'transposed', 'yx-absolute', 'yx-swapped',
    ]);
  });

  it('each_exercise_lists_only_misconceptions_that_have_an_implementation_for_it', () => {
    for (const e of EXERCISES) {
      for (const key of e.mistakes) expect(Object.keys(MISCONCEPTIONS.find((m) => m.key === key).produce), `${key} for ${e.name}`).toContain(e.name);
    }
    for (const m of MISCONCEPTIONS) for (const name of Object.keys(m.produce)) expect(exercise(name).mistakes, `${name} lists ${m.key}`).toContain(m.key);
  });

  for (const m of MISCONCEPTIONS) {
    it(`${m.key}_differs_from_the_right_result_on_the_notebook_givens_or_says_why_not`, () => {
      for (const name of Object.keys(m.produce)) {
        const shown = notebookCases(name).some((c) => alternativesFor(poolgrad, name, c).some((a) => a.key === m.key));
        const blind = m.blindOnNotebook[name];
        expect(shown || Boolean(blind), `${m.key} on ${name}`).toBe(true);
        expect(shown && Boolean(blind), `${m.key} on ${name} is declared blind but shows`).toBe(false);
      }
      // every misconception shows on at least one of the notebook's exercises or is blind on all of them
      const anywhere = Object.keys(m.produce).some((name) => !m.blindOnNotebook[name]);
      expect(anywhere || m.key === 'padding-as-zero').toBe(true);
    });
  }

  it('a_right_answer_is_never_named_a_mistake', () => {
    for (const e of EXERCISES) {
      for (const c of notebookCases(e.name)) {
        const right = e.expected(poolgrad, c);
        const r = judge(right, right, { alternatives: alternativesFor(poolgrad, e.name, c) });
        expect(r.verdict).toBe('right');
        expect(r.mistake).toBeUndefined();
      }
    }
  });

  it('each_key_has_a_german_and_an_english_sentence_and_name', () => {
    for (const key of MISTAKE_KEYS) {
      expect(describeMistake(key, 'de')).not.toBe(describeMistake(key, 'en'));
      expect(describeMistake(key, 'de').length).toBeGreaterThan(30);
      expect(mistakeName(key, 'de')).toBeTruthy();
    }
    expect(() => describeMistake('typo', 'en')).toThrow('mistake should be one of ties-last');
    expect(() => describeMistake('ties-last', 'fr')).toThrow('lang should be de or en, but got "fr"');
  });
});

// `poolgrad answers`: a block printing what the misconception produces on the
// notebook's givens is named after it.
const BLOCKS = {
  getOutputShape: ['Output Shape', OUTPUT_SHAPE_CALLS[1]],
  maxpool2d: ['o_1', MAX_CASE],
  'MaxPooling.backpropYX': ['backward_yx', MAX_CASE],
  'MaxPooling.backwardInput': ['dEdo_0', MAX_CASE],
  'AvgPooling.backwardInput': ['o_0.grad', AVG_CASE],
};
const print = (value) => (typeof value[0] === 'number' ? `(${value.join(', ')})` : JSON.stringify(value).replace(/,/g, ', '));
describe('poolgrad answers names the misconception', () => {
  it('every_misconception_the_notebook_can_show_is_named_in_some_block', async () => {
    await poolgrad.ready();
    const named = new Set();
    for (const [name, [label, c]] of Object.entries(BLOCKS)) {
      const firstPerKey = new Map();
      for (const alt of alternativesFor(poolgrad, name, c)) if (!firstPerKey.has(alt.key)) firstPerKey.set(alt.key, alt);
      for (const [key, alt] of firstPerKey) {
        const block = checkAnswers(`${label}:\n${print(alt.expected)}\n`, poolgrad).blocks[0];
        expect(block.verdict, `${key} in ${label}`).toBe('wrong');
        // two misconceptions may produce the same numbers; the table's order decides the name
        const sameAsEarlier = alternativesFor(poolgrad, name, c).some((a) => MISTAKE_KEYS.indexOf(a.key) < MISTAKE_KEYS.indexOf(key) && judge(a.expected, alt.expected).verdict === 'right');
        if (!sameAsEarlier) expect(block.mistake, `${key} in ${label}`).toBe(key);
        named.add(block.mistake);
      }
    }
    const onlyOffNotebook = ['padding-as-zero'];
    expect([...named].sort()).toEqual(MISTAKE_KEYS.filter((k) => !onlyOffNotebook.includes(k)).sort());
  });

  it('the_cli_json_carries_the_mistake_and_the_text_says_the_rule_in_german', async () => {
    const text = 'dEdo_0:\n' + print(alternativesFor(poolgrad, 'MaxPooling.backwardInput', MAX_CASE).find((a) => a.key === 'overwrite-not-add').expected) + '\n';
    const json = await cli(['answers', '--json'], { input: text });
    expect(JSON.parse(json.stdout).blocks[0]).toMatchObject({ verdict: 'wrong', mistake: 'overwrite-not-add' });
    const german = await cli(['answers', '--lang', 'de'], { input: text });
    expect(german.stdout).toContain(`erkannter Fehler: ${mistakeName('overwrite-not-add', 'de')}. ${describeMistake('overwrite-not-add', 'de')}`);
    const byLocale = await cli(['answers'], { input: text, env: { LANG: 'de_DE.UTF-8' } });
    expect(byLocale.stdout).toContain('Zellen falsch');
  });
});

// `poolgrad check` on a learner module with one bug each.
const LEARNERS = {
  'ties-last': [['MaxPooling.backpropYX', 'ties-last'], ['MaxPooling.backwardInput', 'ties-last']],
  overwrite: [['MaxPooling.backwardInput', 'overwrite-not-add']],
  'pad-zero': [['maxpool2d', 'padding-as-zero']],
  'avg-divisor': [['AvgPooling.backwardInput', 'avg-divisor']],
  'yx-absolute': [['MaxPooling.backpropYX', 'yx-absolute']],
  'yx-swapped': [['MaxPooling.backpropYX', 'yx-swapped']],
  rounding: [['getOutputShape', 'output-size-rounding']],
  'stride-ignored': [['maxpool2d', 'stride-ignored']],
  'forward-instead-of-backward': [['MaxPooling.backwardInput', 'forward-instead-of-backward']],
  transposed: [['AvgPooling.forward', 'transposed']],
};

describe('poolgrad check names the misconception of a learner module', () => {
  const runs = {};
  beforeAll(async () => {
    const names = Object.keys(LEARNERS);
    for (let i = 0; i < names.length; i += 2) {
      await Promise.all(names.slice(i, i + 2).map(async (name) => {
        runs[name] = await cli(['check', learner(name), '--json', ...(name === 'pad-zero' ? ['--extended'] : [])]);
      }));
    }
  }, 240_000);

  it('covers_every_key', () => {
    expect([...new Set(Object.values(LEARNERS).flat().map(([, key]) => key))].sort()).toEqual([...MISTAKE_KEYS].sort());
  });

  for (const [name, expected] of Object.entries(LEARNERS)) {
    it(`${name.replace(/-/g, '_')}_is_named`, () => {
      const report = JSON.parse(runs[name].stdout);
      const failed = report.results.filter((r) => r.failure).map((r) => [r.name, r.failure.mistake]);
      expect(failed).toEqual(expected);
    });
  }

  it('the_right_solution_is_never_named', async () => {
    const r = await cli(['check', learner('right'), '--json', '--extended']);
    expect(JSON.parse(r.stdout).results.every((x) => !x.failure)).toBe(true);
  });
});

describe('poolgrad check names the misconception in the notebook\'s Python too', () => {
  let bugs;
  beforeAll(() => {
    bugs = writeBugVariants(undefined, ['overwrite', 'ties-last']);
  });
  const python = (name) => join(bugs, `${name}.py`);
  it('overwrite_and_ties_last_in_python', async () => {
    const runs = await Promise.all(['overwrite', 'ties-last'].map((name) => cli(['check', python(name), '--json', '--timeout', '60000'])));
    const named = runs.map((r) => JSON.parse(r.stdout).results.filter((x) => x.failure).map((x) => [x.name, x.failure.mistake]));
    expect(named).toEqual([
      [['MaxPooling.backward_input', 'overwrite-not-add']],
      [['MaxPooling_.backprop_yx', 'ties-last'], ['MaxPooling.backward_input', 'ties-last']],
    ]);
  }, 300_000);
});
