import type { AgentState } from './live.ts';
import type { ServiceLevelFormula, QueueStats } from './stats.ts';

/**
 * Every formula of a derived figure (docs/metrics.md), defined once: the server applies them to each queue's counters
 * over a window, and the browser adds several queues up by the same definitions (combineQueues). Each queue's figures
 * arrive with its service level already split into "met" and "of" by its own formula, so adding queues up needs no
 * formula of its own; one queue's combined figures are the server's, to the digit.
 */

/** Percent with one decimal, or null when there is nothing to divide by. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((1000 * part) / whole) / 10 : null;
}

/** Seconds with one decimal, or null when there is nothing to average. */
export function average(total: number, count: number): number | null {
  return count > 0 ? Math.round((10 * total) / count) / 10 : null;
}

/** app_queue judges the service level with `<=` on whole seconds of waiting; no threshold T (0): nothing is within. */
export function withinServiceLevel(holdSec: number, serviceLevelSec: number): boolean {
  return serviceLevelSec > 0 && holdSec <= serviceLevelSec;
}

/** The counters the service level formulas read. */
export type ServiceLevelCounts = Pick<
  QueueStats,
  'answered' | 'answeredWithinSl' | 'abandoned' | 'abandonedWithinSl' | 'abandonedAfterSl'
>;

/** The service level by the chosen formula as its parts: calls within it, out of the calls it judges. */
export function serviceLevelParts(t: ServiceLevelCounts, formula: ServiceLevelFormula): { met: number; of: number } {
  switch (formula) {
    case 'answered':
      return { met: t.answeredWithinSl, of: t.answered };
    case 'offered':
      return { met: t.answeredWithinSl, of: t.answered + t.abandoned };
    case 'asterisk2':
      return { met: t.answeredWithinSl + t.abandonedWithinSl, of: t.answered + t.abandoned };
    case 'excludeShort':
      return { met: t.answeredWithinSl, of: t.answered + t.abandonedAfterSl };
  }
}

/** The service level in percent by the chosen formula; null without a threshold or without calls to judge. */
export function serviceLevelPct(
  t: ServiceLevelCounts,
  formula: ServiceLevelFormula,
  serviceLevelSec: number,
): number | null {
  if (serviceLevelSec <= 0) return null;
  const { met, of } = serviceLevelParts(t, formula);
  return percent(met, of);
}

/** The sums the averages divide. */
export type AverageSums = Pick<
  QueueStats,
  | 'answered'
  | 'abandoned'
  | 'timedOut'
  | 'exitedEmpty'
  | 'exitedWithKey'
  | 'withdrawn'
  | 'left'
  | 'completed'
  | 'holdSecAnswered'
  | 'holdSecUnanswered'
  | 'talkSec'
  | 'wrapSec'
>;

/** A window's averages from its sums: ASA, the mean wait of every caller who left the queue, talk and handling time. */
export function averagesOf(t: AverageSums): Pick<QueueStats, 'asaSec' | 'avgWaitSec' | 'avgTalkSec' | 'ahtSec'> {
  const leftQueue = t.answered + t.abandoned + t.timedOut + t.exitedEmpty + t.exitedWithKey + t.withdrawn + t.left;
  return {
    asaSec: average(t.holdSecAnswered, t.answered),
    avgWaitSec: average(t.holdSecAnswered + t.holdSecUnanswered, leftQueue),
    avgTalkSec: average(t.talkSec, t.completed),
    ahtSec: average(t.talkSec + t.wrapSec, t.completed),
  };
}

/** Talk time over the time the agent was available for calls (logged in and not paused). */
export function occupancyPct(talkSec: number, loggedInSec: number, pausedSec: number): number | null {
  const available = loggedInSec - pausedSec;
  return available > 0 ? Math.min(100, percent(talkSec, available) ?? 0) : null;
}

