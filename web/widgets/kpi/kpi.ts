import type { Level } from '../../display/levels.ts';

const RANK: Record<Level, number> = { none: 0, good: 0, warn: 1, bad: 2 };

/**
 * The alert to sound when a tile's level changes: only when it gets worse across a threshold, never for the first
 * figure a screen shows (a TV switched on in the middle of a busy hour should not start by beeping).
 */
export function alertOf(previous: Level | null, next: Level): 'warn' | 'bad' | null {
  if (previous === null || previous === 'none' || RANK[next] <= RANK[previous]) return null;
  return next === 'bad' ? 'bad' : next === 'warn' ? 'warn' : null;
}

/** What a tile without a title is called: the figure and the queues it covers. */
export function kpiTitle(label: string, queues: readonly string[]): string {
  return queues.length === 0 ? label : `${label} · ${queues.join(', ')}`;
}
