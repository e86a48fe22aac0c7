import { describe, expect, it } from 'vitest';
import type { LayoutSince } from '../../server/contract/layout.ts';
import { loadHomeSince, saveHomeSince, type SinceStorage } from './home-since.ts';

function memoryStorage(): SinceStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

describe('the home board’s statistics since', () => {
  it('is Today until the user chooses another', () => {
    expect(loadHomeSince(memoryStorage(), 'u1')).toEqual({ kind: 'today' });
    expect(loadHomeSince(null, 'u1')).toEqual({ kind: 'today' });
  });

  it('keeps each user’s choice, rolling and custom alike', () => {
    const storage = memoryStorage();
    const custom: LayoutSince = { kind: 'custom', at: '2026-03-29T08:00:00+02:00' };
    saveHomeSince(storage, 'u1', { kind: 'rolling', minutes: 240 });
    saveHomeSince(storage, 'u2', custom);
    expect(loadHomeSince(storage, 'u1')).toEqual({ kind: 'rolling', minutes: 240 });
    expect(loadHomeSince(storage, 'u2')).toEqual(custom);
  });

  it('falls back to Today for a value it cannot read, and survives a storage that refuses', () => {
    const storage = memoryStorage();
    for (const bad of ['{', '{"key":"rolling:7"}', '{"key":"custom","at":""}', '"shift"', '{"key":3}']) {
      storage.items.set('tablica.homeSince.u1', bad);
      expect(loadHomeSince(storage, 'u1'), bad).toEqual({ kind: 'today' });
    }
    const refusing: SinceStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
    };
    expect(() => saveHomeSince(refusing, 'u1', { kind: 'shift' })).not.toThrow();
    expect(loadHomeSince(refusing, 'u1')).toEqual({ kind: 'today' });
  });
});
