import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Every refusal the server gives a person comes from the catalogue (`messages/<area>/{en,pl}.json`), so that a Polish
 * user reads it in Polish, never from an English literal in the source. And it reads as a sentence in both languages:
 * a capital letter (or a name put in first) and a full stop, not a fragment `fail()` patches up.
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
  /^(?:[A-ZĄĆĘŁŃÓŚŹŻ]|\$?\{)/.test(text) && /(?:[.!?)]|\$\{[\w.]*message\}|\{problems?\})$/.test(text);

/** The server's refusals as written in its source, each as `file: text`. */
async function literalRefusals(): Promise<{ file: string; text: string }[]> {
  const found: { file: string; text: string }[] = [];
  for (const file of await sources('server')) {
    const text = await readFile(file, 'utf8');
    for (const match of text.matchAll(REFUSAL_CALL)) found.push({ file: path.relative(root, file), text: match[2]! });
  }
  return found;
}

/** The catalogue's refusals (keys with `_refusal_` or `_refused_`, and callbacks' reasons) in both languages, each as `file: text`. */
async function catalogueRefusals(): Promise<{ file: string; text: string }[]> {
  const found: { file: string; text: string }[] = [];
  for (const area of await readdir(path.join(root, 'messages'), { withFileTypes: true })) {
    if (!area.isDirectory()) continue;
    for (const language of ['en', 'pl']) {
      const file = path.join('messages', area.name, `${language}.json`);
      const messages = JSON.parse(await readFile(path.join(root, file), 'utf8')) as Record<string, unknown>;
      for (const [key, text] of Object.entries(messages)) {
        if (/_refus(?:al|ed)_|^calls_callback_/.test(key) && typeof text === 'string')
          found.push({ file: `${file} ${key}`, text });
      }
    }
  }
  return found;
}

describe('refusal texts', () => {
  it('are sentences where they are written, in the catalogue or the source', async () => {
    const found = [...(await literalRefusals()), ...(await catalogueRefusals())];
    const texts = found.map(({ text }) => text);
    // The scan finds the refusals it is about (a broken pattern would find none and pass).
    expect(texts).toContain('Your session expired or your access was revoked.');
    expect(texts).toContain('A kiosk link is read-only.');
    expect(texts).toContain('Czat jest dla Ciebie wyłączony przez politykę zespołu.');
    expect(found.length).toBeGreaterThan(30);
    expect(found.filter(({ text }) => !isSentence(text)).map(({ file, text }) => `${file}: ${text}`)).toEqual([]);
  });

  it('are given through the catalogue, not as English literals', async () => {
    // The pattern finds a refusal written as a literal (a broken one would find none and pass).
    expect([..."throw forbidden('A literal.');".matchAll(REFUSAL_CALL)].map((match) => match[2])).toEqual([
      'A literal.',
    ]);
    expect((await literalRefusals()).map(({ file, text }) => `${file}: ${text}`)).toEqual([]);
  });
});
