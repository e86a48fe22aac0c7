import { isoTime } from '../../domain/readout.ts';

/**
 * Time buckets. Every counted event goes into four nested buckets of its UTC day: its second, minute, hour and the day
 * itself, fields of one hash per day (one for queues, one for agents), so that a window of every queue is one HMGET
 * per day. A window [since, until) is then covered exactly, to the
 * second, by the fewest whole buckets: seconds up to the next minute, minutes up to the next hour, hours up to the next
 * day, whole days, and the same back down at the far end. A day in UTC always has 86,400 s, so the nesting is exact
 * whatever the board's time zone; a local midnight is just an hour boundary.
 */

export const DAY_SEC = 86_400;

const UNITS = [
  { field: 'd', sec: DAY_SEC },
  { field: 'h', sec: 3_600 },
  { field: 'm', sec: 60 },
  { field: 's', sec: 1 },
] as const;

/** The field of one queue's (or agent's) bucket in the day's hash; the bucket comes first, so any name is safe. */
export function bucketField(bucket: string, name: string): string {
  return `${bucket}:${name}`;
}

/** A UTC day number (days since the epoch) as it appears in key names. */
export function dayName(day: number): string {
  return isoTime(day * DAY_SEC * 1000).slice(0, 10);
}

export function dayOf(ms: number): number {
  return Math.floor(ms / 1000 / DAY_SEC);
}

function fieldName(unit: (typeof UNITS)[number], secOfDay: number): string {
  return unit.field === 'd' ? 'd' : `${unit.field}${Math.floor(secOfDay / unit.sec)}`;
}

/** The day and the four fields of that day's hash that an instant counts in. */
export function bucketsOf(ms: number): { day: number; fields: string[] } {
  const sec = Math.floor(ms / 1000);
  const day = Math.floor(sec / DAY_SEC);
  const secOfDay = sec - day * DAY_SEC;
  return { day, fields: UNITS.map((unit) => fieldName(unit, secOfDay)) };
}

/**
 * The fields, by day, that together hold exactly the events of the whole seconds [since, until): `since` is taken
 * down to its second, `until` up to the next one. An open window (until null) runs to the end of `lastDay`.
 */
export function cover(since: number, until: number | null, lastDay: number): Map<number, string[]> {
  let t = Math.floor(since / 1000);
  const end = until === null ? (lastDay + 1) * DAY_SEC : Math.ceil(until / 1000);
  const byDay = new Map<number, string[]>();
  while (t < end) {
    const from = t;
    // The largest bucket that starts here and ends within the window; a second always does.
    const unit = UNITS.find((u) => from % u.sec === 0 && from + u.sec <= end) ?? UNITS[3];
    const day = Math.floor(t / DAY_SEC);
    const fields = byDay.get(day) ?? [];
    fields.push(fieldName(unit, t - day * DAY_SEC));
    byDay.set(day, fields);
    t += unit.sec;
  }
  return byDay;
}
