import { HIDDEN_NUMBER } from '../contract/accounts.ts';
import type { ActiveAlert, AlertsView } from '../contract/alerts.ts';
import type { BoardDelta, BoardOp, BoardSnapshot, CallView, QueueMemberView } from '../contract/board.ts';
import type { AbandonedCallersView } from '../contract/callbacks.ts';
import {
  AGENT_COUNTS,
  type AgentView,
  type ConnectedCallView,
  type LiveStateView,
  type QueueSummaryView,
  type QueueView,
} from '../contract/live.ts';
import type { AgentActivityResponse, AgentStats, CallRecordView, StatsResponse } from '../contract/stats.ts';
import { countsOver, occupancyPct } from '../contract/figures.ts';
import { AGENT_SUMS } from '../domain/metrics.ts';
import type { Scope } from './scope.ts';

/**
 * What a viewer receives, cut to their scope: pure functions over the board's snapshot and deltas, `GET /api/state`
 * and the statistics. Whether an entity is shown depends only on its key (queue name, interface, a call's queue), which
 * never changes during its life: so a delta can be filtered without knowing what the viewer received before, and a
 * removal of something hidden is dropped like its updates were. The one exception is `callRemoved`, which carries
 * only the call's opaque id; it is passed on (a board ignores ids it does not hold).
 */

const isFull = (scope: Scope): boolean => scope.visible === 'all' && scope.presence === 'full';

function seesQueue(scope: Scope, queue: string): boolean {
  return scope.visible === 'all' || scope.visible.queues.has(queue);
}

/** Whether an agent belongs to the viewer's units (the statistics show every such agent). */
function seesAgentInUnit(scope: Scope, iface: string): boolean {
  return scope.own.has(iface) || scope.visible === 'all' || scope.visible.agents.has(iface);
}

/**
 * `ringing` names the members being rung, not their interfaces, so it cannot be cut to a unit's agents; and being rung
 * is call status. It is kept only where every agent's status is shown.
 */
const keepsRinging = (scope: Scope): boolean => scope.visible === 'all' && scope.presence !== 'none';

/** Whether an agent and their call status are shown: with presence disabled, only the viewer's own. */
function seesAgent(scope: Scope, iface: string): boolean {
  return seesAgentInUnit(scope, iface) && (scope.presence !== 'none' || scope.own.has(iface));
}

/** Caller numbers are shown in full only with full presence, or on the viewer's own call. */
function hidesNumbers(scope: Scope, agent: string | null): boolean {
  return scope.presence !== 'full' && !(agent !== null && scope.own.has(agent));
}

function masked<T extends { callerIdNum: string; callerIdName: string }>(
  scope: Scope,
  item: T,
  agent: string | null,
): T {
  return hidesNumbers(scope, agent) ? { ...item, callerIdNum: HIDDEN_NUMBER, callerIdName: HIDDEN_NUMBER } : item;
}

function scopeQueue<T extends QueueSummaryView>(scope: Scope, queue: T): T | null {
  return seesQueue(scope, queue.name) ? queue : null;
}

function scopeMember(scope: Scope, member: QueueMemberView): QueueMemberView | null {
  return seesQueue(scope, member.queue) && seesAgent(scope, member.interface) ? member : null;
}

function scopeCall(scope: Scope, call: CallView): CallView | null {
  if (!seesQueue(scope, call.queue)) return null;
  const agent = call.agentInterface;
  const shown = agent === null || seesAgent(scope, agent) ? call : { ...call, agentInterface: null, agentName: null };
  return masked(scope, keepsRinging(scope) ? shown : { ...shown, ringing: [] }, agent);
}

/**
 * An agent as the viewer may see them: only the queues of the viewer's scope, their counts added up over those
 * queues, and a call only when it is of one of them. A call of a queue outside the scope shows as the agent's state
 * (on a call) without its queue or caller, even on the viewer's own phone: the queue and its callers are not theirs
 * to see.
 */
function scopeAgent(scope: Scope, agent: AgentView): AgentView | null {
  if (!seesAgent(scope, agent.interface)) return null;
  const call = agent.call && seesQueue(scope, agent.call.queue) ? masked(scope, agent.call, agent.interface) : null;
  const queues = agent.queues.filter((queue) => seesQueue(scope, queue));
  return { ...agent, queues, call, ...countsOver(AGENT_COUNTS, agent.byQueue, (queue) => seesQueue(scope, queue)) };
}

