/**
 * Reconnect delays: exponential from `minMs`, capped at `maxMs`, with "equal jitter" (each delay is drawn from the
 * upper half of its step) so that several wallboards dropped by the same Asterisk restart do not reconnect in step,
 * while the first retry still comes within `minMs`.
 */
export interface Backoff {
  /** The delay before the next attempt; each call counts as one more failed attempt. */
  next(): number;
  /** Back to the first step, after a successful login. */
  reset(): void;
}

export function createBackoff(bounds: { minMs: number; maxMs: number }, random: () => number = Math.random): Backoff {
  const minMs = Math.max(1, bounds.minMs);
  const maxMs = Math.max(minMs, bounds.maxMs);
  let attempt = 0;
  return {
    next() {
      const step = Math.min(maxMs, minMs * 2 ** Math.min(attempt, 30));
      attempt += 1;
      return Math.round(step / 2 + (random() * step) / 2);
    },
    reset() {
      attempt = 0;
    },
  };
}
