// `npm start`'s server for web/ (`node scripts/serve.js [--port N] [--root DIR]`):
// port 8080 (or PORT, or --port), the next free one when it is taken. The
// server itself is the package's (bin/page-server.js), which `npx poolgrad
// page` uses too; tests import `serve` from here.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../bin/page-server.js';

export { serve };

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const wanted = Number(arg('--port') ?? process.env.PORT ?? 8080);
  const root = arg('--root');
  serve({ port: wanted, root }).catch((error) => {
    if (error.code !== 'EADDRINUSE') throw error;
    console.log(`port ${wanted} is busy; using a free one`);
    return serve({ port: 0, root });
  }).then(({ url }) => {
    console.log(`poolgrad exercise page: ${url}`);
    console.log('(Ctrl+C stops the server)');
  });
}
