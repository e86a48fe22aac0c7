import { tzOffset } from '@date-fns/tz';
import { STATS_MAX_INTERVALS, type StatsInterval } from '../../contract/stats.ts';

/**
 * The intervals of a series: aligned to the board's wall clock (a 15-minute interval starts at :00, :15, :30, :45 of
 * local time, an hour at the local hour, also in zones half or three quarters of an hour off UTC), in real time (on the
 * day the clocks go forward the local hour 02:00 does not exist, on the day they go back 02:00 happens twice: two
 * intervals). The first starts at the window's start, however it is aligned. It stops one past STATS_MAX_INTERVALS:
 * enough to tell a series too long (../read.ts refuses it) without working out every interval of years.
 */

export const INTERVAL_MIN: Readonly<Record<StatsInterval, number>> = { '5m': 5, '15m': 15, '30m': 30, '1h': 60 };

export function intervalStarts(since: number, until: number, interval: StatsInterval, timeZone: string): number[] {
  const widthMs = INTERVAL_MIN[interval] * 60_000;
  const offsetMs = (at: number) => tzOffset(timeZone, new Date(at)) * 60_000;
  /** The latest aligned instant at or before `at`. */
  const alignDown = (at: number) => {
    const offset = offsetMs(at);
    return Math.floor((at + offset) / widthMs) * widthMs - offset;
  };
  const starts = [since];
  for (
    let start = alignDown(since + widthMs);
    start < until && starts.length <= STATS_MAX_INTERVALS;
    start = alignDown(start + widthMs)
  ) {
    if (start > (starts.at(-1) ?? since)) starts.push(start);
  }
  return starts;
}
