import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../log.ts';

/** Builds the web app into dist/web unless it is there already (a fresh checkout has no build). */
export async function ensureWebBuild(root: string, log: Logger): Promise<void> {
  if (existsSync(path.join(root, 'dist/web/index.html'))) return;
  if (!existsSync(path.join(root, 'web/index.html'))) {
    log.warn('no web app to build yet (web/index.html is missing): serving the API and sockets only');
    return;
  }
  log.info('building the web app (vite build)');
  // Vite is a build tool, needed only here: loaded on demand so that `npm start` never needs it.
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}
