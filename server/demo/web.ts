import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../log.ts';

/** Builds the web app into dist/web unless it is there already (a fresh checkout has no build). */
export async function ensureWebBuild(root: string, log: Logger): Promise<void> {
  const out = path.join(root, 'dist/web');
  if (existsSync(path.join(out, 'index.html'))) return;
  if (!existsSync(path.join(root, 'web/index.html'))) {
    log.warn('no web app to build yet (web/index.html is missing): serving the API and sockets only');
    return;
  }
  log.info('building the web app (vite build)');
  // Vite is a build tool, needed only here: loaded on demand so that `npm start` never needs it.
  const { build } = await import('vite');
  // Built beside and then moved in place, so that a demo starting at the same time never serves half a build.
  const staging = `${out}.${process.pid}`;
  await build({
    configFile: path.join(root, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: staging, emptyOutDir: true },
  });
  if (existsSync(path.join(out, 'index.html'))) {
    await rm(staging, { recursive: true, force: true });
    return;
  }
  await rm(out, { recursive: true, force: true });
  await rename(staging, out);
}
