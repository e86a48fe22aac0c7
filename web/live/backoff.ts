/**
 * Delay before the next attempt to reach the server: doubling from `minMs` up to `maxMs`, spread by ±50 % so that a
 * room full of wall screens does not come back at the same instant after a restart.
 */
export function backoffDelay(
  attempt: number,
  random: () => number = Math.random,
  minMs = 1_000,
  maxMs = 30_000,
): number {
  const base = Math.min(maxMs, minMs * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.5 + random()));
}
