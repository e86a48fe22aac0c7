import { describe, expect, it } from 'vitest';
import { sinceQuery } from '../../server/contract/layout-since.ts';
import { customFromInput, inputOfCustom, SINCE_CHOICES, sameSince, sinceKey, sinceLabel, sinceOfKey } from './since.ts';

describe('statistics since', () => {
  it('offers today, the shift, the rolling windows and a custom time', () => {
    expect(SINCE_CHOICES.map((choice) => choice.label)).toEqual([
      'Today',
      'Current shift',
      'Last 15 min',
      'Last 1 h',
      'Last 4 h',
      'Last 24 h',
      'Custom date and time',
    ]);
  });

  it('turns each choice into the since the layout saves and the query the server reads', () => {
    for (const choice of SINCE_CHOICES.filter((c) => c.key !== 'custom')) {
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
