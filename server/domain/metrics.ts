import { average, percent } from '../contract/figures.ts';
import type { ServiceLevelFormula } from '../contract/stats.ts';
import type { Fact } from './facts.ts';
import type { LiveState } from './state.ts';

/**
 * The statistics' definitions (docs/metrics.md): which additive counters each fact moves, and what is derived from
 * them over a window. A counter is attributed to the time of the event it counts, the way queue_log writes one line per
 * event: offered at the join, answered (and its wait, and the service level) at the answer, every exit at the exit,
 * talk and wrap-up at the end of the call. So any window reconciles with queue_log cut to the same window.
 */

/** Queue counters that add up over time. */
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
] as const;

/** Queue figures that combine by taking the larger one (not subtractable: kept per bucket and merged). */
export const QUEUE_MAXIMA = ['maxWaitSec'] as const;

/** Agent counters that add up over time; the agent's time figures come from presence intervals instead. */
export const AGENT_SUMS = ['answered', 'missed', 'completed', 'talkSec', 'wrapSec'] as const;

export type QueueMetric = (typeof QUEUE_SUMS)[number] | (typeof QUEUE_MAXIMA)[number];
export type AgentMetric = (typeof AGENT_SUMS)[number];
export type QueueTotals = Record<QueueMetric, number>;
export type AgentTotals = Record<AgentMetric, number>;

/** What the counting of one queue depends on, as it stood when the event happened. */
export interface CountingRules {
  /** The service level threshold T (0: none, nothing is within it). */
  readonly serviceLevelSec: number;
  /** A caller who hangs up after waiting less than this is a short abandon. */
  readonly shortAbandonSec: number;
  /** Wrap-up seconds that follow a completed call of this agent in this queue. */
  readonly wrapupSec: number;
}

/** app_queue judges the service level with `<=` on whole seconds of waiting. */
export function withinServiceLevel(holdSec: number, serviceLevelSec: number): boolean {
  return serviceLevelSec > 0 && holdSec <= serviceLevelSec;
}

/** The queue counters one fact moves, or null when it moves none. */
export function queueIncrement(fact: Fact, rules: CountingRules): Partial<QueueTotals> | null {
  switch (fact.kind) {
    case 'joined':
      return { offered: 1 };
    case 'answered':
      return {
        answered: 1,
        answeredWithinSl: withinServiceLevel(fact.holdSec, rules.serviceLevelSec) ? 1 : 0,
        holdSecAnswered: fact.holdSec,
        maxWaitSec: fact.holdSec,
      };
    case 'exited': {
      const exit: Partial<QueueTotals> = { [fact.outcome]: 1, holdSecUnanswered: fact.holdSec, maxWaitSec: fact.holdSec };
      if (fact.outcome !== 'abandoned') return exit;
      const short = fact.holdSec < rules.shortAbandonSec;
      const withinSl = withinServiceLevel(fact.holdSec, rules.serviceLevelSec);
      return {
        ...exit,
        abandonedShort: short ? 1 : 0,
        abandonedWithinSl: withinSl ? 1 : 0,
        abandonedAfterSl: short || withinSl ? 0 : 1,
      };
    }
    case 'completed':
      return {
        completed: 1,
        transferred: fact.reason === 'transfer' ? 1 : 0,
        talkSec: fact.talkSec,
        wrapSec: rules.wrapupSec,
      };
    case 'ringNoAnswer':
      return { ringNoAnswer: 1 };
    default:
      return null;
  }
}

/** The agent counters one fact moves (for `fact.agent`), or null. */
export function agentIncrement(fact: Fact, rules: CountingRules): Partial<AgentTotals> | null {
  switch (fact.kind) {
    case 'answered':
      return { answered: 1 };
    case 'completed':
      return { completed: 1, talkSec: fact.talkSec, wrapSec: rules.wrapupSec };
    case 'ringNoAnswer':
      return { missed: 1 };
    default:
      return null;
  }
}

export interface QueueDerived {
  readonly serviceLevelPct: number | null;
  readonly asaSec: number | null;
  readonly avgWaitSec: number | null;
  readonly avgTalkSec: number | null;
  readonly ahtSec: number | null;
}

/** The service level by the chosen formula as its parts: calls within it, out of the calls it judges. */
export function serviceLevelParts(t: QueueTotals, formula: ServiceLevelFormula): { met: number; of: number } {
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
export function serviceLevelPct(t: QueueTotals, formula: ServiceLevelFormula, serviceLevelSec: number): number | null {
  if (serviceLevelSec <= 0) return null;
  const { met, of } = serviceLevelParts(t, formula);
  return percent(met, of);
}

export function deriveQueue(t: QueueTotals, formula: ServiceLevelFormula, serviceLevelSec: number): QueueDerived {
  const leftQueue = t.answered + t.abandoned + t.timedOut + t.exitedEmpty + t.exitedWithKey + t.withdrawn + t.left;
  return {
    serviceLevelPct: serviceLevelPct(t, formula, serviceLevelSec),
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

/** Callers waiting in a queue now, and how long the longest of them has waited (whole seconds). */
export function waitingNow(state: LiveState, queue: string, now: number): { waiting: number; longestWaitingSec: number | null } {
  let waiting = 0;
  let earliest = Number.POSITIVE_INFINITY;
  for (const call of Object.values(state.calls)) {
    if (call.queue !== queue || call.state !== 'waiting') continue;
    waiting += 1;
    earliest = Math.min(earliest, call.joinedAt);
  }
  return { waiting, longestWaitingSec: waiting > 0 ? Math.max(0, Math.floor((now - earliest) / 1000)) : null };
}
