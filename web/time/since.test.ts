import { describe, expect, it } from 'vitest';
import { sinceQuery } from '../../server/contract/layout-since.ts';
import { setLocale } from '../../server/contract/messages/runtime.js';
import { customFromInput, inputOfCustom, sameSince, sinceChoices, sinceKey, sinceLabel, sinceOfKey } from './since.ts';

describe('statistics since', () => {
  it('offers today, the shift, the rolling windows and a custom time', () => {
    expect(sinceChoices().map((choice) => choice.label)).toEqual([
      'Today',
      'Current shift',
      'Last 15 min',
      'Last 1 h',
      'Last 4 h',
      'Last 24 h',
      'Custom date and time',
    ]);
  });

  it('speaks Polish: Statystyki od dzisiaj, ostatnie 4 h, od 2 mar 2026 08:30', () => {
    void setLocale('pl', { reload: false });
    try {
      expect(sinceChoices().map((choice) => choice.label)).toEqual([
        'Dzisiaj',
        'Bieżąca zmiana',
        'Ostatnie 15 min',
        'Ostatnie 1 h',
        'Ostatnie 4 h',
        'Ostatnie 24 h',
        'Własna data i godzina',
      ]);
      expect(sinceLabel({ kind: 'custom', at: customFromInput('2026-03-02T08:30') })).toBe('Od 2 mar 2026 08:30');
    } finally {
      void setLocale('en', { reload: false });
    }
  });

  it('turns each choice into the since the layout saves and the query the server reads', () => {
    for (const choice of sinceChoices().filter((c) => c.key !== 'custom')) {
      const since = sinceOfKey(choice.key, '');
      expect(since && sinceKey(since)).toBe(choice.key);
    }
    expect(sinceQuery(sinceOfKey('rolling:60', '')!)).toBe('1h');
    expect(sinceOfKey('custom', '')).toBeNull();
  });

  it('takes a custom local date and time as an ISO time with offset, and shows it back', () => {
    const iso = customFromInput('2026-03-02T08:30');
    expect(iso).toMatch(/^2026-03-02T08:30:00([+-]\d\d:\d\d|Z)$/);
    expect(inputOfCustom(iso)).toBe('2026-03-02T08:30');
    expect(sinceLabel({ kind: 'custom', at: iso })).toBe('Since 2 Mar 2026 08:30');
    expect(customFromInput('')).toBe('');
  });

  it('compares custom times by instant', () => {
    expect(
      sameSince({ kind: 'custom', at: '2026-03-02T08:30:00+01:00' }, { kind: 'custom', at: '2026-03-02T07:30:00Z' }),
    ).toBe(true);
    expect(sameSince({ kind: 'today' }, { kind: 'shift' })).toBe(false);
  });
});
