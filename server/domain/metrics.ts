import { withinServiceLevel, type QueueSum } from '../contract/figures.ts';
import type { Fact } from './facts.ts';
import type { LiveState } from './state.ts';

/**
 * The statistics' counting (docs/metrics.md): which additive counters each fact moves (what is derived from them over
 * a window is defined in server/contract/figures.ts). A counter is attributed to the time of the event it counts, the
 * way queue_log writes one line per event: offered at the join, answered (and its wait, and the service level) at the
 * answer, every exit at the exit, talk and wrap-up at the end of the call. So any window reconciles with queue_log cut
 * to the same window.
 */

/** Queue figures that combine by taking the larger one (not subtractable: kept per bucket and merged). */
export const QUEUE_MAXIMA = ['maxWaitSec'] as const;

/** Agent counters that add up over time; the agent's time figures come from presence intervals instead. */
export const AGENT_SUMS = ['answered', 'missed', 'completed', 'talkSec', 'wrapSec'] as const;

export type QueueMetric = QueueSum | (typeof QUEUE_MAXIMA)[number];
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
      const exit: Partial<QueueTotals> = {
        [fact.outcome]: 1,
        holdSecUnanswered: fact.holdSec,
        maxWaitSec: fact.holdSec,
      };
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

/** Callers waiting in a queue now, and how long the longest of them has waited (whole seconds). */
export function waitingNow(
  state: LiveState,
  queue: string,
  now: number,
): { waiting: number; longestWaitingSec: number | null } {
  let waiting = 0;
  let earliest = Number.POSITIVE_INFINITY;
  for (const call of state.calls.waiting(queue)) {
    waiting += 1;
    earliest = Math.min(earliest, call.joinedAt);
  }
  return { waiting, longestWaitingSec: waiting > 0 ? Math.max(0, Math.floor((now - earliest) / 1000)) : null };
}
