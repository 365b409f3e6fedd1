#!/usr/bin/env node
// `poolgrad` command line: check a learner's own implementation, check the
// notebook's printed answers, write the learner template.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { decodeText, endOfInputKeys } from './text-input.js';
import { CLI_LANGS, cliSay, commandLang, shownValue } from './words.js';

// One language for the whole run, so usage errors are worded before the options are parsed.
const lang = commandLang(process.argv.slice(2));
const say = (key, params) => cliSay(lang, key, params);

class UsageError extends Error {
  constructor(message, { help = false } = {}) {
    super(message);
    this.help = help;
  }
}

function parse(argv) {
  const flags = {};
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json' || a === '--force' || a === '--help' || a === '-h' || a === '--extended' || a === '--open') flags[a.replace(/^-+/, '')] = true;
    else if (a === '--lang') {
      const value = argv[++i];
      if (!CLI_LANGS.includes(value)) throw new UsageError(say('option.lang', { value: shownValue(value, lang) }));
      flags.lang = value;
    } else if (a === '--port') flags.port = argv[++i]; // checked by the page command, which names the rule
    else if (a === '--seed' || a === '--timeout') {
      const value = argv[++i];
      if (value === undefined || !/^\d+$/.test(value)) throw new UsageError(say('option.integer', { option: a, value: shownValue(value, lang) }));
      flags[a.slice(2)] = Number(value);
    } else if (a.startsWith('-') && a !== '-') throw new UsageError(say('option.unknown', { option: a }), { help: true });
    else positional.push(a);
  }
  return { flags, positional };
}

async function loadPoolgrad() {
  const poolgrad = await import('../js/node.js');
  await poolgrad.ready();
  return poolgrad;
}

function openNodeSession(url) {
  const { connect } = sessionModule;
  return (timeoutMs) => {
    // stdout/stderr are piped so a learner's console.log cannot spoil --json;
    // resourceLimits keeps a runaway allocation inside the worker.
    const worker = new Worker(new URL('./learner-worker.js', import.meta.url), {
      workerData: { url },
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: memoryLimitMb() },
    });
    worker.stdout.pipe(process.stderr);
    worker.stderr.pipe(process.stderr);
    return connect(
      {
        post: (m) => worker.postMessage(m),
        listen: (onMessage, onError) => {
          worker.on('message', onMessage);
          worker.on('error', onError);
          worker.on('exit', (code) => onError(new Error(`exit code ${code}`)));
        },
        terminate: () => void worker.terminate(),
      },
      timeoutMs,
    );
  };
}

let sessionModule;

// Heap limit of the learner's worker; POOLGRAD_CHECK_MEMORY_MB lowers it (tests do).
function memoryLimitMb() {
  const asked = Number(process.env.POOLGRAD_CHECK_MEMORY_MB);
  return Number.isInteger(asked) && asked >= 16 ? asked : 512;
}

async function reportLang(flags) {
  const { pickLang } = await import('../js/checker/words.js');
  return pickLang(flags.lang, process.env);
}

// Which checker a file goes to: JavaScript modules here, the notebook's
// Python (.py, .ipynb) in js/python/cli.js.
function checkerFor(file) {
  const ext = extname(file).toLowerCase();
  if (ext === '.mjs' || ext === '.js') return 'javascript';
  if (ext === '.py' || ext === '.ipynb') return 'python';
  throw new UsageError(say('check.unsupported', { file, ext: ext || say('check.noExtension') }));
}

async function check(flags, positional) {
  const [file, ...extra] = positional;
  if (!file) throw new UsageError(say('check.needsFile'));
  if (extra.length) throw new UsageError(say('check.oneFile', { extra: extra.join(' ') }));
  const path = resolve(file);
  if (!existsSync(path)) throw new UsageError(say('noSuchFile', { file }));
  if (checkerFor(file) === 'python') {
    return (await import('../js/python/cli.js')).checkPythonFile({ path, file, flags, UsageError, jsonSafe, lang: await reportLang(flags) });
  }
  sessionModule = await import('../js/checker/session.js');
  const { runChecks } = await import('../js/checker/run.js');
  const { formatReport } = await import('../js/checker/report.js');
  const poolgrad = await loadPoolgrad();
  const report = await runChecks({
    poolgrad,
    openSession: openNodeSession(pathToFileURL(path).href),
    seed: flags.seed ?? 1,
    level: flags.extended ? 'extended' : 'notebook',
    deadlineMs: flags.timeout ?? Number(process.env.POOLGRAD_CHECK_TIMEOUT_MS || 10_000),
    onResult: flags.json ? undefined : (r) => process.stderr.isTTY && process.stderr.write(`${say('check.progress', { name: r.name })}\n`),
  });
  if (report.usageError) throw new UsageError(`${file}: ${report.usageError}`);
  if (flags.json) process.stdout.write(`${JSON.stringify(report, jsonSafe)}\n`);
  else process.stdout.write(`${formatReport(report, await reportLang(flags))}\n`);
  return report.results.every((r) => r.passed === r.total) ? 0 : 1;
}

