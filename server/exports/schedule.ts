/** The reports of a UTC day are written at 01:00:00 UTC of the next day. */
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export function dayOfMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function dayStartMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

export function nextDay(day: string, by = 1): string {
  return dayOfMs(dayStartMs(day) + by * DAY_MS);
}

/** The last day whose writing time has come: yesterday from 01:00 on, the day before until then. */
export function lastDueDay(now: number): string {
  return nextDay(dayOfMs(now - HOUR_MS), -1);
}

/** When a day's writing is due, and after which a writing of it counts as the complete day. */
export function dueAt(day: string): number {
  return dayStartMs(day) + DAY_MS + HOUR_MS;
}

/** How long until the next 01:00:00 UTC after `now`. */
export function msUntilNextRun(now: number): number {
  const today = dayStartMs(dayOfMs(now)) + HOUR_MS;
  return (now < today ? today : today + DAY_MS) - now;
}

/** The days from `first` to `last`, both included (none when first is later). */
export function daysBetween(first: string, last: string): string[] {
  const days: string[] = [];
  for (let day = first; day <= last; day = nextDay(day)) days.push(day);
  return days;
}
