import { describe, expect, it } from 'vitest';
import type { ApiAnswer } from '../../api/request.ts';
import { Loaded } from './loaded.svelte.ts';

const refused = (status: number, error: string) => (): Promise<ApiAnswer<string[]>> =>
  Promise.resolve({ status, result: { ok: false, error } });

describe('Loaded', () => {
  it('marks a screen the server refuses (403) as denied, without an error line', async () => {
    const loaded = new Loaded(refused(403, 'This needs the role owner or administrator.'));
    await loaded.load();
    expect(loaded.denied).toBe(true);
    expect(loaded.error).toBeNull();
  });

  it('stops saying "Loading…" once loading failed, and keeps the server message', async () => {
    const loaded = new Loaded(refused(500, 'internal error'));
    expect(loaded.emptyText('No users.')).toBe('Loading…');
    await loaded.load();
    expect(loaded.denied).toBe(false);
    expect(loaded.error).toBe('internal error');
    expect(loaded.emptyText('No users.')).toBe('Not loaded.');
  });

  it('says the list is empty once it loaded empty', async () => {
    const loaded = new Loaded((): Promise<ApiAnswer<string[]>> =>
      Promise.resolve({ status: 200, result: { ok: true, data: [] } }),
    );
    await loaded.load();
    expect(loaded.emptyText('No users.')).toBe('No users.');
  });
});
