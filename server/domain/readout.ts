/**
 * Stored values as the APIs show them. What enters from AMI is checked (checks.ts), but state and statistics stored
 * before those checks may hold values no check would let in now; reading them must still answer, so that one bad
 * value cannot fail a whole answer, nor show a negative figure.
 */

/** The furthest instant from the epoch a Date holds, either way. */
const DATE_LIMIT_MS = 8.64e15;

/** An instant (epoch ms) as ISO text, for every number: beyond a Date's range at its end, NaN as the epoch. */
export function isoTime(ms: number): string {
  const shown = Number.isNaN(ms) ? 0 : Math.min(DATE_LIMIT_MS, Math.max(-DATE_LIMIT_MS, ms));
  return new Date(shown).toISOString();
}

/** A count or a duration: itself when finite and not negative, else 0. */
export function amount(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}
