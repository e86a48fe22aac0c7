import type { CallView, QueueMemberView } from '../contract/board.ts';
import { countsOver } from '../contract/figures.ts';
import {
  AGENT_COUNTS,
  type AgentState,
  type AgentView,
  type AmiLinkView,
  type LiveStateView,
  type MemberView,
  type QueueSummaryView,
} from '../contract/live.ts';
import { DeviceStatus } from './state.ts';
import { amount, isoTime } from './readout.ts';
import type { LiveState, Member, Queue, QueueCall } from './state.ts';

/**
 * The live state as the outside sees it: per entity for the board's snapshot and deltas, nested per queue for the
 * API and the probe. `now` decides who is still in wrap-up; ticking values are left to the viewer.
 */

type CallByAgent = Pick<ReadonlyMap<string, QueueCall>, 'get' | 'has'>;

/** An agent's connected queue call (the latest, should there be more), looked up in the calls' own index. */
export function connectedCallsByAgent(state: LiveState): CallByAgent {
  const get = (iface: string): QueueCall | undefined => (iface ? state.calls.connectedTo(iface).at(-1) : undefined);
  return { get, has: (iface) => get(iface) !== undefined };
}

export function presentQueueSummary(queue: Queue): QueueSummaryView {
  const { counters } = queue;
  return {
    name: queue.name,
    strategy: queue.strategy,
    serviceLevelSec: queue.serviceLevelSec,
    counters: {
      joined: counters.joined,
      answered: counters.answered,
      abandoned: counters.abandoned,
      timedOut: counters.timedOut,
      exitedEmpty: counters.exitedEmpty,
      exitedWithKey: counters.exitedWithKey,
      withdrawn: counters.withdrawn,
      answeredWithinSl: counters.answeredWithinSl,
      ringNoAnswer: counters.ringNoAnswer,
      transferred: counters.transferred,
      asteriskCompleted: counters.asteriskCompleted,
      asteriskAbandoned: counters.asteriskAbandoned,
    },
    reported: queue.reported
      ? {
          completed: queue.reported.completed,
          abandoned: queue.reported.abandoned,
          holdTimeSec: queue.reported.holdTimeSec,
          talkTimeSec: queue.reported.talkTimeSec,
          at: isoTime(queue.reported.at),
        }
      : null,
  };
}

/** A membership as the board has it: its state, for the queue's tile. */
export function presentQueueMember(member: Member, callByAgent: CallByAgent, now: number): QueueMemberView {
  return {
    queue: member.queue,
    interface: member.interface,
    state: memberState(member, callByAgent.has(member.interface), now),
  };
}

/** A membership in full, as the API and the probe show it under its queue. */
export function presentMember(member: Member, callByAgent: CallByAgent, now: number): MemberView {
  return {
    interface: member.interface,
    name: member.name,
    stateInterface: member.stateInterface,
    membership: member.membership,
    penalty: member.penalty,
    status: member.status,
    state: memberState(member, callByAgent.has(member.interface), now),
    paused: member.paused,
    pausedReason: member.pausedReason,
    inCall: member.inCall,
    callsTaken: member.callsTaken,
    lastCallAt: member.lastCall ? isoTime(member.lastCall * 1000) : null,
    since: isoTime(member.since),
  };
}

/** A caller as the board shows it; a caller whose exit is being decided is already gone for the board. */
export function presentCall(state: LiveState, id: string): CallView | null {
  const call = state.calls.get(id);
  if (!call || call.state === 'leaving') return null;
  const members = state.queues[call.queue]?.members;
  return {
    id: call.id,
    queue: call.queue,
    state: call.state,
    callerIdNum: call.callerIdNum,
    callerIdName: call.callerIdName,
    position: state.calls.position(id),
    joinedAt: isoTime(call.joinedAt),
    ringing: call.ringing.map((iface) => members?.get(iface)?.name ?? iface),
    agentInterface: call.agent ?? null,
    agentName: call.agentName ?? null,
    answeredAt: call.answeredAt === undefined ? null : isoTime(call.answeredAt),
    holdSec: call.holdSec === undefined ? null : amount(call.holdSec),
  };
}

/**
 * One word for what a member is doing. A connected queue call wins (Asterisk's InCall lags the connect by the device
 * state change); wrap-up is known only from the member's own wrap-up time, AMI does not report the queue's.
 */
export function memberState(member: Member, onQueueCall: boolean, now: number): AgentState {
  const status = member.status;
  if (onQueueCall || member.inCall) return 'onCall';
  if (status === DeviceStatus.ringing || status === DeviceStatus.ringInUse) return 'ringing';
  if (member.paused) return 'paused';
  if (status === DeviceStatus.inUse || status === DeviceStatus.busy || status === DeviceStatus.onHold) return 'busy';
  if (status === DeviceStatus.unavailable || status === DeviceStatus.invalid) return 'unavailable';
  if (status === DeviceStatus.unknown) return 'unknown';
  if (member.wrapupSec > 0 && member.lastCall > 0 && now < (member.lastCall + member.wrapupSec) * 1000) return 'wrapUp';
  return 'available';
}

const STATE_RANK: Readonly<Record<AgentState, number>> = {
  onCall: 7,
  ringing: 6,
  busy: 5,
  wrapUp: 4,
  available: 3,
  paused: 2,
  unavailable: 1,
  unknown: 0,
};

