// `poolgrad grade` over a generated course, as a folder and as Moodle's zip:
// every participant gets a row with the verdicts the generator expects, the
// CSV is spreadsheet-safe, nothing is written outside --out.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../cli/run-cli.js';
import { csvCell } from '../../js/grade/csv.js';
import { courseZip, moodleFolder, writeCourseFolder } from './course.js';
import { parseCsv } from './csv-parse.js';

// Generous: the machine may be busy, and a right function must not time out.
const TIMEOUT_MS = 15_000;
const SLOW = 600_000;
let dir;
const runs = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'poolgrad-grade-'));
  const folder = join(dir, 'course');
  runs.folder = { participants: writeCourseFolder(folder) };
  // The zip holds the archive attacks and a few participants; the folder holds them all.
  const { zip, participants, hostileEntries } = courseZip({ only: ['100001', '100002', '100003', '100005', '100006', '100007', '100010', '100013', '100014'] });
  writeFileSync(join(dir, 'course.zip'), zip);
  runs.zip = { participants, hostileEntries };
  for (const [kind, input] of [['folder', folder], ['zip', join(dir, 'course.zip')]]) {
    const out = join(dir, `out-${kind}`);
    const result = await cli(['grade', input, '--out', out, '--jobs', '2', '--timeout', String(TIMEOUT_MS), '--json'], { cwd: dir, env: { POOLGRAD_CHECK_MEMORY_MB: '256' } });
    runs[kind].result = result;
    runs[kind].out = out;
    runs[kind].grades = result.code === 0 ? JSON.parse(result.stdout) : null;
  }
}, SLOW);

afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

const rowOf = (grades, p) => grades.submissions.find((s) => s.name === p.name && s.id === p.id);

