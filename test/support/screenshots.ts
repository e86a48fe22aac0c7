import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const folder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../.screenshots');

/** Where a test's screenshot for a person to look at goes: `.screenshots/` at the repository's root, ignored by git. */
export function screenshotPath(file: string): string {
  mkdirSync(folder, { recursive: true });
  return path.join(folder, file);
}
