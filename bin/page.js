// `poolgrad page [--port N] [--open]`: serves the exercise page (incl.
// Python mode) from the installed package on 127.0.0.1 — Node alone, no
// build tools. Without --port it takes 8080, or a free port when 8080 is
// taken; a port asked for explicitly must be free.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PAGE_ROOT, serve } from './page-server.js';

const DEFAULT_PORT = 8080;

/** The --port value as a number, or a sentence saying what is wrong with it. */
export function parsePort(text) {
  if (text === undefined) return { error: '--port needs a number: --port 8080 (0 picks a free port)' };
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) {
    return { error: `--port must be an integer from 0 to 65535, but got ${JSON.stringify(text)}` };
  }
  return { port: Number(text) };
}

/** The command that opens `url` in the default browser on this OS. */
export function openCommand(url, platform = process.platform) {
  if (platform === 'win32') return ['cmd', ['/c', 'start', '""', url]];
  if (platform === 'darwin') return ['open', [url]];
  return ['xdg-open', [url]];
}

function openBrowser(url, log) {
  const [command, args] = openCommand(url);
  const fail = () => log(`could not start a browser; open ${url} yourself`);
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true, windowsVerbatimArguments: process.platform === 'win32' });
    child.on('error', fail);
    child.unref();
  } catch {
    fail();
  }
}

/**
 * Starts the server. flags: { port (the text after --port, if given), open }. Resolves to
 * { server, url } once listening; throws `UsageError` for a bad or busy port.
 */
export async function page(flags, positional, { UsageError, log = (line) => process.stdout.write(`${line}\n`), root = PAGE_ROOT } = {}) {
  if (positional.length) throw new UsageError(`page takes no file, but got ${positional.join(' ')}`);
  if (!existsSync(join(root, 'vendor/poolgrad/js/index.js'))) {
    throw new UsageError(`the page is not built (${join(root, 'vendor/poolgrad')} is missing); in a clone of the repository run: npm run build`);
  }
  let port = DEFAULT_PORT;
  if ('port' in flags) {
    const parsed = parsePort(flags.port);
    if (parsed.error) throw new UsageError(parsed.error);
    port = parsed.port;
  }
  let served;
  try {
    served = await serve({ root, port });
  } catch (error) {
    if (error.code === 'EADDRINUSE' && !('port' in flags)) served = await serve({ root, port: 0 });
    else if (error.code === 'EADDRINUSE') throw new UsageError(`port ${port} is in use; choose another with --port N (--port 0 picks a free one)`);
    else if (error.code === 'EACCES') throw new UsageError(`port ${port} needs administrator rights; choose one above 1023 with --port N`);
    else throw error;
  }
  log(`poolgrad exercise page: ${served.url}`);
  log('(Ctrl+C stops the server)');
  if (flags.open) openBrowser(served.url, log);
  return served;
}
