// The grade command's edges: usage errors, whole-archive refusals, the zip
// reader's limits, the points file, notebook reading, the progress line.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../cli/run-cli.js';
import { readZip, ZIP_LIMITS, ZipError } from '../../js/grade/zip.js';
import { DEFAULT_POINTS, resolvePoints, score } from '../../js/grade/points.js';
import { findAnswer, findGaps, readSubmission } from '../../js/grade/notebook.js';
import { createProgress, progressLine } from '../../js/grade/progress.js';
import { editCode, openGap, referenceNotebook, setAnswer } from './course.js';
import { writeZip } from './zip-writer.js';

// Tests that grade a notebook run its Python checks; the machine may be busy.
const GRADING = 180_000;

let dir;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'poolgrad-grade-input-'));
  writeFileSync(join(dir, 'right.ipynb'), JSON.stringify(referenceNotebook()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('usage errors exit 2 and name the problem', () => {
  it.each([
    [['grade'], /grade needs INPUT/],
    [['grade', 'no-such-folder'], /no such file or folder: no-such-folder/],
    [['grade', '.', '--jobs', '0'], /--jobs should be an integer ≥ 1, but got "0"/],
    [['grade', '.', '--seed', 'abc'], /--seed should be an integer ≥ 0, but got "abc"/],
    [['grade', '.', '--timeout'], /--timeout should be an integer ≥ 1, but got nothing/],
    [['grade', '.', '--bogus'], /unknown option --bogus for grade/],
    [['grade', '.', 'extra'], /grade takes one INPUT, but got also extra/],
    [['grade', '.', '--points', 'missing.json'], /--points: no such file: missing.json/],
  ])('%j', async (args, message) => {
    const { code, stderr } = await cli(args, { cwd: dir });
    expect(stderr).toMatch(message);
    expect(code).toBe(2);
  });

  it('a_file_that_is_no_zip_and_no_notebook_is_refused_with_exit_2', async () => {
    writeFileSync(join(dir, 'course.zip'), 'just text, not an archive');
    const { code, stderr } = await cli(['grade', 'course.zip', '--out', 'o1'], { cwd: dir });
    expect(stderr).toMatch(/neither a folder nor a zip archive/);
    expect(code).toBe(2);
  });

  it('a_folder_without_notebooks_exits_2', async () => {
    mkdirSync(join(dir, 'empty', 'Anna Schmidt_1_assignsubmission_file_'), { recursive: true });
    const { code, stderr } = await cli(['grade', 'empty', '--out', 'o6'], { cwd: dir });
    expect(stderr).toMatch(/empty: found nothing to grade: no \.ipynb or \.py file in the folder/);
    expect(code).toBe(2);
  });

  it('a_points_file_with_an_unknown_function_is_a_usage_error', async () => {
    writeFileSync(join(dir, 'points.json'), JSON.stringify({ functions: { maxpool3d: 2 } }));
    const { code, stderr } = await cli(['grade', 'right.ipynb', '--points', 'points.json', '--out', 'o2'], { cwd: dir });
    expect(stderr).toMatch(/points "functions" has an unknown name "maxpool3d"/);
    expect(code).toBe(2);
  });

  it('a_points_file_changes_the_total_and_no_progress_bar_is_drawn_off_a_terminal', async () => {
    writeFileSync(join(dir, 'points.json'), JSON.stringify({ outputs: { 'In[7] o_1': 5 } }));
    const { code, stderr } = await cli(['grade', 'right.ipynb', '--points', 'points.json', '--out', 'o3', '--jobs', '1'], { cwd: dir });
    expect(code).toBe(0);
    const grades = JSON.parse(readFileSync(join(dir, 'o3', 'grades.json'), 'utf8'));
    expect(grades.submissions[0].max).toBe(28);
    expect(grades.submissions[0].outputs['In[7] o_1'].verdict).toBe('right');
    expect(readFileSync(join(dir, 'o3', 'grades.csv'), 'utf8')).toMatch(/,28\r\n$/);
    expect(stderr).not.toMatch(/grading \[/);
    expect(stderr).toMatch(/graded 1 of 1 participants/);
  }, GRADING);

  it('help_lists_every_option', async () => {
    const { code, stdout } = await cli(['grade', '--help']);
    expect(code).toBe(0);
    for (const o of ['--out', '--jobs', '--seed', '--timeout', '--points', '--json']) expect(stdout).toContain(o);
  });
});

describe('zip reader', () => {
  const entry = (name, data = 'x') => ({ name, data });

  it('more_entries_than_the_limit_refuse_the_whole_archive', () => {
    const zip = writeZip([entry('a'), entry('b'), entry('c')]);
    expect(() => readZip(zip, { ...ZIP_LIMITS, maxEntries: 2 })).toThrow(new ZipError('the archive has 3 entries, over the limit of 2'));
  });

  it('entries_together_over_the_total_limit_refuse_the_whole_archive', () => {
    const zip = writeZip([entry('a', 'x'.repeat(600)), entry('b', 'y'.repeat(600))]);
    expect(() => readZip(zip, { ...ZIP_LIMITS, maxTotalBytes: 1000 })).toThrow(/inflate to more than .* together, over the limit/);
  });

  it('a_course_zip_over_the_entry_limit_exits_2', async () => {
    writeFileSync(join(dir, 'many.zip'), writeZip(Array.from({ length: 20_001 }, (_, i) => entry(`f${i}.txt`, ''))));
    const { code, stderr } = await cli(['grade', 'many.zip', '--out', 'o4'], { cwd: dir });
    expect(stderr).toMatch(/20001 entries, over the limit of 20000/);
    expect(code).toBe(2);
  });

  it('a_truncated_archive_is_refused', () => {
    const zip = writeZip([entry('a.ipynb', 'x'.repeat(100))]);
    expect(() => readZip(zip.subarray(0, zip.length - 30))).toThrow(ZipError);
  });

  it('a_high_ratio_entry_above_the_floor_is_a_bomb', () => {
    const zip = writeZip([entry('a.ipynb', Buffer.alloc(4096))]);
    const [e] = readZip(zip, { ...ZIP_LIMITS, ratioFloorBytes: 1024, maxRatio: 10 }).entries;
    expect(e.refused).toMatch(/over the ratio limit of 10:1 \(zip bomb\)/);
    expect(() => e.read()).toThrow(/zip bomb/);
  });

  it('a_damaged_entry_fails_its_checksum', () => {
    const zip = writeZip([{ name: 'a.ipynb', data: 'hello world', store: true }]);
    zip[30 + 'a.ipynb'.length] ^= 1;
    const [e] = readZip(zip).entries;
    expect(() => e.read()).toThrow(/checksum mismatch/);
  });

  it.each([
    ['../x.ipynb', /climbs out/], ['a/../../x.ipynb', /climbs out/], ['..\\x.ipynb', /climbs out/],
    ['/etc/passwd', /absolute path/], ['\\\\server\\x', /absolute path/], ['C:\\x.ipynb', /absolute path/],
  ])('entry %j is refused (zip slip)', (name, reason) => {
    const [e] = readZip(writeZip([entry(name)])).entries;
    expect(e.refused).toMatch(reason);
  });

  it('unicode_names_survive', () => {
    const names = ['Zoë Ångström_1_assignsubmission_file_/lösung.ipynb', '李 小龙_2_assignsubmission_file_/a.ipynb', '🎓_3_assignsubmission_file_/b.ipynb'];
    expect(readZip(writeZip(names.map((n) => entry(n)))).entries.map((e) => e.name)).toEqual(names);
  });
});

describe('notebook reading', () => {
  const read = (nb) => readSubmission(Buffer.from(JSON.stringify(nb)), 'ipynb');

  it('gaps_with_placeholders_are_open_and_filled_ones_are_not', () => {
    const nb = openGap(openGap(openGap(openGap(referenceNotebook(), 4), 11, 'None'), 13, '...'), 30, 'pass');
    expect(findGaps(read(nb).cells)).toEqual({ open: [4, 11, 13, 30], filled: Array.from({ length: 31 }, (_, i) => i + 1).filter((n) => ![4, 11, 13, 30].includes(n)), missing: [] });
  });

  it('a_gap_whose_marker_is_gone_is_missing_not_open', () => {
    const nb = editCode(referenceNotebook(), 7, ' # bitte Code ergaenzen <---------------- [Luecke (7)]', '');
    expect(findGaps(read(nb).cells).missing).toEqual([7]);
  });

  it('a_comparison_is_code_not_a_placeholder', () => {
    const nb = editCode(referenceNotebook(), 4, 'h_out = (input_shape[0]+2*padding[0] -dilation[0]*(kernel_size[0]-1)-1) /stride[0] +1', 'h_out == None');
    expect(findGaps(read(nb).cells).open).toEqual([]);
  });

  it('the_answer_is_the_cell_after_the_question_as_text', () => {
    const nb = setAnswer(referenceNotebook(), '<span style="color: red">Weil nur die <b>Form</b> z&auml;hlt &amp; nicht die Werte.</span>\n<script>alert(1)</script>');
    expect(findAnswer(read(nb).cells)).toBe('Weil nur die Form zählt & nicht die Werte.\n<script>alert(1)</script>');
  });

  it.each([
    ['{"cells": [', /not valid JSON/],
    ['{"nbformat": 3, "worksheets": []}', /nbformat 3/],
    ['{"nbformat": 5, "cells": []}', /should be in nbformat 4, but it is in nbformat 5/],
    ['[1, 2]', /not a Jupyter notebook: its top level is not an object/],
  ])('%j is refused', (text, reason) => {
    expect(readSubmission(Buffer.from(text), 'ipynb').problem).toMatch(reason);
  });

  it('latin1_bytes_are_not_utf8', () => {
    expect(readSubmission(Buffer.from([0x7b, 0xe4, 0x7d]), 'ipynb').problem).toMatch(/not UTF-8/);
  });
});

describe('points', () => {
  it('partial_credit_scales_by_passed_cases', () => {
    const points = resolvePoints({ partial: true });
    const sub = { code: { results: [{ name: 'maxpool2d', passed: 3, total: 4 }] }, outputs: {} };
    expect(score(sub, points)).toEqual({ points: 1.5, max: 24 });
    expect(score(sub, DEFAULT_POINTS)).toEqual({ points: 0, max: 24 });
  });

  it.each([
    [[], /should hold a JSON object/],
    [{ partial: 'yes' }, /"partial" should be true or false, but got "yes"/],
    [{ outputs: { 'In[7] o_1': -1 } }, /"outputs"."In\[7\] o_1" should be a number ≥ 0, but got -1/],
    [{ bonus: 1 }, /unknown key "bonus"/],
  ])('%j is refused', (value, message) => expect(() => resolvePoints(value)).toThrow(message));
});

describe('progress line', () => {
  it('shows_done_total_elapsed_and_an_estimate', () => {
    expect(progressLine(50, 200, 60_000, 8)).toBe('grading [##------] 50/200  1:00 elapsed, ~3:00 left');
    expect(progressLine(200, 200, 61_000, 8)).toBe('grading [########] 200/200  1:01 elapsed');
  });

  it('draws_on_a_terminal_only', () => {
    const written = [];
    const stream = { write: (t) => written.push(t) };
    const on = createProgress(stream, true);
    on.update(0, 3);
    on.update(3, 3);
    on.finish();
    expect(written[0]).toMatch(/^\rgrading \[-+\] 0\/3 /);
    expect(written[1]).toMatch(/^\rgrading \[#+\] 3\/3 /);
    expect(written.at(-1)).toBe('\n');
    const off = createProgress(stream, false);
    off.update(1, 3);
    off.finish();
    expect(written).toHaveLength(3);
  });
});
