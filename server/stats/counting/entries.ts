import type { Fact, QueueCallRecord } from '../../domain/facts.ts';
import { QUEUE_SUMS } from '../../contract/figures.ts';
import {
  agentIncrement,
  AGENT_SUMS,
  QUEUE_MAXIMA,
  queueIncrement,
  type AgentMetric,
  type QueueMetric,
} from '../../domain/metrics.ts';
import type { Reduction } from '../../domain/reducer.ts';
import type { LiveState } from '../../domain/state.ts';
import { abandonedEntryOf, callableNumber, type AbandonedEntry } from './abandoned.ts';
import { activityId, callActivityOf, type CallActivitySpan } from './activity.ts';
import { stepOf, type Step } from './dedupe.ts';
import type { Membership } from './presence.ts';
import { queueSettings, type StatsSettings } from './settings.ts';
import { toVector, type Layout, type Vector } from './vector.ts';

/**
 * What the writer stores, prepared from one reduction as soon as it is handed over: the counting rules (service level
 * threshold, short-abandon limit, wrap-up) are taken from the state of that moment, so that a batch written later
 * counts each event as it stood when it happened.
 */

export const QUEUE_LAYOUT: Layout<QueueMetric> = { sums: QUEUE_SUMS, maxima: QUEUE_MAXIMA };
export const AGENT_LAYOUT: Layout<AgentMetric> = { sums: AGENT_SUMS, maxima: [] };

export type Entry =
  | {
      readonly kind: 'count';
      readonly at: number;
      readonly queue: string;
      /** The call's identity for counting once (see dedupe.ts). */
      readonly id: string;
      readonly step: Step;
      readonly queueVector: Vector;
      readonly agent: { readonly interface: string; readonly vector: Vector } | null;
    }
  | { readonly kind: 'record'; readonly record: QueueCallRecord }
  /** A caller left a queue unanswered (abandoned.ts). */
  | { readonly kind: 'abandoned'; readonly entry: AbandonedEntry }
  /** A caller's number was answered: they leave the list of abandoned callers. */
  | { readonly kind: 'answeredNumber'; readonly at: number; readonly number: string }
  | {
      /** A ring, call or wrap-up span of an agent, stored once by its identity (see activity.ts). */
      readonly kind: 'activity';
      readonly at: number;
      readonly queue: string;
      readonly id: string;
      readonly span: CallActivitySpan;
    }
  | {
      readonly kind: 'member';
      readonly at: number;
      readonly agent: string;
      readonly name: string;
      readonly queue: string;
      readonly membership: Membership | null;
    }
  | {
      /** After a resync: every membership the source has now, by agent interface. */
      readonly kind: 'sync';
      readonly at: number;
      readonly agents: ReadonlyMap<string, { readonly name: string; readonly memberships: Record<string, Membership> }>;
    };

export type StatsInput = Pick<Reduction, 'state' | 'changes' | 'facts'>;

export function prepareEntries(settings: StatsSettings, at: number, reduction: StatsInput): Entry[] {
  const entries: Entry[] = [];
  for (const fact of reduction.facts) entries.push(...entriesOf(settings, reduction.state, fact));
  if (reduction.changes.some((change) => change.entity === 'all')) entries.push(syncEntry(reduction.state, at));
  return entries;
}

function entriesOf(settings: StatsSettings, state: LiveState, fact: Fact): Entry[] {
  if (fact.kind === 'callEnded') {
    const abandoned = abandonedEntryOf(fact.record);
    return [
      { kind: 'record', record: fact.record },
      ...(abandoned ? [{ kind: 'abandoned', entry: abandoned } as const] : []),
    ];
  }
  if (fact.kind === 'member') {
    const membership = fact.present ? { paused: fact.paused, reason: fact.pausedReason } : null;
    return [{ kind: 'member', at: fact.at, agent: fact.agent, name: fact.name, queue: fact.queue, membership }];
  }
  const number = fact.kind === 'answered' ? state.calls.get(fact.callId)?.callerIdNum : undefined;
  const answered: Entry[] =
    number !== undefined && callableNumber(number) ? [{ kind: 'answeredNumber', at: fact.at, number }] : [];
  const step = stepOf(fact);
  const queueSet = queueSettings(settings, fact.queue, state);
  const agent = 'agent' in fact ? fact.agent : null;
  const member = agent === null ? undefined : state.queues[fact.queue]?.members.get(agent);
  // app_queue takes a member's own wrap-up over the queue's.
  const rules = { ...queueSet, wrapupSec: member?.wrapupSec || queueSet.wrapupSec };
  const activity = callActivityOf(fact, rules.wrapupSec).map((span): Entry => ({
    kind: 'activity',
    at: fact.at,
    queue: fact.queue,
    id: activityId(span),
    span,
  }));
  const increment = queueIncrement(fact, rules);
  if (step === null || increment === null) return [...activity, ...answered];
  const agentIncrements = agentIncrement(fact, rules);
  const count: Entry = {
    kind: 'count',
    at: fact.at,
    queue: fact.queue,
    id: step === 'once' ? `${fact.callId}:${fact.kind}:${agent ?? ''}:${fact.at}` : fact.callId,
    step,
    queueVector: toVector(QUEUE_LAYOUT, increment),
    agent:
      agent !== null && agentIncrements !== null
        ? { interface: agent, vector: toVector(AGENT_LAYOUT, agentIncrements) }
        : null,
  };
  return [count, ...activity, ...answered];
}

function syncEntry(state: LiveState, at: number): Entry {
  const agents = new Map<string, { name: string; memberships: Record<string, Membership> }>();
  for (const queue of Object.values(state.queues)) {
    for (const member of queue.members.values()) {
      const agent = agents.get(member.interface) ?? { name: member.name, memberships: {} };
      agent.memberships[queue.name] = { paused: member.paused, reason: member.pausedReason };
      agents.set(member.interface, agent);
    }
  }
  return { kind: 'sync', at, agents };
}
