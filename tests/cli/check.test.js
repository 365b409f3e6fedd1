// `poolgrad check`: a right solution passes; each typical bug is caught and
// blamed on the function that has it; endless loops and throws stay contained.
import { describe, expect, it, beforeAll } from 'vitest';
import { cli, failing, learner } from './run-cli.js';

const ALL = [
  'getOutputShape',
  'maxpool2d',
  'MaxPooling.forward',
  'MaxPooling.backpropYX',
  'MaxPooling.backwardInput',
  'AvgPooling.forward',
  'AvgPooling.backwardInput',
];

// Each variant has one bug; `blamed` is exactly what must fail.
const BUGS = {
  'pad-zero': ['maxpool2d'],
  'ties-last': ['MaxPooling.backpropYX', 'MaxPooling.backwardInput'],
  overwrite: ['MaxPooling.backwardInput'],
  rounding: ['getOutputShape'],
  'avg-divisor': ['AvgPooling.backwardInput'],
  'yx-absolute': ['MaxPooling.backpropYX'],
  throws: ['MaxPooling.backwardInput'],
};

const runs = {};
// The machine is shared; a generous budget keeps healthy functions from timing out.
const ENDLESS_BUDGET_MS = 5000;

beforeAll(async () => {
  const jobs = [
    ['right', ['check', learner('right'), '--json']],
    ['right-text', ['check', learner('right')]],
    // padding is beyond the notebook's maxpool2d: the extended level checks it
    ...Object.keys(BUGS).map((name) => [name, ['check', learner(name), '--json', ...(name === 'pad-zero' ? ['--extended'] : [])]]),
    ['pad-zero-text', ['check', learner('pad-zero'), '--extended']],
    ['pad-zero-notebook', ['check', learner('pad-zero'), '--json']],
    ['notebook-scope', ['check', learner('notebook-scope'), '--json']],
    ['endless', ['check', learner('endless'), '--json', '--timeout', String(ENDLESS_BUDGET_MS)]],
    // a low heap limit, so the limit is reached long before the time budget even on a busy machine
    ['memory-bomb', ['check', learner('memory-bomb'), '--json'], { POOLGRAD_CHECK_MEMORY_MB: '64' }],
  ];
  // Two at a time: each run starts several worker threads.
  for (let i = 0; i < jobs.length; i += 2) {
    await Promise.all(jobs.slice(i, i + 2).map(async ([key, args, env]) => (runs[key] = await cli(args, { env }))));
  }
}, 240_000);

describe('poolgrad check', () => {
  it('right_solution_passes_every_function_with_exit_0', () => {
    const { code, stdout } = runs.right;
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.results.map((r) => r.name)).toEqual(ALL);
    for (const r of report.results) {
      expect(r.passed).toBe(r.total);
      expect(r.total).toBeGreaterThan(40);
      expect(r.failure).toBeUndefined();
    }
  });

  it('text_output_has_one_passed_over_total_line_per_function', () => {
    const { code, stdout } = runs['right-text'];
    expect(code).toBe(0);
    for (const name of ALL) expect(stdout).toMatch(new RegExp(`${name.replace('.', '\\.')}: (\\d+)/\\1\\b`));
  });

  for (const [bug, blamed] of Object.entries(BUGS)) {
    it(`bug_${bug.replace(/-/g, '_')}_is_caught_and_blamed_on_${blamed.join('_and_')}`, () => {
      const { code, stdout } = runs[bug];
      expect(code).toBe(1);
      const report = JSON.parse(stdout);
      expect(failing(report)).toEqual(blamed);
      for (const r of report.results) if (blamed.includes(r.name)) expect(r.failure).toBeDefined();
    });
  }

  it('padding_as_zero_shrinks_to_a_tiny_all_negative_padded_case', () => {
    const failure = JSON.parse(runs['pad-zero'].stdout).results.find((r) => r.name === 'maxpool2d').failure;
    expect(failure.kind).toBe('mismatch');
    const values = failure.inputs.input.flat(3);
    expect(values.length).toBeLessThanOrEqual(2);
    expect(failure.inputs.padding.some((p) => p > 0)).toBe(true);
    expect(failure.expected.flat(3).every((v) => v < 0)).toBe(true);
    expect(failure.actual.flat(3)).toContain(0);
    expect(failure.shrinkSteps).toBeGreaterThan(0);
  });

  it('the_notebook_translated_line_by_line_passes_the_default_level', () => {
    const { code, stdout } = runs['notebook-scope'];
    const report = JSON.parse(stdout);
    expect(failing(report)).toEqual([]);
    expect(code).toBe(0);
    expect(report.level).toBe('notebook');
  });

  it('padding_as_zero_is_not_asked_of_maxpool2d_at_the_notebook_level', () => {
    const report = JSON.parse(runs['pad-zero-notebook'].stdout);
    expect(failing(report)).toEqual([]);
    expect(JSON.parse(runs['pad-zero'].stdout).level).toBe('extended');
    expect(runs['pad-zero-text'].stdout).toContain('extended level: maxpool2d was also checked with padding and dilation');
  });

  it('text_output_shows_the_shrunk_case_with_expected_and_actual', () => {
    const { stdout } = runs['pad-zero-text'];
    expect(stdout).toMatch(/✘ maxpool2d: \d+\/\d+/);
    expect(stdout).toContain('expected:');
    expect(stdout).toContain('actual:');
    expect(stdout).toContain('call: maxpool2d(input,');
  });

  it('overlapping_windows_bug_shows_a_case_where_two_windows_pick_one_element', () => {
    const failure = JSON.parse(runs.overwrite.stdout).results.find((r) => r.name === 'MaxPooling.backwardInput').failure;
    const { kernelSize, stride } = failure.inputs;
    expect(stride[0] < kernelSize[0] || stride[1] < kernelSize[1]).toBe(true);
  });

  it('avg_divisor_bug_is_found_on_a_rectangular_kernel_though_the_notebook_case_passes', () => {
    const failure = JSON.parse(runs['avg-divisor'].stdout).results.find((r) => r.name === 'AvgPooling.backwardInput').failure;
    expect(failure.inputs.kernelSize[0]).not.toBe(failure.inputs.kernelSize[1]);
    expect(failure.label).not.toMatch(/notebook/);
  });

  it('throwing_method_fails_alone_with_its_message_and_console_output_stays_off_stdout', () => {
    const { stdout, stderr } = runs.throws;
    const report = JSON.parse(stdout); // stdout is exactly one JSON document
    const r = report.results.find((x) => x.name === 'MaxPooling.backwardInput');
    expect(r.passed).toBe(0);
    expect(r.failure.kind).toBe('error');
    expect(r.failure.message).toContain('backwardInput is not implemented yet');
    expect(stderr).toContain('debug: backwardInput called');
  });

  it('endless_loop_is_stopped_reported_as_timeout_and_the_rest_still_runs', () => {
    const { code, stdout } = runs.endless;
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(failing(report)).toEqual(['maxpool2d']);
    const r = report.results.find((x) => x.name === 'maxpool2d');
    expect(r.failure.kind).toBe('timeout');
    expect(r.failure.message).toMatch(/did not return within the 5 s/);
  });

  it('runaway_allocation_is_stopped_by_the_worker_memory_limit_and_reported', () => {
    const { code, stdout } = runs['memory-bomb'];
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(failing(report)).toEqual(['AvgPooling.forward', 'AvgPooling.backwardInput']);
    const r = report.results.find((x) => x.name === 'AvgPooling.forward');
    expect(r.failure.kind).toBe('crash');
    expect(r.failure.message).toMatch(/memory/);
  });
});
