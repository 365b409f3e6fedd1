// `npx poolgrad grade` as a tutor gets it: `npm pack`, install the tarball
// into an empty folder, grade a small Moodle zip there (right, buggy,
// hostile, broken), and open the report offline in Chromium.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../cli/run-cli.js';
import { installPacked } from '../helpers/packed.js';
import { launchChromium } from '../helpers/browser.js';
import { courseZip } from './course.js';
import { parseCsv } from './csv-parse.js';

const SLOW = 600_000;
// right · buggy (`=` for `+=`; named like a spreadsheet formula) · hostile code (escape attempts) · broken (truncated JSON)
const ONLY = ['100001', '100005', '100019', '100010'];
// Generous: the machine may be busy, and a right function must not time out.
const GRADE = ['grade', 'course.zip', '--out', 'out/', '--jobs', '2', '--timeout', '15000'];

let installed;
let app;
let participants;
let before;
let plain;
const written = {};

/** Every path under `dir`, recursively, sorted. */
const tree = (dir) => readdirSync(dir, { recursive: true }).map(String).sort();
/** What appeared in and vanished from the app folder since before grading. */
const changes = () => {
  const after = tree(app);
  return { added: after.filter((f) => !before.includes(f)), removed: before.filter((f) => !after.includes(f)) };
};
const ONLY_OUT = { added: ['out', 'out/grades.csv', 'out/grades.json', 'out/report.html'], removed: [] };
// The Python snapshot cache goes beside the app, so the app folder holds only what grade writes.
const npx = (args) => cli(['poolgrad', ...args], { cwd: app, command: 'npx', prefix: [], env: { POOLGRAD_CACHE_DIR: join(dirname(app), 'cache') } });
const rowOf = (grades, p) => grades.submissions.find((s) => s.name === p.name && s.id === p.id);

beforeAll(async () => {
  installed = installPacked('poolgrad-grade-pack-');
  ({ app } = installed);
  const course = courseZip({ extras: false, only: ONLY });
  participants = course.participants;
  writeFileSync(join(app, 'course.zip'), course.zip);
  before = tree(app);
  plain = await npx(GRADE);
  for (const name of ['grades.csv', 'grades.json']) if (existsSync(join(app, 'out', name))) written[name] = readFileSync(join(app, 'out', name), 'utf8');
}, SLOW);

afterAll(() => installed?.remove());

describe('npx poolgrad grade from the installed tarball', () => {
  it('exits_0_writes_the_three_files_into_out_and_nothing_else', () => {
    expect(plain.code, plain.stderr).toBe(0);
    expect(readdirSync(join(app, 'out')).sort()).toEqual(['grades.csv', 'grades.json', 'report.html']);
    expect(changes()).toEqual(ONLY_OUT);
    expect(existsSync('/tmp/poolgrad-grade-escaped')).toBe(false);
    expect(existsSync('/tmp/poolgrad-grade-escaped-2')).toBe(false);
  });

  it('stderr_is_one_summary_line_and_no_progress_bar_when_not_a_terminal', () => {
    expect(plain.stdout).toBe('');
    expect(plain.stderr).not.toMatch(/\r|\x1b\[|grading \[/);
    expect(plain.stderr).toMatch(/^graded 3 of 4 participants \(1 refused\) in [\d.]+ s; wrote .*out\/grades\.csv, grades\.json, report\.html\n$/);
  });

  it('grades_json_has_every_participant_with_the_python_checks_run', () => {
    const grades = JSON.parse(written['grades.json']);
    // The installed package brings its own Python runtime: the code is checked, not only the printed outputs.
    expect(grades.meta.pythonChecks).toBe('run');
    expect(grades.submissions.map((s) => `${s.name} ${s.id}`).sort()).toEqual(participants.map((p) => `${p.name} ${p.id}`).sort());
    for (const p of participants) {
      const row = rowOf(grades, p);
      expect(row.status, `${p.name}: ${row.reason}`).toBe(p.expect.status);
      if (p.expect.reason) expect(row.reason, p.name).toMatch(p.expect.reason);
      const failing = (row.code?.results ?? []).filter((r) => r.passed !== r.total).map((r) => r.name);
      for (const f of p.expect.failing ?? []) expect(failing, p.name).toContain(f);
      if (p.expect.failing?.length === 0) expect(failing, p.name).toEqual([]);
    }
    expect(rowOf(grades, { name: 'Anna Schmidt', id: '100001' }).points).toBe(24);
  });

  it('grades_csv_has_a_row_per_participant_and_the_buggy_function_fails', () => {
    const [head, ...rows] = parseCsv(written['grades.csv']);
    expect(head.slice(0, 4)).toEqual(['name', 'id', 'file', 'status']);
    const cell = (row, column) => row[head.indexOf(column)];
    expect(rows.map((r) => `${r[0]} ${r[1]}`).sort()).toEqual(
      ['Anna Schmidt 100001', `'=HYPERLINK("evil.example","x") 100005`, 'Emil Kaputt 100010', 'Nina Ausbruch 100019'].sort(),
    );
    const byId = Object.fromEntries(rows.map((r) => [r[1], r]));
    expect(cell(byId['100005'], 'MaxPooling.backward_input')).toMatch(/^(\d+)\/(\d+)$/);
    const [passed, total] = cell(byId['100005'], 'MaxPooling.backward_input').split('/').map(Number);
    expect(passed).toBeLessThan(total);
    expect(cell(byId['100001'], 'MaxPooling.backward_input')).toMatch(/^(\d+)\/\1$/);
    expect(cell(byId['100010'], 'status')).toBe('refused');
    expect(cell(byId['100010'], 'reason')).toMatch(/not valid JSON/);
  });

  it('json_prints_the_grades_on_stdout_and_no_progress_bar', async () => {
    const json = await npx([...GRADE, '--json']);
    expect(json.code, json.stderr).toBe(0);
    const grades = JSON.parse(json.stdout);
    expect(grades).toEqual(JSON.parse(readFileSync(join(app, 'out', 'grades.json'), 'utf8')));
    expect(grades.submissions.map((s) => s.id).sort()).toEqual([...ONLY].sort());
    expect(json.stderr).toBe('');
    expect(changes()).toEqual(ONLY_OUT);
  }, SLOW);

  it('report_html_opens_from_file_url_without_any_request', async () => {
    const url = pathToFileURL(join(app, 'out', 'report.html')).href;
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const requests = [];
      const errors = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.goto(url);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
      expect(await page.$$eval('tr[data-participant] [data-open]', (b) => b.map((x) => x.textContent).sort())).toEqual(participants.map((p) => p.name).sort());
      await page.click('tr[data-participant] [data-open] >> text=Nina Ausbruch');
      expect(await page.locator('tr[data-detail]:not([hidden])').count()).toBe(1);
      expect(errors).toEqual([]);
      expect(requests).toEqual([url]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
