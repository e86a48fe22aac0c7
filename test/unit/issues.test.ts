import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseWith } from '../../server/contract/issues.ts';

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
      error: 'The message must be at most 2000 characters long.',
    });
  });

  it('splits a camel-case field into words and names the whole input when the problem is at its root', () => {
    const body = z.strictObject({ displayName: z.string(), maxWaitSec: z.int() });
    expect(parseWith(body, { displayName: 'A', maxWaitSec: 1.5, extra: 1 }, 'The user')).toEqual({
      ok: false,
      error: 'Max wait sec must be a whole number (got 1.5). The user has an unknown field "extra".',
    });
  });
});
