// Learner code is untrusted: every way out of the Python sandbox we know of
// is tried here, and the host must stay untouched. The code under test is
// Pyodide in a node:vm context (js/python/sandbox.js) with a fresh
// interpreter per submission (js/python/runtime-worker.js).
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPythonPool } from '../../js/python/pool.js';

const HOST_FILE = join(tmpdir(), `poolgrad-escape-${process.pid}`);
const REPO_FILE = new URL('../../package.json', import.meta.url).pathname;
let pool;

beforeAll(async () => {
  rmSync(HOST_FILE, { force: true });
  pool = createPythonPool({ jobs: 1, timeoutMs: 10_000 });
  await pool.ready();
}, 180_000);
afterAll(() => {
  pool?.close();
  rmSync(HOST_FILE, { force: true });
});

// Runs `attempt` (Python, indented by the caller) as a submission that
// defines no function and prints `OUTCOME <what happened>`.
async function attempt(body) {
  const code = `try:\n${body.replace(/^/gm, '    ')}\nexcept BaseException as error:\n    print('OUTCOME blocked', type(error).__name__, error)\n`;
  const report = await pool.check({ code, filename: 'escape.py' });
  expect(report.usageError).toMatch(/defines none of/);
  const line = report.output.split('\n').find((l) => l.startsWith('OUTCOME'));
  expect(line, report.output).toBeDefined();
  return line;
}

describe('no host file or process', () => {
  it('os_system_does_not_run_a_host_command', async () => {
    const outcome = await attempt(`status = __import__('os').system('touch ${HOST_FILE}')\nprint('OUTCOME status', status)`);
    expect(outcome).not.toBe('OUTCOME status 0');
    expect(existsSync(HOST_FILE)).toBe(false);
  }, 60_000);

  it('subprocess_cannot_start_a_process', async () => {
    const outcome = await attempt(`import subprocess\nsubprocess.run(['touch', '${HOST_FILE}'])\nprint('OUTCOME ran')`);
    expect(outcome).toMatch(/^OUTCOME blocked OSError/);
    expect(existsSync(HOST_FILE)).toBe(false);
  }, 60_000);

  it('open_reads_no_host_file', async () => {
    for (const path of ['/etc/passwd', REPO_FILE]) {
      const outcome = await attempt(`print('OUTCOME read', open('${path}').read()[:20])`);
      expect(outcome).toMatch(/^OUTCOME blocked FileNotFoundError/);
    }
  }, 60_000);

  it('writing_a_file_stays_inside_the_sandbox', async () => {
    const outcome = await attempt(`open('${HOST_FILE}', 'w').write('x')\nprint('OUTCOME wrote', open('${HOST_FILE}').read())`);
    expect(outcome).toBe('OUTCOME wrote x'); // in the sandbox's memory file system only
    expect(existsSync(HOST_FILE)).toBe(false);
  }, 60_000);

  it('ctypes_reaches_no_host_library', async () => {
    const outcome = await attempt(`import ctypes\nlibc = ctypes.CDLL('libc.so.6')\nprint('OUTCOME loaded', libc.system(b'touch ${HOST_FILE}'))`);
    expect(outcome).toMatch(/^OUTCOME blocked OSError/);
    expect(existsSync(HOST_FILE)).toBe(false);
  }, 60_000);
});