/** An agent across their queues: the most active membership decides the state; counts add up. Null: no queue left. */
export function presentAgent(state: LiveState, iface: string, callByAgent: CallByAgent, now: number): AgentView | null {
  const [first, ...others] = Object.values(state.queues).flatMap((queue) => queue.members.get(iface) ?? []);
  return first ? agentOf([first, ...others], callByAgent.get(iface), now) : null;
}

type Memberships = [Member, ...Member[]];

/** An agent from their memberships, in the order of the queues; the first one names them. */
function agentOf(memberships: Readonly<Memberships>, call: QueueCall | undefined, now: number): AgentView {
  const [first] = memberships;
  const agent: AgentView = {
    interface: first.interface,
    name: first.name,
    queues: [],
    state: memberState(first, call !== undefined, now),
    since: isoTime(first.since),
    pausedReason: first.paused ? first.pausedReason : '',
    call: call
      ? {
          callerIdNum: call.callerIdNum,
          callerIdName: call.callerIdName,
          queue: call.queue,
          answeredAt: isoTime(call.answeredAt ?? call.joinedAt),
        }
      : null,
    answered: 0,
    missed: 0,
    talkSec: 0,
    byQueue: {},
  };
  // Of equally active memberships the first queue by name decides, whatever order the state holds its queues in (a
  // state loaded from Redis has its hash's order, the lease holder's the order it learned them in).
  let decidedBy = first.queue;
  for (const member of memberships) {
    const memberAgentState = memberState(member, call !== undefined, now);
    const rank = STATE_RANK[memberAgentState] - STATE_RANK[agent.state];
    if (rank > 0 || (rank === 0 && member.queue < decidedBy)) {
      decidedBy = member.queue;
      agent.state = memberAgentState;
      agent.since = isoTime(member.since);
      agent.pausedReason = member.paused ? member.pausedReason : '';
    }
    agent.queues.push(member.queue);
    agent.byQueue[member.queue] = {
      answered: amount(member.answered),
      missed: amount(member.missed),
      talkSec: amount(member.talkSec),
    };
  }
  agent.queues.sort();
  return { ...agent, ...countsOver(AGENT_COUNTS, agent.byQueue) };
}

/** Every agent's memberships in one pass over the queues (not a pass per agent), in the order of the queues. */
function membershipsByAgent(queues: readonly Queue[]): Map<string, Memberships> {
  const byAgent = new Map<string, Memberships>();
  for (const queue of queues) {
    for (const member of queue.members.values()) {
      const memberships = byAgent.get(member.interface);
      if (memberships) memberships.push(member);
      else byAgent.set(member.interface, [member]);
    }
  }
  return byAgent;
}

const byName = (a: { name: string }, b: { name: string }): number => a.name.localeCompare(b.name);

/** Every entity of the board, each presented once. */
export function presentEntities(
  state: LiveState,
  now: number,
  callByAgent: CallByAgent = connectedCallsByAgent(state),
) {
  const queues = Object.values(state.queues).sort(byName);
  return {
    queues: queues.map(presentQueueSummary),
    members: queues.flatMap((queue) =>
      queue.members.values().map((member) => presentQueueMember(member, callByAgent, now)),
    ),
    calls: state.calls
      .values()
      .map((call) => presentCall(state, call.id))
      .filter((call): call is CallView => call !== null),
    agents: [...membershipsByAgent(Object.values(state.queues))]
      .map(([iface, memberships]) => agentOf(memberships, callByAgent.get(iface), now))
      .sort(byName),
  };
}

export function presentLink(state: LiveState): AmiLinkView {
  const { up, since, endpoints = {} } = state.link;
  const down = Object.entries(endpoints)
    .filter(([, link]) => !link.up)
    .map(([endpoint, link]) => ({ endpoint, since: link.since ? isoTime(link.since) : null }));
  return { up, since: since ? isoTime(since) : null, down };
}

/** The nested view of `GET /api/state` and `npm run probe`. */
export function presentState(state: LiveState, now: number): LiveStateView {
  const callByAgent = connectedCallsByAgent(state);
  const { queues, calls, agents } = presentEntities(state, now, callByAgent);
  return {
    link: presentLink(state),
    queues: queues.map((queue) => ({
      ...queue,
      waiting: calls
        .filter((call) => call.queue === queue.name && call.state === 'waiting')
        .sort((a, b) => a.position - b.position)
        .map((call) => ({
          id: call.id,
          callerIdNum: call.callerIdNum,
          callerIdName: call.callerIdName,
          position: call.position,
          joinedAt: call.joinedAt,
          ringing: call.ringing,
        })),
      connected: calls
        .filter((call) => call.queue === queue.name && call.state === 'connected')
        .map((call) => ({
          id: call.id,
          callerIdNum: call.callerIdNum,
          callerIdName: call.callerIdName,
          agentInterface: call.agentInterface ?? '',
          agentName: call.agentName ?? '',
          joinedAt: call.joinedAt,
          answeredAt: call.answeredAt ?? call.joinedAt,
          holdSec: call.holdSec ?? 0,
        })),
      members: (state.queues[queue.name]?.members.values() ?? [])
        .map((member) => presentMember(member, callByAgent, now))
        .sort(byName),
    })),
    agents,
  };
}
