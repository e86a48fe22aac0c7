import type { KpiMetric, Thresholds } from '../../server/contract/layout.ts';
import { METRIC_COLOURS } from '../../server/contract/thresholds.ts';

/**
 * Threshold levels shared by every widget, so that green, amber and red mean the same thing all over the board
 * (looks.ts gives each level its word and shape).
 */
export type Level = 'good' | 'warn' | 'bad' | 'none';

/**
 * The one judge of a figure against thresholds (a KPI tile's own, or server/contract/thresholds.ts's for the queue
 * table and the queue cards): amber once it is past `amber`, red once past `red`, upwards or downwards. Thresholds in
 * multiples of the service level time need the queue's (`serviceLevelSec`). Not coloured: no thresholds, no figure yet,
 * or a wait in a queue without a service level time.
 */
export function levelOf(
  value: number | null,
  thresholds: Thresholds | null,
  serviceLevelSec: number | null = null,
): Level {
  if (value === null || thresholds === null) return 'none';
  const unit = thresholds.scale === 'serviceLevelTime' ? (serviceLevelSec ?? 0) : 1;
  if (unit <= 0) return 'none';
  const past = (limit: number): boolean =>
    thresholds.direction === 'above' ? value > limit * unit : value < limit * unit;
  if (past(thresholds.red)) return 'bad';
  return past(thresholds.amber) ? 'warn' : 'good';
}

/** A figure's level by its default thresholds (server/contract/thresholds.ts), where no widget settings choose others. */
export function defaultLevel(metric: KpiMetric, value: number | null, serviceLevelSec: number | null): Level {
  return levelOf(value, METRIC_COLOURS[metric].thresholds, serviceLevelSec);
}