describe('no JavaScript, no network', () => {
  it('js_and_pyodide_modules_cannot_be_imported', async () => {
    expect(await attempt(`import js\nprint('OUTCOME got', js.process)`)).toMatch(/^OUTCOME blocked ImportError js is not available/);
    expect(await attempt(`import pyodide_js\nprint('OUTCOME got', pyodide_js.FS)`)).toMatch(/^OUTCOME blocked ImportError pyodide_js is not available/);
    expect(await attempt(`from pyodide.code import run_js\nprint('OUTCOME got', run_js('1'))`)).toMatch(/^OUTCOME blocked ImportError pyodide(\.code)? is not available/);
  }, 60_000);

  // Python cannot be walled in from the inside: gc finds Pyodide's modules.
  // What they reach must be harmless: a JavaScript world without process,
  // require, import(), a host Function, or network.
  it('javascript_reached_through_gc_has_no_way_to_the_host', async () => {
    // the modules the harness hid from sys.modules while learner code runs
    const find = `import gc\njs = next(d for d in gc.get_objects() if isinstance(d, dict) and 'js' in d and 'pyodide_js' in d)['js']\n`;
    const probe = (expression) => attempt(`${find}print('OUTCOME', ${expression})`);
    expect(await probe(`js.Function('return [typeof process, typeof require, typeof Deno, typeof window].join()')()`)).toBe(
      'OUTCOME undefined,undefined,undefined,undefined',
    );
    // Every function among the sandbox's globals is the sandbox's own (a host function would lead to the host's Function).
    expect(await probe(`js.Function('return [setTimeout, clearTimeout, fetch, performance.now, TextDecoder.prototype.decode, TextEncoder.prototype.encode, crypto.getRandomValues, URL, WebAssembly.Memory.prototype.grow].map((f) => f instanceof Function).join()')()`)).toBe(
      `OUTCOME ${Array(9).fill('true').join()}`,
    );
    expect(await probe(`js.Function('return Object.getOwnPropertyNames(globalThis).filter((k) => typeof globalThis[k] === "function" && !(globalThis[k] instanceof Function)).join() || "none"')()`)).toBe('OUTCOME none');
    for (const route of ['globalThis.constructor', 'Object.getPrototypeOf(globalThis).constructor', 'this.__proto__.constructor', '(async () => {}).constructor', 'WebAssembly.Module']) {
      expect(await probe(`js.eval('typeof ${route}.constructor("return this")().process')`), route).toBe('OUTCOME undefined');
    }
    // Stack frames of the host (the worker calling into Python) give no function away (wasm frames give their index).
    const frames = `js.eval('Error.prepareStackTrace = (e, frames) => frames.map((f) => { const fn = f.getFunction(); return typeof fn !== "function" || fn instanceof Function ? "ok" : "HOST"; }).join(); new Error().stack')`;
    expect(await probe(frames)).not.toMatch(/HOST/);
    const imported = await attempt(`${find}import asyncio\np = js.Function('return import("node:fs").then(() => "imported", (e) => "refused " + e.code)')()\nprint('OUTCOME', asyncio.get_event_loop().run_until_complete(p))`);
    expect(imported).toMatch(/^OUTCOME (refused ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING|blocked)/);
    const fetched = await attempt(`${find}import asyncio\np = js.fetch('https://example.com/').then(lambda r: 'fetched', lambda e: 'refused ' + str(e))\nprint('OUTCOME', asyncio.get_event_loop().run_until_complete(p))`);
    expect(fetched).toMatch(/^OUTCOME (refused .*no network|blocked)/);
  }, 120_000);

  it('sockets_and_urllib_have_no_network', async () => {
    expect(await attempt(`import socket\ns = socket.create_connection(('example.com', 80), timeout=2)\nprint('OUTCOME connected')`)).toMatch(/^OUTCOME blocked OSError/);
    expect(await attempt(`import urllib.request\nprint('OUTCOME', urllib.request.urlopen('http://example.com').status)`)).toMatch(/^OUTCOME blocked (URLError|OSError)/);
  }, 60_000);
});

describe('the checker keeps its verdict, its time and its memory', () => {
  // Wrong get_output_shape; the code also rewrites the harness so every call "passes".
  const FORGER = `
import poolgrad_check, json
def get_output_shape(input_shape, kernel_size, stride=(1, 1), padding=(0, 0), dilation=(1, 1)):
    return (0, 0)
poolgrad_check.call = lambda request: json.dumps({'ok': True, 'passed': True, 'value': None})
poolgrad_check.plain = lambda value: [2, 2]
`;

  it('a_submission_cannot_mark_itself_passed', async () => {
    const report = await pool.check({ code: FORGER, filename: 'forger.py' });
    const shape = report.results.find((r) => r.name === 'get_output_shape');
    expect(shape.passed).toBe(0);
    expect(shape.failure.kind).toBe('mismatch');
  }, 120_000);

  it('an_endless_loop_times_out_that_function_and_the_others_are_still_checked', async () => {
    const code = `
import numpy as np
def get_output_shape(input_shape, kernel_size, stride=(1, 1), padding=(0, 0), dilation=(1, 1)):
    while True:
        pass
def maxpool2d(input_tensor, kernel_size, stride=(1, 1), padding=(0, 0), dilation=(1, 1)):
    return np.zeros((1, 1, 1, 1))
`;
    const report = await pool.check({ code, filename: 'endless.py' });
    const byName = Object.fromEntries(report.results.map((r) => [r.name, r]));
    expect(byName.get_output_shape.failure.kind).toBe('timeout');
    // maxpool2d ran in a restarted runtime and was judged on its own (wrong) results
    expect(byName.maxpool2d.failure.kind).toBe('mismatch');
    expect(byName['MaxPooling_.forward'].failure.kind).toBe('missing');
  }, 120_000);

  it('a_billion_element_list_is_an_error_of_that_function', async () => {
    const code = `
def get_output_shape(input_shape, kernel_size, stride=(1, 1), padding=(0, 0), dilation=(1, 1)):
    waste = [0.0] * (10 ** 9)
    return (1, 1)
def maxpool2d(input_tensor, kernel_size, stride=(1, 1), padding=(0, 0), dilation=(1, 1)):
    grow = list(range(10 ** 9))
    return None
`;
    const report = await pool.check({ code, filename: 'memory.py' });
    const byName = Object.fromEntries(report.results.map((r) => [r.name, r]));
    expect(byName.get_output_shape.failure.kind).toBe('error');
    expect(byName.get_output_shape.failure.error).toMatch(/^MemoryError/);
    // growing a list to the memory limit: a MemoryError, or on a slow machine the time runs out first
    expect(['error', 'crash', 'timeout']).toContain(byName.maxpool2d.failure.kind);
    // and the runtime still checks the next submission
    const after = await pool.check({ code: 'def get_output_shape(input_shape, kernel_size, stride=(1, 1), padding=(0, 0), dilation=(1, 1)):\n    return (0, 0)\n' });
    expect(after.results[0].failure.kind).toBe('mismatch');
  }, 180_000);
});
