import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Works through `items` a piece of `size` at a time, with a turn of the event loop between pieces: a long read (a
 * quarter's statistics, a month of calls) lets the AMI loop, the statistics writer and other requests go on between
 * its pieces, and Redis serves their commands between its pipelines.
 */
export async function inPieces<T>(
  items: readonly T[],
  size: number,
  work: (piece: readonly T[]) => Promise<void>,
): Promise<void> {
  for (let at = 0; at < items.length; at += size) {
    if (at > 0) await nextTurn();
    await work(items.slice(at, at + size));
  }
}

/** Day reads per Redis pipeline: a few milliseconds of Redis's and our time each. */
export const DAYS_PER_PIECE = 16;
