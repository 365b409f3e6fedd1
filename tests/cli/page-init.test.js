// `poolgrad page` (port errors, serving), `poolgrad init` where a newcomer
// trips (missing folders, CommonJS projects), and input as Windows writes it
// (UTF-16 with a byte order mark, Ctrl-Z to end typed input).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCommand, parsePort } from '../../bin/page.js';
import { decodeText, endOfInputKeys } from '../../bin/text-input.js';
import { answersFile, bin, cli } from './run-cli.js';

const work = mkdtempSync(join(tmpdir(), 'poolgrad-page-init-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A folder with a package.json of `manifest` (null: none). */
function project(name, manifest) {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  if (manifest) writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
  return dir;
}

/** The page's URL once the `page` command prints it; rejects if the command exits first. */
function printedUrl(child) {
  return new Promise((done, fail) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) done(m[0]);
    });
    child.on('exit', (code) => fail(new Error(`exited with ${code}: ${out}`)));
  });
}

describe('poolgrad init', () => {
  it('creates_missing_folders', async () => {
    const dir = project('nested', { type: 'module' });
    const r = await cli(['init', 'sub/dir/x.mjs'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'sub/dir/x.mjs'), 'utf8')).toContain('export function getOutputShape');
    expect(r.stdout).toContain('npx poolgrad check sub/dir/x.mjs');
  });

  it('a_file_in_the_way_of_a_folder_is_a_usage_error_not_an_internal_one', async () => {
    const dir = project('blocked', { type: 'module' });
    writeFileSync(join(dir, 'sub'), 'a file');
    const r = await cli(['init', 'sub/x.mjs'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is a file, not a folder');
    expect(r.stderr).not.toContain('internal error');
  });

  it('a_folder_as_the_file_is_refused_with_an_example', async () => {
    const dir = project('folder', { type: 'module' });
    mkdirSync(join(dir, 'mine'));
    const r = await cli(['init', 'mine'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('mine is a folder; give a file name, e.g. mine/learner.mjs');
  });

  it('learner_js_in_a_commonjs_project_becomes_mjs_and_says_why', async () => {
    const dir = project('cjs', { name: 'course' });
    const r = await cli(['init', 'learner.js'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'learner.js'))).toBe(false);
    expect(existsSync(join(dir, 'learner.mjs'))).toBe(true);
    expect(r.stdout).toContain('learner.js would be CommonJS here');
    expect(r.stdout).toContain('npx poolgrad check learner.mjs');
    // What it wrote is checkable as it is (and fails, being empty).
    const checked = await cli(['check', join(dir, 'learner.mjs'), '--json']);
    expect(checked.code).toBe(1);
  }, 60_000);

  it('learner_js_in_an_esm_project_stays_js', async () => {
    const dir = project('esm', { name: 'course', type: 'module' });
    const r = await cli(['init', 'learner.js'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'learner.js'))).toBe(true);
    expect(r.stdout).not.toContain('CommonJS');
  });

  it('a_cjs_name_is_refused', async () => {
    const r = await cli(['init', join(work, 'x.cjs')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('must end in .mjs or .js, but got');
  });
});

describe('input as Windows writes it', () => {
  const text = readFileSync(answersFile('notebook-right'), 'utf8');

  it('decodes_utf16_le_and_be_and_drops_a_utf8_bom', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('o_1: [[5. ä]]', 'utf16le')]);
    const be = Buffer.from(le.subarray(2)).swap16();
    expect(decodeText(le)).toBe('o_1: [[5. ä]]');
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toBe('o_1: [[5. ä]]');
    expect(decodeText(Buffer.from('\ufeffo_1:', 'utf8'))).toBe('o_1:');
    expect(decodeText(Buffer.from('o_1: ä', 'utf8'))).toBe('o_1: ä');
    expect(decodeText(Buffer.from([0xfe, 0xff, 0x00, 0x41, 0x00]))).toMatch(/^A/); // a cut-off last byte is not fatal
  });

  it('answers_reads_a_utf16_file_with_bom', async () => {
    const file = join(work, 'output-utf16.txt');
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const [utf16, utf8] = await Promise.all([cli(['answers', file]), cli(['answers', answersFile('notebook-right')])]);
    expect(utf16.code).toBe(0);
    expect(utf16.stdout).toBe(utf8.stdout);
  }, 60_000);

  it('answers_reads_utf16_on_stdin_too', async () => {
    const r = await cli(['answers'], { input: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]) });
    expect(r.code).toBe(0);
  }, 60_000);

  it('the_end_of_input_hint_names_ctrl_z_on_windows', () => {
    expect(endOfInputKeys('win32')).toBe('Ctrl-Z, then Enter');
    expect(endOfInputKeys('linux')).toBe('Ctrl-D');
    expect(endOfInputKeys('darwin')).toBe('Ctrl-D');
  });
});

