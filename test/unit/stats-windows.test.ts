import { describe, expect, it } from 'vitest';
import { problem } from '../../server/contract/issues.ts';
import { loadStatsSettings } from '../../server/stats/counting/settings.ts';
import { resolveSince, type WindowSettings } from '../../server/stats/counting/windows.ts';

const warsaw = (shifts: number[] = [0]): WindowSettings => ({ timeZone: 'Europe/Warsaw', shifts });
const at = (iso: string) => Date.parse(iso);
const since = (spec: string, now: string, settings: WindowSettings) => {
  const result = resolveSince(spec, at(now), settings);
  return 'since' in result ? new Date(result.since).toISOString() : result.error;
};

describe('statistics since', () => {
  it('starts today at midnight of the board time zone, also on the days the clocks change', () => {
    expect(since('today', '2026-06-10T12:00:00Z', { timeZone: 'UTC', shifts: [0] })).toBe('2026-06-10T00:00:00.000Z');
    // Spring forward (02:00 → 03:00): midnight is still CET, the day is 23 hours long.
    expect(since('today', '2026-03-29T21:59:59Z', warsaw())).toBe('2026-03-28T23:00:00.000Z');
    expect(since('today', '2026-03-29T22:00:00Z', warsaw())).toBe('2026-03-29T22:00:00.000Z');
    // Fall back (03:00 → 02:00): midnight is CEST, the day is 25 hours long.
    expect(since('today', '2026-10-25T22:59:59Z', warsaw())).toBe('2026-10-24T22:00:00.000Z');
    expect(since('today', '2026-10-25T23:00:00Z', warsaw())).toBe('2026-10-25T23:00:00.000Z');
  });

  it('starts a shift at the latest shift start, across midnight for the night shift', () => {
    const shifts = warsaw([6 * 60, 14 * 60, 22 * 60]);
    expect(since('shift', '2026-06-10T10:00:00Z', shifts)).toBe('2026-06-10T04:00:00.000Z'); // 12:00 local → 06:00
    expect(since('shift', '2026-06-10T12:00:00Z', shifts)).toBe('2026-06-10T12:00:00.000Z'); // exactly 14:00 local
    expect(since('shift', '2026-06-10T21:30:00Z', shifts)).toBe('2026-06-10T20:00:00.000Z'); // 23:30 local → 22:00
    expect(since('shift', '2026-06-11T01:00:00Z', shifts)).toBe('2026-06-10T20:00:00.000Z'); // 03:00 local → yesterday 22:00
    // The night shift that spans the spring change started at 22:00 CET the evening before.
    expect(since('shift', '2026-03-29T03:00:00Z', shifts)).toBe('2026-03-28T21:00:00.000Z');
    expect(since('shift', '2026-03-29T05:00:00Z', shifts)).toBe('2026-03-29T04:00:00.000Z'); // 06:00 CEST
  });

  it('moves a shift start inside the spring gap forward by the gap', () => {
    expect(since('shift', '2026-03-29T02:00:00Z', warsaw([150]))).toBe('2026-03-29T01:30:00.000Z'); // 02:30 → 03:30 CEST
  });

  it('counts rolling windows back from now, to the whole second', () => {
    expect(since('15m', '2026-06-10T12:00:00.750Z', warsaw())).toBe('2026-06-10T11:45:00.000Z');
    expect(since('1h', '2026-06-10T12:00:00Z', warsaw())).toBe('2026-06-10T11:00:00.000Z');
    expect(since('4h', '2026-06-10T12:00:00Z', warsaw())).toBe('2026-06-10T08:00:00.000Z');
    expect(since('24h', '2026-03-29T12:00:00Z', warsaw())).toBe('2026-03-28T12:00:00.000Z');
  });

  it('takes an ISO date-time with an offset as it is and one without in the board time zone', () => {
    expect(since('2026-06-10T08:15:30+02:00', '2026-06-10T12:00:00Z', warsaw())).toBe('2026-06-10T06:15:30.000Z');
    expect(since('2026-06-10T08:15:30.900Z', '2026-06-10T12:00:00Z', warsaw())).toBe('2026-06-10T08:15:30.000Z');
    expect(since('2026-06-10T08:15', '2026-06-10T12:00:00Z', warsaw())).toBe('2026-06-10T06:15:00.000Z');
    expect(since('2026-01-10T08:15', '2026-06-10T12:00:00Z', warsaw())).toBe('2026-01-10T07:15:00.000Z');
  });

  it('says what is wrong', () => {
    const now = '2026-06-10T12:00:00Z';
    // The problems as zod messages; test/integration/stats-api.test.ts reads them in words.
    const form = problem('since_form', { keywords: 'today, shift, 15m, 1h, 4h, 24h' });
    expect(since('yesterday', now, warsaw())).toBe(form);
    expect(since('2026-02-30T08:00:00Z', now, warsaw())).toBe(form);
    expect(since('2026-06-10T25:00', now, warsaw())).toBe(form);
    expect(since('2026-06-11T00:00:00Z', now, warsaw())).toBe(problem('future'));
  });
});

describe('statistics settings', () => {
  it('has defaults and reads shifts, the formula and per-queue overrides', () => {
    expect(loadStatsSettings({})).toEqual({
      timeZone: 'UTC',
      shifts: [0],
      formula: 'excludeShort',
      shortAbandonSec: 5,
      queues: {},
    });
    const settings = loadStatsSettings({
      BOARD_TIME_ZONE: 'Europe/Warsaw',
      SHIFTS: '22:00, 06:00,14:00',
      STATS_SL_FORMULA: 'offered',
      STATS_QUEUES: '{"sales":{"serviceLevelSec":30,"formula":"answered","wrapupSec":3}}',
    });
    expect(settings).toMatchObject({ timeZone: 'Europe/Warsaw', shifts: [360, 840, 1320], formula: 'offered' });
    expect(settings.queues.sales).toEqual({ serviceLevelSec: 30, formula: 'answered', wrapupSec: 3 });
  });

  it('refuses bad values naming each variable', () => {
    expect(() =>
      loadStatsSettings({
        BOARD_TIME_ZONE: 'Mars/Olympus',
        SHIFTS: '6am',
        STATS_QUEUES: '{"sales":{"sl":1}}',
        STATS_SL_FORMULA: 'best',
      }),
    ).toThrow(/BOARD_TIME_ZONE[\s\S]*SHIFTS[\s\S]*STATS_SL_FORMULA[\s\S]*STATS_QUEUES/);
    expect(() => loadStatsSettings({ STATS_QUEUES: '{' })).toThrow(/STATS_QUEUES: must be JSON/);
  });
});
