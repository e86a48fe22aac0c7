import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the end-to-end tests save their screenshots: `.screenshots/` at the repository's root, which git ignores, so
 * that `npm test` changes no tracked file. `npm run screenshots` sets README_SCREENSHOTS=1, and the README's
 * screenshots are then written into docs/.
 */
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function inFolder(folder: string, file: string): string {
  mkdirSync(path.join(repo, folder), { recursive: true });
  return path.join(repo, folder, file);
}

/** A screenshot for people to look at after a run, never committed. */
export function screenshotPath(file: string): string {
  return inFolder('.screenshots', file);
}

/** One of the README's screenshots (docs/<file>): refreshed by `npm run screenshots`, else kept with the others. */
export function readmeScreenshotPath(file: string): string {
  return process.env.README_SCREENSHOTS === '1' ? inFolder('docs', file) : screenshotPath(file);
}