describe('poolgrad page', () => {
  it('port_rules_named_with_the_value', async () => {
    expect(parsePort('8080')).toEqual({ port: 8080 });
    expect(parsePort('0')).toEqual({ port: 0 });
    for (const bad of ['abc', '-1', '65536', '80.5', '']) expect(parsePort(bad).error).toContain(`but got ${JSON.stringify(bad)}`);
    const r = await cli(['page', '--port', 'abc']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--port must be an integer from 0 to 65535, but got "abc"');
    const none = await cli(['page', '--port']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--port needs a number');
  });

  it('a_port_in_use_is_named_and_a_free_one_suggested', async () => {
    const blocker = createServer();
    await new Promise((done) => blocker.listen(0, '127.0.0.1', done));
    const { port } = blocker.address();
    try {
      const r = await cli(['page', '--port', String(port)]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`port ${port} is in use; choose another with --port N (--port 0 picks a free one)`);
    } finally {
      blocker.close();
    }
  });

  it('serves_the_page_until_stopped', async () => {
    const child = spawn(process.execPath, [bin, 'page', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await printedUrl(child);
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<html lang="de">');
      expect((await fetch(`${url}js/main.js`)).headers.get('content-type')).toContain('text/javascript');
      expect((await fetch(`${url}../package.json`)).status).toBe(404);
    } finally {
      child.kill();
    }
  });

  it.skipIf(process.platform !== 'linux')('open_hands_the_url_to_the_desktop_opener', async () => {
    // A stand-in xdg-open first on PATH records what it was asked to open.
    const tools = join(work, 'opener');
    mkdirSync(tools, { recursive: true });
    writeFileSync(join(tools, 'xdg-open'), `#!/bin/sh\necho "$1" > "${join(tools, 'opened')}"\n`, { mode: 0o755 });
    const child = spawn(process.execPath, [bin, 'page', '--port', '0', '--open'], {
      stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PATH: `${tools}:${process.env.PATH}` },
    });
    try {
      const url = await printedUrl(child);
      for (let i = 0; i < 50 && !existsSync(join(tools, 'opened')); i++) await new Promise((r) => setTimeout(r, 100));
      expect(readFileSync(join(tools, 'opened'), 'utf8').trim()).toBe(url);
    } finally {
      child.kill();
    }
  });

  it('open_uses_the_platforms_opener', () => {
    expect(openCommand('http://x/', 'win32')).toEqual(['cmd', ['/c', 'start', '""', 'http://x/']]);
    expect(openCommand('http://x/', 'darwin')).toEqual(['open', ['http://x/']]);
    expect(openCommand('http://x/', 'linux')).toEqual(['xdg-open', ['http://x/']]);
  });
});

describe('the page server', () => {
  it('revalidates_instead_of_sending_a_file_again_and_gives_learner_workers_their_csp', async () => {
    const { serve } = await import('../../bin/page-server.js');
    const { server, url } = await serve({ port: 0 });
    try {
      const first = await fetch(`${url}js/main.js`);
      await first.arrayBuffer();
      const modified = first.headers.get('last-modified');
      expect(modified).toBeTruthy();
      const again = await fetch(`${url}js/main.js`, { headers: { 'if-modified-since': modified } });
      expect(again.status).toBe(304);
      const worker = await fetch(`${url}js/code-worker.js`);
      expect(worker.headers.get('content-security-policy')).toContain("script-src 'self' blob: 'wasm-unsafe-eval'");
      expect((await fetch(`${url}js/main.js`)).headers.get('content-security-policy')).toBeNull();
    } finally {
      server.close();
    }
  });
});
