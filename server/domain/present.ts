import type {
  AgentState,
  AgentView,
  ConnectedCallView,
  LiveStateView,
  MemberView,
  QueueView,
} from '../contract/live.ts';
import { DeviceStatus } from './state.ts';
import type { LiveState, Member, Queue, QueueCall } from './state.ts';

/** The live state as the API, the probe and the board's snapshot show it. `now` decides who is still in wrap-up. */
export function presentState(state: LiveState, now: number): LiveStateView {
  const calls = Object.values(state.calls);
  const callByAgent = new Map<string, QueueCall>();
  for (const call of calls) if (call.state === 'connected' && call.agent) callByAgent.set(call.agent, call);
  const queues = Object.values(state.queues)
    .map((queue) => presentQueue(queue, calls, callByAgent, now))
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    link: { up: state.link.up, since: state.link.since ? iso(state.link.since) : null },
    queues,
    agents: presentAgents(state, callByAgent, now),
  };
}

type CallByAgent = ReadonlyMap<string, QueueCall>;

function presentQueue(queue: Queue, calls: QueueCall[], callByAgent: CallByAgent, now: number): QueueView {
  const mine = calls.filter((call) => call.queue === queue.name);
  const names = (ifaces: readonly string[]) => ifaces.map((iface) => queue.members[iface]?.name ?? iface);
  return {
    name: queue.name,
    strategy: queue.strategy,
    serviceLevelSec: queue.serviceLevelSec,
    waiting: mine
      .filter((call) => call.state === 'waiting')
      .sort((a, b) => a.position - b.position)
      .map((call) => ({
        id: call.id,
        callerIdNum: call.callerIdNum,
        callerIdName: call.callerIdName,
        position: call.position,
        joinedAt: iso(call.joinedAt),
        ringing: names(call.ringing),
      })),
    connected: mine.filter((call) => call.state === 'connected').map(presentConnected),
    members: Object.values(queue.members)
      .map((member) => presentMember(member, callByAgent, now))
      .sort((a, b) => a.name.localeCompare(b.name)),
    counters: {
      joined: queue.counters.joined,
      answered: queue.counters.answered,
      abandoned: queue.counters.abandoned,
      timedOut: queue.counters.timedOut,
      exitedEmpty: queue.counters.exitedEmpty,
      exitedWithKey: queue.counters.exitedWithKey,
      withdrawn: queue.counters.withdrawn,
      answeredWithinSl: queue.counters.answeredWithinSl,
      ringNoAnswer: queue.counters.ringNoAnswer,
      transferred: queue.counters.transferred,
      asteriskCompleted: queue.counters.asteriskCompleted,
      asteriskAbandoned: queue.counters.asteriskAbandoned,
    },
    reported: queue.reported
      ? {
          completed: queue.reported.completed,
          abandoned: queue.reported.abandoned,
          holdTimeSec: queue.reported.holdTimeSec,
          talkTimeSec: queue.reported.talkTimeSec,
          at: iso(queue.reported.at),
        }
      : null,
  };
}

function presentConnected(call: QueueCall): ConnectedCallView {
  return {
    id: call.id,
    callerIdNum: call.callerIdNum,
    callerIdName: call.callerIdName,
    agentInterface: call.agent ?? '',
    agentName: call.agentName ?? '',
    joinedAt: iso(call.joinedAt),
    answeredAt: iso(call.answeredAt ?? call.joinedAt),
    holdSec: call.holdSec ?? 0,
  };
}

function presentMember(member: Member, callByAgent: CallByAgent, now: number): MemberView {
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
    lastCallAt: member.lastCall ? iso(member.lastCall * 1000) : null,
    since: iso(member.since),
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

/** An agent across their queues: the most active membership decides the state; counts add up. */
function presentAgents(state: LiveState, callByAgent: CallByAgent, now: number): AgentView[] {
  const agents = new Map<string, AgentView>();
  for (const queue of Object.values(state.queues)) {
    for (const member of Object.values(queue.members)) {
      const call = callByAgent.get(member.interface);
      const memberAgentState = memberState(member, call !== undefined, now);
      const agent = agents.get(member.interface);
      if (!agent) {
        agents.set(member.interface, {
          interface: member.interface,
          name: member.name,
          queues: [queue.name],
          state: memberAgentState,
          since: iso(member.since),
          pausedReason: member.paused ? member.pausedReason : '',
          call: call
            ? {
                callerIdNum: call.callerIdNum,
                callerIdName: call.callerIdName,
                queue: call.queue,
                answeredAt: iso(call.answeredAt ?? call.joinedAt),
              }
            : null,
          answered: member.answered,
          missed: member.missed,
          talkSec: member.talkSec,
        });
        continue;
      }
      agent.queues.push(queue.name);
      agent.answered += member.answered;
      agent.missed += member.missed;
      agent.talkSec += member.talkSec;
      if (STATE_RANK[memberAgentState] > STATE_RANK[agent.state]) {
        agent.state = memberAgentState;
        agent.since = iso(member.since);
        agent.pausedReason = member.paused ? member.pausedReason : '';
      }
    }
  }
  return [...agents.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
