import { TZDate, tz } from '@date-fns/tz';
import { problem } from '../../contract/issues.ts';
import { startOfDay } from 'date-fns';

/**
 * "Statistics since": the start of a window, to the whole second, from a keyword or a date-time. Midnight and shift
 * starts are wall-clock times of the board's time zone, so on a day when the clocks change "today" is 23 or 25 hours
 * long; a shift start that does not exist that day (inside the spring gap) moves forward by the gap, one that happens
 * twice (autumn) is the later.
 */

export interface WindowSettings {
  readonly timeZone: string;
  /** Shift starts in minutes after local midnight, ascending. */
  readonly shifts: readonly number[];
}

/** A window in epoch ms; `until: null` is open-ended: everything recorded from `since` on. */
export interface TimeWindow {
  readonly since: number;
  readonly until: number | null;
}

export const SINCE_KEYWORDS = ['today', 'shift', '15m', '1h', '4h', '24h'] as const;

const ROLLING_MS: Record<string, number> = {
  '15m': 15 * 60_000,
  '1h': 3_600_000,
  '4h': 4 * 3_600_000,
  '24h': 24 * 3_600_000,
};

/** A date-time with an optional offset; without one it is a wall-clock time of the board's time zone. */
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,3})?)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?$/;

export type SinceResult = { readonly since: number } | { readonly error: string };

export function resolveSince(spec: string, now: number, settings: WindowSettings): SinceResult {
  const since = startOf(spec.trim(), now, settings);
  if (since === null || Number.isNaN(since)) {
    return { error: problem('since_form', { keywords: SINCE_KEYWORDS.join(', ') }) };
  }
  const whole = Math.floor(since / 1000) * 1000;
  return whole > now ? { error: problem('future') } : { since: whole };
}

/** The start of "today" (the board's midnight) at `now`. */
export function startOfToday(now: number, settings: WindowSettings): number {
  return startOfDay(now, { in: tz(settings.timeZone) }).getTime();
}

function startOf(spec: string, now: number, settings: WindowSettings): number | null {
  if (spec === 'today') return startOfToday(now, settings);
  if (spec === 'shift') return shiftStart(now, settings);
  const rolling = ROLLING_MS[spec];
  if (rolling !== undefined) return now - rolling;
  const iso = ISO.exec(spec);
  if (!iso) return null;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = iso
    .slice(1, 7)
    .map((part) => Number(part ?? 0));
  // Date.parse rolls 2026-02-30 over into March: refuse dates that do not exist instead.
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCDate() !== day || calendar.getUTCMonth() !== month - 1) return null;
  if (iso[7] !== undefined) return Date.parse(spec);
  return new TZDate(year, month - 1, day, hour, minute, second, settings.timeZone).getTime();
}

/** The latest shift start at or before now: today's, or yesterday's last one for a night shift past midnight. */
function shiftStart(now: number, settings: WindowSettings): number {
  const local = new TZDate(now, settings.timeZone);
  let latest = Number.NEGATIVE_INFINITY;
  for (const dayOffset of [-1, 0]) {
    for (const minutes of settings.shifts) {
      const start = new TZDate(
        local.getFullYear(),
        local.getMonth(),
        local.getDate() + dayOffset,
        Math.floor(minutes / 60),
        minutes % 60,
        settings.timeZone,
      ).getTime();
      if (start <= now && start > latest) latest = start;
    }
  }
  return latest;
}