describe.each(['folder', 'zip'])('grade a course %s', (kind) => {
  it('exits 0, prints grades.json on stdout and writes the same file into --out', () => {
    const { result, out, grades } = runs[kind];
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['grades.csv', 'grades.json', 'report.html']);
    expect(JSON.parse(readFileSync(join(out, 'grades.json'), 'utf8'))).toEqual(grades);
  });

  it('every_participant_gets_one_row_with_the_expected_status_and_reason', () => {
    const { grades, participants } = runs[kind];
    for (const p of participants) {
      const row = rowOf(grades, p);
      expect(row, `${p.name} ${p.id}`).toBeDefined();
      expect(row.status, `${p.name}: ${row.reason}`).toBe(p.expect.status);
      if (p.expect.reason) expect(row.reason, p.name).toMatch(p.expect.reason);
      if (p.expect.status === 'refused') expect(row.points, p.name).toBe(0);
    }
    const ids = grades.submissions.map((s) => s.id).filter(Boolean);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('stored_outputs_are_judged_per_check_cell_and_name_the_learners_cell', () => {
    const { grades, participants } = runs[kind];
    for (const p of participants) {
      for (const [block, verdict] of Object.entries(p.expect.outputs ?? {})) {
        const got = rowOf(grades, p).outputs[block];
        if (verdict === undefined) expect(got, `${p.name} ${block}`).toBeUndefined();
        else {
          expect(got?.verdict, `${p.name} ${block}`).toBe(verdict);
          expect(Number.isInteger(got.notebookCell)).toBe(true);
        }
      }
    }
    const wrongYx = rowOf(grades, participants.find((p) => p.name === 'Bernd Ties')).outputs['In[9] backward_yx'];
    expect(wrongYx.wrong[0]).toMatchObject({ index: [0, 0, 0, 0, 0], expected: 1, actual: 2 });
  });

  it('open_gaps_and_the_verstaendnisfrage_answer_are_extracted', () => {
    const { grades, participants } = runs[kind];
    for (const p of participants) {
      const row = rowOf(grades, p);
      if (p.expect.openGaps) expect(row.gaps.open, p.name).toEqual(p.expect.openGaps);
      if (p.expect.answer) expect(row.answer, p.name).toMatch(p.expect.answer);
    }
  });

  it('several_files_grade_the_newest_notebook_and_say_so', () => {
    const { grades, participants } = runs[kind];
    const p = participants.find((x) => x.name === 'Dora Mehrfach');
    const row = rowOf(grades, p);
    expect(row.file).toBe('final.ipynb');
    expect(row.note).toMatch(p.expect.note);
    expect(row.outputs['In[7] o_1'].verdict).toBe('right');
  });

  it('points follow the default scheme: 2 per passing function, 1 per right output block', () => {
    const { grades } = runs[kind];
    expect(grades.meta.points.functions.maxpool2d).toBe(2);
    for (const s of grades.submissions) {
      const right = Object.values(s.outputs).filter((o) => o.verdict === 'right').length;
      const passed = (s.code?.results ?? []).filter((r) => r.passed === r.total).length;
      expect(s.points, s.name).toBe(s.status === 'refused' ? 0 : right + 2 * passed);
      expect(s.max).toBe(24);
    }
  });

  it('csv_has_one_row_per_participant_and_defuses_formulas', () => {
    const { out, grades } = runs[kind];
    const rows = parseCsv(readFileSync(join(out, 'grades.csv'), 'utf8'));
    const head = rows[0];
    expect(head.slice(0, 6)).toEqual(['name', 'id', 'file', 'status', 'reason', 'note']);
    expect(head).toContain('MaxPooling_.backprop_yx');
    expect(head).toContain('In[9] backward_yx');
    expect(rows.length - 1).toBe(grades.submissions.length);
    const formula = rows.find((r) => r[1] === '100005');
    expect(formula[0]).toBe(`'=HYPERLINK("evil.example","x")`);
    for (const r of rows.slice(1)) for (const c of r) expect(c).not.toMatch(/^[=+\-@]/);
    const bernd = rows.find((r) => r[1] === '100003');
    expect(bernd[head.indexOf('In[9] backward_yx')]).toBe('wrong');
    expect(bernd[head.indexOf('In[7] o_1')]).toBe('right');
    const anna2 = rows.find((r) => r[1] === '100002');
    expect(anna2[head.indexOf('open gaps')]).toBe('1 2 7');
    expect(anna2[head.indexOf('In[7] o_1')]).toBe('missing');
    const unicode = rows.find((r) => r[1] === '100007');
    expect(unicode[0]).toBe('Zoë Ångström-Łukasiewicz');
    expect(unicode[2]).toBe('lösung ✓.ipynb');
  });

  it('python_checks_blame_the_right_function_and_stay_isolated (when the Python runtime is present)', (ctx) => {
    const { grades, participants } = runs[kind];
    if (grades.meta.pythonChecks !== 'run') ctx.skip();
    for (const p of participants) {
      if (!p.expect.failing) continue;
      const row = rowOf(grades, p);
      const failing = row.code.results.filter((r) => r.passed !== r.total).map((r) => r.name);
      for (const f of p.expect.failing) expect(failing, p.name).toContain(f);
      if (p.expect.failing.length === 0) expect(failing, p.name).toEqual([]);
    }
    // The participant graded right after the monkey-patcher passes everything.
    const patcher = participants.find((p) => p.name === 'Otto Patcher');
    if (patcher) {
      // Graded right after the patcher, on the same runtime when --jobs is 1 or the other is busy.
      const after = rowOf(grades, participants.find((p) => p.name === 'Otto Zweiter'));
      expect(after.code.results.every((r) => r.passed === r.total)).toBe(true);
      expect(rowOf(grades, patcher).code.results.some((r) => r.passed !== r.total)).toBe(true);
    }
    const counted = Object.fromEntries(grades.summary.failingFunctions.map((f) => [f.function, f.count]));
    for (const name of ['MaxPooling_.backprop_yx', 'MaxPooling.backward_input']) {
      const expected = participants.filter((p) => p.expect.failing?.includes(name)).length;
      expect(counted[name], name).toBeGreaterThanOrEqual(expected);
    }
    expect(existsSync('/tmp/poolgrad-grade-escaped')).toBe(false);
    expect(existsSync('/tmp/poolgrad-grade-escaped-2')).toBe(false);
  });
});

describe('course summary', () => {
  it('summary_counts_the_courses_most_common_problems', () => {
    const { grades } = runs.folder;
    expect(grades.summary.wrongOutputs).toEqual(expect.arrayContaining([{ block: 'In[9] backward_yx', count: 1 }, { block: 'In[13] dEdo_0', count: 1 }, { block: 'In[11] dEdo_0', count: 1 }]));
    const expected = new Map();
    for (const p of runs.folder.participants) for (const gap of p.expect.openGaps ?? []) expected.set(gap, (expected.get(gap) ?? 0) + 1);
    expect(Object.fromEntries(grades.summary.openGaps.map((g) => [g.gap, g.count]))).toEqual(Object.fromEntries(expected));
    expect(grades.summary.openGaps[0]).toMatchObject({ count: 2 });
    expect(grades.summary.participants).toBe(grades.submissions.length);
  });

});

describe('zip archive attacks', () => {
  it('entries_climbing_out_or_absolute_are_refused_rows_and_nothing_is_written_outside_out', () => {
    const { grades, hostileEntries } = runs.zip;
    for (const e of hostileEntries) {
      const row = grades.submissions.find((s) => s.file === e.name);
      expect(row, e.name).toBeDefined();
      expect(row.status).toBe('refused');
      expect(row.reason).toMatch(e.reason);
    }
    expect(readdirSync(dir).filter((f) => !f.includes('isolation')).sort()).toEqual(['course', 'course.zip', 'out-folder', 'out-zip']);
    expect(existsSync(join(dir, '..', 'evil.ipynb'))).toBe(false);
    expect(existsSync('/etc/poolgrad-evil.ipynb')).toBe(false);
  });

  it('a_bomb_and_a_lying_entry_are_refused_without_inflating_them', () => {
    const { grades, participants } = runs.zip;
    expect(rowOf(grades, participants.find((p) => p.name === 'Tom Bombe')).reason).toMatch(/100\.0 MiB, over the limit of 32\.0 MiB per file/);
    expect(rowOf(grades, participants.find((p) => p.name === 'Uwe Lügner')).reason).toMatch(/beyond its declared 1000 bytes/);
  });

  it('the_same_entry_twice_grades_one_and_names_the_other', () => {
    const { grades, participants } = runs.zip;
    const row = rowOf(grades, participants.find((p) => p.name === 'Sven Doppelt'));
    expect(row.status).toBe('graded');
    expect(row.note).toMatch(/another entry of the same name/);
  });

  it('a_folder_named_like_moodle_gives_name_and_id', () => {
    const { grades } = runs.zip;
    const p = { name: 'Anna Schmidt', id: '100002' };
    expect(rowOf(grades, p).file).toBe('Aufgabe 7 (1).ipynb');
    expect(moodleFolder(p)).toBe('Anna Schmidt_100002_assignsubmission_file_');
  });
});

describe('csv cells', () => {
  it.each([
    ['=1+1', "'=1+1"], ['+49 123', "'+49 123"], ['-5', "'-5"], ['@SUM(A1)', "'@SUM(A1)"], ['\tx', "'\tx"],
    ['a,b', '"a,b"'], ['say "hi"', '"say ""hi"""'], ['two\nlines', '"two\nlines"'], ['Zoë', 'Zoë'], [3.5, '3.5'], [null, ''],
  ])('csvCell(%j) is %j', (value, cell) => expect(csvCell(value)).toBe(cell));
});

describe('isolation between submissions on one runtime', () => {
  it('a_submission_patching_numpy_and_builtins_does_not_change_the_next_verdict', async () => {
    const folder = join(dir, 'isolation');
    const list = writeCourseFolder(folder, { extras: false, only: ['100020', '100021'] });
    // --jobs 1: one runtime, the patcher ("Otto P…") graded right before "Otto Z…".
    const { code, stdout } = await cli(['grade', folder, '--out', join(dir, 'out-isolation'), '--jobs', '1', '--timeout', String(TIMEOUT_MS), '--json'], { cwd: dir });
    expect(code).toBe(0);
    const grades = JSON.parse(stdout);
    expect(grades.submissions.map((s) => s.name)).toEqual(['Otto Patcher', 'Otto Zweiter']);
    const [patcher, next] = grades.submissions;
    expect(patcher.code.results.some((r) => r.passed !== r.total)).toBe(true);
    expect(next.code.results.map((r) => `${r.name} ${r.passed}/${r.total}`)).toEqual(next.code.results.map((r) => `${r.name} ${r.total}/${r.total}`));
    expect(next.points).toBe(24);
    expect(list).toHaveLength(2);
  }, SLOW);
});