/**
 * The agents available, on a call and paused among those in any of `queues` (none: every agent): the board's tiles
 * and the alert rules count them alike.
 */
export function agentStates(
  agents: Iterable<{ readonly state: AgentState; readonly queues: readonly string[] }>,
  queues: readonly string[],
): { available: number; onCall: number; paused: number } {
  const counts = { available: 0, onCall: 0, paused: 0 };
  for (const agent of agents) {
    if (queues.length > 0 && !agent.queues.some((queue) => queues.includes(queue))) continue;
    if (agent.state === 'available') counts.available += 1;
    else if (agent.state === 'onCall') counts.onCall += 1;
    else if (agent.state === 'paused') counts.paused += 1;
  }
  return counts;
}

/**
 * An agent's call counts over the queues a viewer may see (`shown`; all by default): the counts of those queues kept
 * per queue, and their sum as the agent's own figures. The board's agents (answered, missed, talk) and the statistics'
 * (also completed and wrap-up) are cut by this one function, so a viewer of some queues is never shown the calls of
 * the others in an agent's figures.
 */
export function countsOver<K extends string, C extends Readonly<Record<K, number>>>(
  keys: readonly K[],
  byQueue: Readonly<Record<string, C>>,
  shown: (queue: string) => boolean = () => true,
): Record<K, number> & { byQueue: Record<string, C> } {
  const kept = Object.fromEntries(Object.entries(byQueue).filter(([queue]) => shown(queue)));
  const sums = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  for (const counts of Object.values(kept)) for (const key of keys) sums[key] += counts[key];
  return { ...sums, byQueue: kept };
}

/** Queue counters that add up: over the time buckets of a window, and over several queues. */
export const QUEUE_SUMS = [
  'offered',
  'answered',
  'answeredWithinSl',
  'holdSecAnswered',
  'abandoned',
  'abandonedShort',
  'abandonedWithinSl',
  'abandonedAfterSl',
  'holdSecUnanswered',
  'timedOut',
  'exitedEmpty',
  'exitedWithKey',
  'withdrawn',
  'left',
  'completed',
  'transferred',
  'talkSec',
  'wrapSec',
  'ringNoAnswer',
] as const satisfies readonly (keyof QueueStats)[];
export type QueueSum = (typeof QUEUE_SUMS)[number];

/** The figures of a window that add up over queues: counters, the longest wait, and averages of their sums. */
export type WindowFigures = Pick<
  QueueStats,
  | 'offered'
  | 'answered'
  | 'abandoned'
  | 'abandonedShort'
  | 'timedOut'
  | 'serviceLevelPct'
  | 'asaSec'
  | 'maxWaitSec'
  | 'avgTalkSec'
  | 'ahtSec'
>;

/**
 * Several queues' window as one: sums, the largest wait, each average from the sums, and the service level from the
 * parts of the queues that have a service level time (the others have no service level to add).
 */
export function combineQueues(queues: readonly QueueStats[]): WindowFigures {
  const sum = (pick: (q: QueueStats) => number, of: readonly QueueStats[] = queues): number =>
    of.reduce((total, q) => total + pick(q), 0);
  const t = Object.fromEntries(QUEUE_SUMS.map((key) => [key, sum((q) => q[key])])) as Record<QueueSum, number>;
  const judged = queues.filter((q) => q.serviceLevelSec > 0);
  const { asaSec, avgTalkSec, ahtSec } = averagesOf(t);
  return {
    offered: t.offered,
    answered: t.answered,
    abandoned: t.abandoned,
    abandonedShort: t.abandonedShort,
    timedOut: t.timedOut,
    serviceLevelPct: percent(
      sum((q) => q.serviceLevelMet, judged),
      sum((q) => q.serviceLevelOf, judged),
    ),
    asaSec,
    maxWaitSec: queues.reduce((max, q) => Math.max(max, q.maxWaitSec), 0),
    avgTalkSec,
    ahtSec,
  };
}
