import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Every refusal written by hand in the server reads as a sentence in its own source: a capital letter (or a name put
 * in first) and a full stop, so that what a person reads is what the code says, not a fragment `fail()` patches up.
 * The refusals: the HTTP ones (server/refusal.ts), those of socket commands (CommandRefused, and chat's `refused`),
 * layout errors and the reason a socket is refused or closed with.
 */
const REFUSAL_CALL =
  /\b(?:(?:forbidden|badRequest|unauthorized|conflict|refused|new (?:Refusal|CommandRefused)|transport\.close)\(\s*(?:\d+,\s*|socket,\s*)?|new LayoutError\(\s*'\w+',\s*)(['`"])((?:(?!\1)[^\\]|\\.)*)\1\s*[,)]/g;

async function sources(folder: string): Promise<string[]> {
  const entries = await readdir(path.join(root, folder), { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !file.includes(`${path.sep}sim${path.sep}`));
}

/**
 * Starts with a capital letter or a value put in first, and ends with a full stop, ! or ? (or a closing bracket), or
 * with another refusal's message, itself a sentence.
 */
const isSentence = (text: string): boolean =>
  /^(?:[A-Z]|\$\{)/.test(text) && /(?:[.!?)]|\$\{[\w.]*message\})$/.test(text);

describe('refusal texts', () => {
  it('are sentences where they are written', async () => {
    const found: string[] = [];
    const fragments: string[] = [];
    for (const file of await sources('server')) {
      const text = await readFile(file, 'utf8');
      for (const match of text.matchAll(REFUSAL_CALL)) {
        const message = match[2]!;
        found.push(message);
        if (!isSentence(message)) fragments.push(`${path.relative(root, file)}: ${message}`);
      }
    }
    // The scan finds the refusals it is about (a broken pattern would find none and pass).
    expect(found).toContain('A kiosk link is read-only.');
    expect(found.length).toBeGreaterThan(30);
    expect(fragments).toEqual([]);
  });
});
