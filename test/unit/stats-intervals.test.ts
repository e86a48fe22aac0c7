import { describe, expect, it } from 'vitest';
import { STATS_MAX_INTERVALS } from '../../server/contract/stats.ts';
import { intervalStarts } from '../../server/stats/counting/intervals.ts';

const at = (iso: string) => Date.parse(iso);
const iso = (starts: number[]) => starts.map((start) => new Date(start).toISOString());

describe('series intervals', () => {
  it('start at the window start, then on the wall clock of the board', () => {
    expect(iso(intervalStarts(at('2026-06-10T08:07:30Z'), at('2026-06-10T09:00:00Z'), '15m', 'UTC'))).toEqual([
      '2026-06-10T08:07:30.000Z',
      '2026-06-10T08:15:00.000Z',
      '2026-06-10T08:30:00.000Z',
      '2026-06-10T08:45:00.000Z',
    ]);
    // A window ending on a boundary has no empty interval after it; one starting on a boundary starts there.
    expect(iso(intervalStarts(at('2026-06-10T08:00:00Z'), at('2026-06-10T08:30:00Z'), '15m', 'UTC'))).toEqual([
      '2026-06-10T08:00:00.000Z',
      '2026-06-10T08:15:00.000Z',
    ]);
    expect(intervalStarts(at('2026-06-10T08:00:00Z'), at('2026-06-10T08:00:00Z'), '5m', 'UTC')).toHaveLength(1);
  });

  it('follow local hours in zones a half or three quarters of an hour off UTC', () => {
    expect(iso(intervalStarts(at('2026-06-10T08:00:00Z'), at('2026-06-10T10:00:00Z'), '1h', 'Asia/Kathmandu'))).toEqual(
      [
        '2026-06-10T08:00:00.000Z',
        '2026-06-10T08:15:00.000Z', // 14:00 local
        '2026-06-10T09:15:00.000Z',
      ],
    );
    expect(iso(intervalStarts(at('2026-06-10T08:00:00Z'), at('2026-06-10T09:00:00Z'), '30m', 'Asia/Kolkata'))).toEqual([
      '2026-06-10T08:00:00.000Z',
      '2026-06-10T08:30:00.000Z',
    ]);
  });

  it('skip the hour the clocks go forward and repeat the hour they go back', () => {
    // Europe/Warsaw, 2026-03-29: 02:00 CET becomes 03:00 CEST; "today" is 23 hours.
    const spring = intervalStarts(at('2026-03-28T23:00:00Z'), at('2026-03-29T22:00:00Z'), '1h', 'Europe/Warsaw');
    expect(spring).toHaveLength(23);
    const local = (starts: number[]) =>
      starts.map((start) =>
        new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Warsaw', hour: '2-digit', minute: '2-digit' }).format(
          start,
        ),
      );
    expect(local(spring).slice(0, 4)).toEqual(['00:00', '01:00', '03:00', '04:00']);
    // 2026-10-25: 03:00 CEST becomes 02:00 CET; "today" is 25 hours, 02:00 twice.
    const autumn = intervalStarts(at('2026-10-24T22:00:00Z'), at('2026-10-25T23:00:00Z'), '1h', 'Europe/Warsaw');
    expect(autumn).toHaveLength(25);
    expect(local(autumn).slice(0, 5)).toEqual(['00:00', '01:00', '02:00', '02:00', '03:00']);
    expect(autumn.every((start, i) => i === 0 || start - autumn[i - 1]! === 3_600_000)).toBe(true);
  });

  it('stop one past the most a series may have, however long the window', () => {
    expect(intervalStarts(at('1970-01-01T00:00:00Z'), at('2026-06-10T12:00:00Z'), '5m', 'UTC')).toHaveLength(
      STATS_MAX_INTERVALS + 1,
    );
    const autumn = intervalStarts(at('2026-10-24T22:00:00Z'), at('2026-10-25T23:00:00Z'), '5m', 'Europe/Warsaw');
    expect(autumn).toHaveLength(STATS_MAX_INTERVALS);
  });
});
