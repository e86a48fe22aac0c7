import { performance } from 'node:perf_hooks';

/** Cancels a timer set with Timers.setTimeout (a no-op once it ran). */
export type CancelTimer = () => void;

/**
 * The time a timer-driven part runs on: the process's own, or one a test moves by hand, so that a test drives windows
 * and delays instead of sleeping through them.
 */
export interface Timers {
  /** Monotonic milliseconds. */
  now(): number;
  setTimeout(run: () => void, ms: number): CancelTimer;
}

export const systemTimers: Timers = {
  now: () => performance.now(),
  setTimeout: (run, ms) => {
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  },
};
