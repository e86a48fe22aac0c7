import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseWith } from '../../server/contract/issues.ts';
import { newLayoutSchema } from '../../server/contract/layout.ts';
import { textField } from '../../server/contract/text.ts';

describe('parseWith: what zod finds wrong, in sentences', () => {
  it('says an empty required name must not be empty, without a schema path', () => {
    const body = z.strictObject({ name: z.string().trim().min(1).max(80) });
    expect(parseWith(body, { name: '  ' })).toEqual({ ok: false, error: 'Name must not be empty.' });
  });

  it("keeps a schema's own message, after the field in words", () => {
    const query = z.object({ since: z.string().refine(() => false, 'is in the future') });
    expect(parseWith(query, { since: '2099-01-01' })).toEqual({
      ok: false,
      error: 'Statistics since is in the future.',
    });
  });

  it("names a socket command's field without the argument's index", () => {
    const args = z.tuple([z.strictObject({ text: z.string().max(2000) })]);
    expect(parseWith(args, [{ text: 'x'.repeat(2001) }])).toEqual({
      ok: false,
      error: 'The message must be at most 2000 characters.',
    });
  });

  it('splits a camel-case field into words and names the whole input when the problem is at its root', () => {
    const body = z.strictObject({ displayName: z.string(), maxWaitSec: z.int() });
    expect(parseWith(body, { displayName: 'A', maxWaitSec: 1.5, extra: 1 })).toEqual({
      ok: false,
      error: 'Max wait sec must be a whole number (got 1.5). The request has an unknown field "extra".',
    });
  });
});

describe('parseWith in Polish', () => {
  it('names the field in quotes and says the problem in Polish, plural forms included', () => {
    const body = z.strictObject({ name: z.string().trim().min(1), text: z.string().max(2000) });
    expect(parseWith(body, { name: ' ', text: 'x' }, 'request', 'pl')).toEqual({
      ok: false,
      error: 'Pole „nazwa” nie może być puste.',
    });
    const limits = [1, 2, 5, 22, 25].map((max) => {
      const parsed = parseWith(
        z.strictObject({ text: z.string().max(max) }),
        { text: 'x'.repeat(max + 1) },
        'request',
        'pl',
      );
      return parsed.ok ? null : parsed.error;
    });
    expect(limits).toEqual([
      'Pole „wiadomość” może mieć najwyżej 1 znak.',
      'Pole „wiadomość” może mieć najwyżej 2 znaki.',
      'Pole „wiadomość” może mieć najwyżej 5 znaków.',
      'Pole „wiadomość” może mieć najwyżej 22 znaki.',
      'Pole „wiadomość” może mieć najwyżej 25 znaków.',
    ]);
  });

  it('names the whole input and counts the problems not shown', () => {
    const body = z.strictObject({ a: z.int(), b: z.int(), c: z.int(), d: z.int() });
    expect(parseWith(body, { a: 'x', b: 'x', c: 'x', d: 'x', extra: 1 }, 'request', 'pl')).toEqual({
      ok: false,
      error:
        'Pole „a” musi być liczbą (podano "x"). Pole „b” musi być liczbą (podano "x"). ' +
        'Pole „c” musi być liczbą (podano "x"). (i jeszcze 2 problemy)',
    });
    expect(parseWith(z.strictObject({}), { extra: 1 }, 'request', 'pl')).toEqual({
      ok: false,
      error: 'Żądanie ma nieznane pole "extra".',
    });
  });

  it("says a schema's own problem in either language", () => {
    const layout = { name: 'Night shift', columns: 1, columnsContent: [[], []] };
    expect(parseWith(newLayoutSchema, layout, 'layout', 'en')).toEqual({
      ok: false,
      error: 'The layout has widgets for 2 columns, but its number of columns is 1.',
    });
    expect(parseWith(newLayoutSchema, layout, 'layout', 'pl')).toEqual({
      ok: false,
      error: 'Układ ma widżety dla 2 kolumn, a liczba kolumn to 1.',
    });
    const named = z.strictObject({ name: textField({ max: 10 }) });
    expect(parseWith(named, { name: 'a\u0007b' }, 'request', 'pl')).toEqual({
      ok: false,
      error: 'Pole „nazwa” nie może zawierać znaku sterującego ani kierunkowego U+0007 (jeden wiersz tekstu).',
    });
  });
});

/** Where a message of a zod check may be written as a literal: the operator's configuration, read in English. */
const OPERATOR_CONFIG = [
  'config.ts',
  'recordings/config.ts',
  'stats/counting/settings.ts',
  'sim/cli.ts',
  'ami/probe-cli.ts',
];
const LITERAL_CHECK =
  /\.(?:min|max|int|regex|refine|length|nonempty|positive|nonnegative)\([^()]*,\s*['"`]|(?:message|error):\s*['"`]/;

describe('the problems schemas state', () => {
  it('come from the catalogue (problem()), not English literals, outside the operator’s configuration', async () => {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
    const found: string[] = [];
    for (const folder of ['server', 'web']) {
      const entries = await readdir(path.join(root, folder), { withFileTypes: true, recursive: true });
      for (const entry of entries) {
        if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) continue;
        const file = path.relative(path.join(root, 'server'), path.join(entry.parentPath, entry.name));
        if (OPERATOR_CONFIG.includes(file.split(path.sep).join('/'))) continue;
        const text = await readFile(path.join(entry.parentPath, entry.name), 'utf8');
        if (!text.includes("from 'zod'")) continue;
        text.split('\n').forEach((line, index) => {
          if (LITERAL_CHECK.test(line)) found.push(`${file}:${index + 1}: ${line.trim()}`);
        });
      }
    }
    // The pattern finds a literal (a broken one would find none and pass).
    expect(LITERAL_CHECK.test(".min(1, 'must not be empty')")).toBe(true);
    expect(found).toEqual([]);
  });
});
