// Runs the CLI as a learner would, collecting stdout, stderr and the exit code.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repo = fileURLToPath(new URL('../..', import.meta.url));
export const bin = fileURLToPath(new URL('../../bin/poolgrad.js', import.meta.url));
export const learner = (name) => fileURLToPath(new URL(`./learners/${name}.mjs`, import.meta.url));
export const answersFile = (name) => fileURLToPath(new URL(`./answers/${name}.txt`, import.meta.url));

// The reports follow the locale; tests ask for English unless they set one.
const ENGLISH = { LC_ALL: '', LC_MESSAGES: '', LANG: 'C' };

/** Resolves to { code, stdout, stderr }; `input` is piped to stdin. */
export function cli(args, { input, cwd = repo, command = process.execPath, prefix = [bin], env } = {}) {
  return new Promise((resolve) => {
    const child = execFile(command, [...prefix, ...args], { cwd, encoding: 'utf8', maxBuffer: 16 << 20, env: { ...process.env, ...ENGLISH, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}

/** Names of the functions that did not pass everything. */
export const failing = (report) => report.results.filter((r) => r.passed !== r.total).map((r) => r.name);
