import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** `npm run screenshots` must retake every picture the README shows: each one is saved by an end-to-end test. */
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe("the README's screenshots", () => {
  it('are each saved under their docs/ name by an end-to-end test', () => {
    const shown = new Set(
      [...readFileSync(path.join(repo, 'README.md'), 'utf8').matchAll(/\(docs\/([\w-]+\.png)\)/g)].map((m) => m[1]),
    );
    const e2e = path.join(repo, 'test/e2e');
    const sources = readdirSync(e2e, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .map((file) => readFileSync(path.join(e2e, file), 'utf8'))
      .join('\n');
    const saved = new Set([...sources.matchAll(/readmeScreenshotPath\('([\w-]+\.png)'\)/g)].map((m) => m[1]));
    expect(shown.size).toBeGreaterThan(0);
    expect([...shown].filter((file) => !saved.has(file))).toEqual([]);
  });
});
