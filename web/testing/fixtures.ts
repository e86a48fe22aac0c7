import type { BoardDelta, BoardOp, BoardSnapshot, CallView, QueueMemberView } from '../../server/contract/board.ts';
import type { AgentState, AgentView, QueueCountersView, QueueSummaryView } from '../../server/contract/live.ts';
import type { MonitorSessionView } from '../../server/contract/monitoring.ts';
import { entitiesFromSnapshot, type BoardEntities } from '../live/board-entities.ts';

/** Views as the server presents them, for the web app's tests: every field filled, the interesting ones given. */

/** Server time at the start of a test: 10:00:00 UTC. */
export const T0 = Date.parse('2025-03-03T10:00:00.000Z');

/** ISO time `sec` seconds after T0. */
export function at(sec: number): string {
  return new Date(T0 + sec * 1000).toISOString();
}

const ZERO: QueueCountersView = {
  joined: 0,
  answered: 0,
  abandoned: 0,
  timedOut: 0,
  exitedEmpty: 0,
  exitedWithKey: 0,
  withdrawn: 0,
  answeredWithinSl: 0,
  ringNoAnswer: 0,
  transferred: 0,
  asteriskCompleted: 0,
  asteriskAbandoned: 0,
};

export function queueView(
  name: string,
  counters: Partial<QueueCountersView> = {},
  serviceLevelSec = 30,
): QueueSummaryView {
  return { name, strategy: 'rrmemory', serviceLevelSec, counters: { ...ZERO, ...counters }, reported: null };
}

export function memberView(queue: string, name: string, state: AgentState): QueueMemberView {
  return { queue, interface: `PJSIP/${name}`, state };
}

export function agentView(name: string, state: AgentState, fields: Partial<AgentView> = {}): AgentView {
  return {
    interface: `PJSIP/${name}`,
    name,
    queues: ['sales'],
    state,
    since: at(0),
    pausedReason: '',
    call: null,
    answered: 0,
    missed: 0,
    talkSec: 0,
    byQueue: { sales: { answered: 0, missed: 0, talkSec: 0 } },
    ...fields,
  };
}

export function callView(id: string, queue: string, fields: Partial<CallView> = {}): CallView {
  return {
    id,
    queue,
    state: 'waiting',
    callerIdNum: `+4822${id.padStart(7, '0')}`,
    callerIdName: '',
    position: 1,
    joinedAt: at(0),
    ringing: [],
    agentInterface: null,
    agentName: null,
    answeredAt: null,
    holdSec: null,
    ...fields,
  };
}

export interface BoardParts {
  queues?: QueueSummaryView[];
  members?: QueueMemberView[];
  calls?: CallView[];
  agents?: AgentView[];
}

export function snapshotOf(seq: number, parts: BoardParts = {}, atSec = 0): BoardSnapshot {
  return {
    seq,
    at: at(atSec),
    link: { ami: { up: true, since: at(-3600), down: [] }, redis: { up: true, since: at(-3600) } },
    queues: parts.queues ?? [],
    members: parts.members ?? [],
    calls: parts.calls ?? [],
    agents: parts.agents ?? [],
  };
}

export function entitiesOf(parts: BoardParts = {}): BoardEntities {
  return entitiesFromSnapshot(snapshotOf(0, parts));
}

export function deltaOf(seq: number, ...ops: BoardOp[]): BoardDelta {
  return { seq, at: at(seq), ops };
}

/** Sam's monitoring session on Alice's sales call, ringing Sam's phone, started at epoch 1 000 000 ms. */
export function monitorSession(change: Partial<MonitorSessionView> = {}): MonitorSessionView {
  return {
    id: 's1',
    supervisor: 'me',
    supervisorName: 'Sam',
    agent: 'Local/1001@agents',
    agentName: 'Alice',
    callId: '1700000000.1',
    queue: 'sales',
    state: 'ringing',
    mode: 'listen',
    startedAt: 1_000_000,
    changes: [],
    endedAt: null,
    end: null,
    endMessage: null,
    ...change,
  };
}
