import type { QueueStats } from './stats.ts';

/**
 * The arithmetic every derived figure shares, and how the figures of several queues add up into one (a KPI tile or a
 * chart over more than one queue). The service level formulas themselves live on the server only
 * (server/domain/metrics.ts): each queue's figures arrive with its service level already split into "met" and "of" by
 * its own formula, so adding queues up needs no formula. One queue's combined figures are the server's, to the digit.
 */

/** Percent with one decimal, or null when there is nothing to divide by. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((1000 * part) / whole) / 10 : null;
}

/** Seconds with one decimal, or null when there is nothing to average. */
export function average(total: number, count: number): number | null {
  return count > 0 ? Math.round((10 * total) / count) / 10 : null;
}

/** The figures of a window that add up over queues: counters, the longest wait, and averages of their sums. */
export type WindowFigures = Pick<
  QueueStats,
  'offered' | 'answered' | 'abandoned' | 'abandonedShort' | 'timedOut' | 'serviceLevelPct' | 'asaSec' | 'maxWaitSec' | 'avgTalkSec' | 'ahtSec'
>;

/**
 * Several queues' window as one: sums, the largest wait, each average recomputed from its sums, and the service level
 * from the parts of the queues that have a service level time (the others have no service level to add).
 */
export function combineQueues(queues: readonly QueueStats[]): WindowFigures {
  const sum = (pick: (q: QueueStats) => number, of: readonly QueueStats[] = queues): number =>
    of.reduce((total, q) => total + pick(q), 0);
  const judged = queues.filter((q) => q.serviceLevelSec > 0);
  const answered = sum((q) => q.answered);
  const completed = sum((q) => q.completed);
  return {
    offered: sum((q) => q.offered),
    answered,
    abandoned: sum((q) => q.abandoned),
    abandonedShort: sum((q) => q.abandonedShort),
    timedOut: sum((q) => q.timedOut),
    serviceLevelPct: percent(sum((q) => q.serviceLevelMet, judged), sum((q) => q.serviceLevelOf, judged)),
    asaSec: average(sum((q) => q.holdSecAnswered), answered),
    maxWaitSec: queues.reduce((max, q) => Math.max(max, q.maxWaitSec), 0),
    avgTalkSec: average(sum((q) => q.talkSec), completed),
    ahtSec: average(sum((q) => q.talkSec + q.wrapSec), completed),
  };
}
