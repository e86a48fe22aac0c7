import type { AgentState, AgentView, AmiLinkView, QueueSummaryView } from './live.ts';

/**
 * What a board receives over Socket.IO: one normalized snapshot on every (re)connect, then deltas with a sequence
 * number. Entities are small and keyed so that a delta carries only what changed; a gap in `seq` means the board
 * asks for a new snapshot.
 */

/** A queue caller, waiting or talking to an agent. */
export interface CallView {
  id: string;
  queue: string;
  state: 'waiting' | 'connected';
  callerIdNum: string;
  callerIdName: string;
  /** Position in the queue while waiting; 0 once connected. */
  position: number;
  joinedAt: string;
  /** Names of the members being rung now. */
  ringing: string[];
  agentInterface: string | null;
  agentName: string | null;
  answeredAt: string | null;
  holdSec: number | null;
}

/**
 * A member of one queue as the board has it: what the queue's tile counts (who is available, on a call, paused). Who
 * the agent is and what they do is in their AgentView; `GET /api/state` has every detail of a membership (MemberView).
 * The key of a member is `${queue}\u0000${interface}` (see memberKey).
 */
export interface QueueMemberView {
  queue: string;
  interface: string;
  state: AgentState;
}

export interface LinkView {
  /** The server's link to Asterisk. */
  ami: AmiLinkView;
  /** The server's link to Redis: while it is down the board is shown but not saved. */
  redis: { up: boolean; since: string | null };
}

export interface BoardSnapshot {
  seq: number;
  /** Server time when the snapshot was taken: the board corrects its clock offset with it. */
  at: string;
  link: LinkView;
  queues: QueueSummaryView[];
  members: QueueMemberView[];
  calls: CallView[];
  agents: AgentView[];
  /**
   * Set for a viewer with "Desktop Softphone: copy number to clipboard": a copy control beside each caller number the
   * board shows them (a number hidden from them never reaches the browser, so it is never copyable).
   */
  copyNumbers?: boolean;
}

export type BoardOp =
  | { op: 'queue'; queue: QueueSummaryView }
  | { op: 'queueRemoved'; name: string }
  | { op: 'member'; member: QueueMemberView }
  | { op: 'memberRemoved'; queue: string; interface: string }
  | { op: 'call'; call: CallView }
  | { op: 'callRemoved'; id: string }
  | { op: 'agent'; agent: AgentView }
  | { op: 'agentRemoved'; interface: string }
  | { op: 'link'; link: LinkView };

export interface BoardDelta {
  /** One more than the previous delta's (or the snapshot's) seq. */
  seq: number;
  at: string;
  ops: BoardOp[];
}

export function memberKey(queue: string, iface: string): string {
  return `${queue}\u0000${iface}`;
}
