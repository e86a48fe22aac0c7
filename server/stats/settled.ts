import type { QueueTotals } from '../domain/metrics.ts';
import type { TimeWindow } from './windows.ts';

/**
 * Closed intervals of a series do not change: a 15-minute series of a day reads 96 × 15 minute buckets per queue, but
 * only the last interval is still moving. Totals of intervals that ended SETTLED_MS ago are kept in memory and read
 * from Redis once. What can still change them is written under a revision that readers compare (keys.bucketsRevision):
 * a batch of facts older than LATE_MS (written after Redis was away) and every purge bump it, and the kept totals go.
 */
export const SETTLED_MS = 60_000;
/** Older facts count as late; half the settling time, so that clocks a few seconds apart cannot slip between. */
export const LATE_MS = SETTLED_MS / 2;
/** Bounds the memory: a day of 5-minute intervals over 100 queues is under 30,000. */
const MAX_KEPT = 200_000;

export class SettledTotals {
  private revision: string | null = null;
  private readonly kept = new Map<string, QueueTotals>();

  /** Forgets everything once the stored buckets were revised since the totals were kept. */
  sync(revision: string | null): void {
    if (revision === this.revision) return;
    this.revision = revision;
    this.kept.clear();
  }

  get(queue: string, window: TimeWindow, now: number): QueueTotals | undefined {
    return settled(window, now) ? this.kept.get(keyOf(queue, window)) : undefined;
  }

  keep(queue: string, window: TimeWindow, totals: QueueTotals, now: number): void {
    if (!settled(window, now)) return;
    if (this.kept.size >= MAX_KEPT) this.kept.clear();
    this.kept.set(keyOf(queue, window), totals);
  }
}

function settled(window: TimeWindow, now: number): boolean {
  return window.until !== null && window.until <= now - SETTLED_MS;
}

function keyOf(queue: string, window: TimeWindow): string {
  return `${window.since}/${window.until}/${queue}`;
}
