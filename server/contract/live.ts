/**
 * The live state as the server presents it: `GET /api/state`, `npm run probe` and the board's snapshot. Times are
 * ISO 8601 strings; durations are whole seconds. The browser computes ticking values (wait, time in status) from them.
 */

/** What an agent is doing, derived from Asterisk's device state, pause and calls. */
export type AgentState = 'available' | 'ringing' | 'onCall' | 'wrapUp' | 'paused' | 'busy' | 'unavailable' | 'unknown';

export interface WaitingCallerView {
  id: string;
  callerIdNum: string;
  callerIdName: string;
  position: number;
  joinedAt: string;
  /** Names of the members being rung for this caller now. */
  ringing: string[];
}

export interface ConnectedCallView {
  id: string;
  callerIdNum: string;
  callerIdName: string;
  agentInterface: string;
  agentName: string;
  joinedAt: string;
  answeredAt: string;
  holdSec: number;
}

export interface MemberView {
  interface: string;
  name: string;
  stateInterface: string;
  membership: string;
  penalty: number;
  /** Asterisk's device state number (0 unknown, 1 not in use, 2 in use, 3 busy, 4 invalid, 5 unavailable, 6 ringing, 7 ring+in use, 8 on hold). */
  status: number;
  state: AgentState;
  paused: boolean;
  pausedReason: string;
  inCall: boolean;
  callsTaken: number;
  lastCallAt: string | null;
  since: string;
}

export interface QueueCountersView {
  joined: number;
  answered: number;
  /** Callers who hung up while waiting (queue_log ABANDON). */
  abandoned: number;
  /** Callers removed by the queue's own time limit (queue_log EXITWITHTIMEOUT). */
  timedOut: number;
  exitedEmpty: number;
  exitedWithKey: number;
  withdrawn: number;
  answeredWithinSl: number;
  ringNoAnswer: number;
  transferred: number;
  /** app_queue's Completed and Abandoned, counted the way Asterisk counts them, but never reset. */
  asteriskCompleted: number;
  asteriskAbandoned: number;
}

/** A queue's own figures, without its members and callers. */
export interface QueueSummaryView {
  name: string;
  strategy: string;
  serviceLevelSec: number;
  counters: QueueCountersView;
  /** What Asterisk itself reported at the last resync (its counters restart with Asterisk). */
  reported: { completed: number; abandoned: number; holdTimeSec: number; talkTimeSec: number; at: string } | null;
}

export interface QueueView extends QueueSummaryView {
  waiting: WaitingCallerView[];
  connected: ConnectedCallView[];
  members: MemberView[];
}

/** An agent's calls of one queue since the state began. */
export interface AgentCounts {
  answered: number;
  missed: number;
  talkSec: number;
}

export interface AgentView extends AgentCounts {
  interface: string;
  name: string;
  queues: string[];
  state: AgentState;
  since: string;
  pausedReason: string;
  /** The caller the agent is talking to, if any. */
  call: { callerIdNum: string; callerIdName: string; queue: string; answeredAt: string } | null;
  /** The counts per queue of `queues`; the agent's own (answered, missed, talkSec) are their sum. */
  byQueue: Record<string, AgentCounts>;
}

/** The counts an agent has per queue on the board, added up over the queues a viewer sees (countsOver). */
export const AGENT_COUNTS = ['answered', 'missed', 'talkSec'] as const satisfies readonly (keyof AgentCounts)[];

/** The server's link to Asterisk: up only while every PBX feeding the board is connected. */
export interface AmiLinkView {
  up: boolean;
  since: string | null;
  /** On a board fed by several PBXs (AMI_ENDPOINTS): the ones not connected now, since when. Empty otherwise. */
  down: { endpoint: string; since: string | null }[];
}

export interface LiveStateView {
  link: AmiLinkView;
  queues: QueueView[];
  agents: AgentView[];
}