const present = <T>(item: T | null): item is T => item !== null;

export function scopeSnapshot(scope: Scope, snapshot: BoardSnapshot): BoardSnapshot {
  if (isFull(scope)) return scope.copyNumbers ? { ...snapshot, copyNumbers: true } : snapshot;
  return {
    ...snapshot,
    ...(scope.copyNumbers && { copyNumbers: true }),
    queues: snapshot.queues.map((queue) => scopeQueue(scope, queue)).filter(present),
    members: snapshot.members.map((member) => scopeMember(scope, member)).filter(present),
    calls: snapshot.calls.map((call) => scopeCall(scope, call)).filter(present),
    agents: snapshot.agents.map((agent) => scopeAgent(scope, agent)).filter(present),
  };
}

function scopeOp(scope: Scope, op: BoardOp): BoardOp | null {
  switch (op.op) {
    case 'queue': {
      const queue = scopeQueue(scope, op.queue);
      return queue && { op: 'queue', queue };
    }
    case 'queueRemoved':
      return seesQueue(scope, op.name) ? op : null;
    case 'member': {
      const member = scopeMember(scope, op.member);
      return member && { op: 'member', member };
    }
    case 'memberRemoved':
      return seesQueue(scope, op.queue) && seesAgent(scope, op.interface) ? op : null;
    case 'call': {
      const call = scopeCall(scope, op.call);
      return call && { op: 'call', call };
    }
    case 'agent': {
      const agent = scopeAgent(scope, op.agent);
      return agent && { op: 'agent', agent };
    }
    case 'agentRemoved':
      return seesAgent(scope, op.interface) ? op : null;
    case 'callRemoved':
    case 'link':
      return op;
  }
}

/**
 * A delta cut to the scope. It keeps its seq even when no op is left: the board then sees no gap in the sequence and
 * does not ask for a snapshot it does not need.
 */
export function scopeDelta(scope: Scope, delta: BoardDelta): BoardDelta {
  if (isFull(scope)) return delta;
  return { ...delta, ops: delta.ops.map((op) => scopeOp(scope, op)).filter(present) };
}

function scopeConnected(scope: Scope, call: ConnectedCallView): ConnectedCallView {
  const shown = seesAgent(scope, call.agentInterface) ? call : { ...call, agentInterface: '', agentName: '' };
  return masked(scope, shown, call.agentInterface);
}

function scopeQueueView(scope: Scope, queue: QueueView): QueueView {
  return {
    ...queue,
    waiting: queue.waiting.map((caller) =>
      masked(scope, keepsRinging(scope) ? caller : { ...caller, ringing: [] }, null),
    ),
    connected: queue.connected.map((call) => scopeConnected(scope, call)),
    members: queue.members.filter((member) => seesAgent(scope, member.interface)),
  };
}

/** `GET /api/state`'s nested view cut to the scope, by the same rules as the board. */
export function scopeLiveState(scope: Scope, state: LiveStateView): LiveStateView {
  if (isFull(scope)) return state;
  return {
    ...state,
    queues: state.queues
      .map((queue) => scopeQueue(scope, queue))
      .filter(present)
      .map((queue) => scopeQueueView(scope, queue)),
    agents: state.agents.map((agent) => scopeAgent(scope, agent)).filter(present),
  };
}

/** `GET /api/stats` cut to the viewer's units. Statistics are not call presence: team policies leave them alone. */
export function scopeStats(scope: Scope, stats: StatsResponse): StatsResponse {
  if (scope.visible === 'all') return stats;
  return {
    ...stats,
    queues: stats.queues.filter((queue) => seesQueue(scope, queue.name)),
    agents: stats.agents
      .filter((agent) => seesAgentInUnit(scope, agent.interface))
      .map((agent) => agentStatsIn(scope, agent)),
    ...(stats.series && {
      series: { ...stats.series, queues: stats.series.queues.filter((queue) => seesQueue(scope, queue.name)) },
    }),
  };
}