// JSON has no ±Infinity/NaN; spell them so expected/actual stay readable.
function jsonSafe(_key, value) {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return value;
}

async function answers(flags, positional) {
  const [file, ...extra] = positional;
  if (extra.length) throw new UsageError(say('answers.oneFile', { extra: extra.join(' ') }));
  const { checkAnswers, formatAnswers, outputToJudge } = await import('../js/checker/answers.js');
  let text;
  if (file && file !== '-') {
    if (!existsSync(resolve(file))) throw new UsageError(say('noSuchFile', { file }));
    text = decodeText(readFileSync(resolve(file)));
  } else {
    if (process.stdin.isTTY) process.stderr.write(`${say('answers.paste', { keys: endOfInputKeys(process.platform, lang) })}\n`);
    text = decodeText(readFileSync(0));
  }
  const poolgrad = await loadPoolgrad();
  try {
    text = outputToJudge(text, file ?? '');
  } catch (error) {
    if (error.name === 'NotebookError') throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
  const report = checkAnswers(text, poolgrad);
  if (report.blocks.length === 0) {
    throw new UsageError(say('answers.none'));
  }
  if (flags.json) process.stdout.write(`${JSON.stringify(report, jsonSafe)}\n`);
  else process.stdout.write(`${formatAnswers(report, await reportLang(flags))}\n`);
  return report.blocks.some((b) => b.verdict === 'wrong' || b.verdict === 'invalid') ? 1 : 0;
}

// The nearest package.json above `dir` says whether Node runs a .js file there as an ES module.
function jsIsModuleIn(dir) {
  for (let at = dir; ; at = dirname(at)) {
    const manifest = resolve(at, 'package.json');
    if (existsSync(manifest)) {
      try {
        return JSON.parse(readFileSync(manifest, 'utf8')).type === 'module';
      } catch {
        return false;
      }
    }
    if (dirname(at) === at) return false;
  }
}

// The template is an ES module (export …): where Node would run FILE as
// CommonJS, write FILE with .mjs instead and say why.
function initTarget(file) {
  const ext = extname(file);
  if (ext === '.cjs' || ext === '.ts' || ext === '.py') {
    throw new UsageError(say('init.notModule', { file }));
  }
  if (ext !== '.js' || jsIsModuleIn(dirname(resolve(file)))) return { file, note: '' };
  const mjs = `${file.slice(0, -3)}.mjs`;
  return { file: mjs, note: `${say('init.commonJs', { file, mjs })}\n` };
}

function makeFolderFor(path, file) {
  const folder = dirname(path);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    if (error.code === 'EEXIST' || error.code === 'ENOTDIR') throw new UsageError(say('init.folderIsFile', { file, folder }));
    if (error.code === 'EACCES' || error.code === 'EPERM') throw new UsageError(say('init.folderDenied', { folder }));
    throw error;
  }
}

async function init(flags, positional) {
  const [asked = 'learner.mjs', ...extra] = positional;
  if (extra.length) throw new UsageError(say('init.oneFile', { extra: extra.join(' ') }));
  const { file, note } = initTarget(asked);
  const path = resolve(file);
  if (existsSync(path) && statSync(path).isDirectory()) throw new UsageError(say('init.isFolder', { file, example: `${file.replace(/[\\/]+$/, '')}/learner.mjs` }));
  if (existsSync(path) && !flags.force) throw new UsageError(say('init.exists', { file }));
  makeFolderFor(path, file);
  const { templateFor } = await import('../js/checker/template.js');
  try {
    writeFileSync(path, templateFor(file));
  } catch (error) {
    if (error.code === 'EACCES' || error.code === 'EPERM' || error.code === 'EROFS') throw new UsageError(say('init.writeDenied', { file }));
    throw error;
  }
  process.stdout.write(`${note}${say('init.wrote', { file })}\n`);
  return 0;
}

async function main(argv) {
  if (argv[0] === 'grade') return (await import('../js/grade/cli.js')).gradeCommand(argv.slice(1), { UsageError });
  const { flags, positional } = parse(argv);
  const [command, ...rest] = positional;
  if (flags.help || command === 'help') {
    process.stdout.write(`${say('help')}\n`);
    return 0;
  }
  if (command === 'check') return check(flags, rest);
  if (command === 'answers') return answers(flags, rest);
  if (command === 'init') return init(flags, rest);
  if (command === 'page') return (await import('./page.js')).page(flags, rest, { UsageError, lang }).then(() => 0);
  throw new UsageError(command ? say('command.unknown', { command }) : say('command.none'), { help: true });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    if (error instanceof UsageError) {
      process.stderr.write(`poolgrad: ${error.message}\n${error.help ? `\n${say('help')}\n` : `${say('seeHelp')}\n`}`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`poolgrad: ${say('internalError')}: ${error && error.stack ? error.stack : error}\n`);
      process.exitCode = 3;
    }
  },
);
