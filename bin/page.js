// `poolgrad page [--port N] [--open]`: serves the exercise page (incl.
// Python mode) from the installed package on 127.0.0.1 — Node alone, no
// build tools. Without --port it takes 8080, or a free port when 8080 is
// taken; a port asked for explicitly must be free.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PAGE_ROOT, serve } from './page-server.js';
import { cliSay } from './words.js';

const DEFAULT_PORT = 8080;

/** The --port value as a number, or a sentence in `lang` saying what is wrong with it. */
export function parsePort(text, lang = 'en') {
  if (text === undefined) return { error: cliSay(lang, 'page.portMissing') };
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) {
    return { error: cliSay(lang, 'page.portRange', { value: JSON.stringify(text) }) };
  }
  return { port: Number(text) };
}

/** The command that opens `url` in the default browser on this OS. */
export function openCommand(url, platform = process.platform) {
  if (platform === 'win32') return ['cmd', ['/c', 'start', '""', url]];
  if (platform === 'darwin') return ['open', [url]];
  return ['xdg-open', [url]];
}

function openBrowser(url, log, lang) {
  const [command, args] = openCommand(url);
  const fail = () => log(cliSay(lang, 'page.noBrowser', { url }));
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true, windowsVerbatimArguments: process.platform === 'win32' });
    child.on('error', fail);
    child.unref();
  } catch {
    fail();
  }
}

/**
 * Starts the server. flags: { port (the text after --port, if given), open }; `lang` ('en' or
 * 'de') words its lines and errors. Resolves to { server, url } once listening; throws
 * `UsageError` for a bad or busy port.
 */
export async function page(flags, positional, { UsageError, lang = 'en', log = (line) => process.stdout.write(`${line}\n`), root = PAGE_ROOT } = {}) {
  if (positional.length) throw new UsageError(cliSay(lang, 'page.noFile', { extra: positional.join(' ') }));
  if (!existsSync(join(root, 'vendor/poolgrad/js/index.js'))) {
    throw new UsageError(cliSay(lang, 'page.notBuilt', { folder: join(root, 'vendor/poolgrad') }));
  }
  let port = DEFAULT_PORT;
  if ('port' in flags) {
    const parsed = parsePort(flags.port, lang);
    if (parsed.error) throw new UsageError(parsed.error);
    port = parsed.port;
  }
  let served;
  try {
    served = await serve({ root, port });
  } catch (error) {
    if (error.code === 'EADDRINUSE' && !('port' in flags)) served = await serve({ root, port: 0 });
    else if (error.code === 'EADDRINUSE') throw new UsageError(cliSay(lang, 'page.portBusy', { port }));
    else if (error.code === 'EACCES') throw new UsageError(cliSay(lang, 'page.portDenied', { port }));
    else throw error;
  }
  log(cliSay(lang, 'page.serving', { url: served.url }));
  log(cliSay(lang, 'page.stop'));
  if (flags.open) openBrowser(served.url, log, lang);
  return served;
}