/** An agent's figures counted over the viewer's queues only; logged-in and paused time is the agent's own. */
function agentStatsIn(scope: Scope, agent: AgentStats): AgentStats {
  const counts = countsOver(AGENT_SUMS, agent.byQueue, (queue) => seesQueue(scope, queue));
  return {
    ...agent,
    ...counts,
    occupancyPct: occupancyPct(counts.talkSec, agent.loggedInSec, agent.pausedSec),
  };
}

/** Agent activity cut like the statistics: the unit's agents, and of their calls those of the unit's queues. */
export function scopeActivity(scope: Scope, activity: AgentActivityResponse): AgentActivityResponse {
  if (scope.visible === 'all') return activity;
  return {
    ...activity,
    spans: activity.spans.filter(
      (span) => seesAgentInUnit(scope, span.agent) && (span.queue === null || seesQueue(scope, span.queue)),
    ),
  };
}

/** What the cut of a call record reads and changes: the API's view and the stored record alike. */
interface CallRecordCut {
  readonly queue: string;
  readonly agent: string | null;
  readonly agentName: string | null;
  readonly attempts: readonly { readonly agent: string }[];
  readonly callerIdNum: string;
  readonly callerIdName: string;
}

/** Today's abandoned callers cut like waiting callers: the viewer's queues, numbers hidden by the same policy. */
export function scopeAbandonedCallers(scope: Scope, view: AbandonedCallersView): AbandonedCallersView {
  const copyNumbers = scope.copyNumbers;
  if (isFull(scope)) return { ...view, copyNumbers };
  return {
    ...view,
    copyNumbers,
    callers: view.callers
      .filter((caller) => seesQueue(scope, caller.queue))
      .map((caller) => masked(scope, caller, null)),
  };
}

/**
 * A call record cut like the board's calls: null unless it is of one of the viewer's queues; an agent leg of an agent
 * outside their units loses its agent (a ring of theirs is left out), and caller numbers are hidden by the same policy
 * as on the board.
 */
export function cutCallRecord<T extends CallRecordCut>(scope: Scope, call: T): T | null {
  if (isFull(scope)) return call;
  if (!seesQueue(scope, call.queue)) return null;
  const agentShown = call.agent === null || seesAgentInUnit(scope, call.agent);
  const shown: T = {
    ...call,
    attempts: call.attempts.filter((attempt) => seesAgentInUnit(scope, attempt.agent)),
    ...(!agentShown && { agent: null, agentName: null }),
  };
  return masked(scope, shown, call.agent);
}

/** Call records cut to the viewer (`cutCallRecord`); `sees` tells the viewer's queues, to filter before paging. */
export function scopeCallRecords(scope: Scope): {
  sees: (queue: string) => boolean;
  cut: (calls: readonly CallRecordView[]) => CallRecordView[];
  /** Whether the asker gets a copy control beside the numbers shown. */
  copyNumbers: boolean;
} {
  return {
    copyNumbers: scope.copyNumbers,
    sees: (queue) => seesQueue(scope, queue),
    cut: (calls) => calls.flatMap((call) => cutCallRecord(scope, call) ?? []),
  };
}

/**
 * Whether a CDR belongs to the viewer's part of the center: a queue call of one of their queues, or a call on a channel
 * of one of their agents (as the board shows those agents' calls).
 */
export function seesCdr(scope: Scope, queue: string | null, interfaces: readonly string[]): boolean {
  if (scope.visible === 'all') return true;
  return (queue !== null && seesQueue(scope, queue)) || interfaces.some((iface) => seesAgentInUnit(scope, iface));
}

/**
 * Whether a viewer sees an alert: one of a queue to those who see the queue; one of the whole center (its figures add
 * up every queue) to those who see the whole board, but a link down to everyone, as every board shows the link.
 */
export function seesAlert(scope: Scope, alert: Pick<ActiveAlert, 'queue' | 'metric'>): boolean {
  if (alert.queue !== null) return seesQueue(scope, alert.queue);
  return alert.metric === 'amiDown' || scope.visible === 'all';
}

/** The alerts raised now that a viewer sees. */
export function scopeAlerts(scope: Scope, view: AlertsView): AlertsView {
  return scope.visible === 'all' ? view : { alerts: view.alerts.filter((alert) => seesAlert(scope, alert)) };
}
