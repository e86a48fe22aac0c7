import type { Thresholds } from '../../../server/contract/layout.ts';
import type { Level } from '../../lib/levels.ts';

/**
 * A KPI tile's colour: green until the figure reaches `amber`, amber until it reaches `red`, then red; downwards when
 * lower is worse (a service level, agents available). No thresholds, or no figure yet: not coloured.
 */
export function kpiLevel(value: number | null, thresholds: Thresholds | null): Level {
  if (value === null || thresholds === null) return 'none';
  const reached = (limit: number): boolean => (thresholds.direction === 'above' ? value >= limit : value <= limit);
  if (reached(thresholds.red)) return 'bad';
  return reached(thresholds.amber) ? 'warn' : 'good';
}

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
