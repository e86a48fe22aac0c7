import type { Timer } from '../scheduler.ts';

/** Device states as app_queue reports them in `Status:` (the numeric value is the index). */
export const DEVICE_STATES = [
  'UNKNOWN',
  'NOT_INUSE',
  'INUSE',
  'BUSY',
  'INVALID',
  'UNAVAILABLE',
  'RINGING',
  'RINGINUSE',
  'ONHOLD',
] as const;
export type DeviceState = (typeof DEVICE_STATES)[number];

export function isDeviceState(value: string): value is DeviceState {
  return (DEVICE_STATES as readonly string[]).includes(value);
}

export type Strategy = 'ringall' | 'rrmemory' | 'leastrecent' | 'fewestcalls' | 'random' | 'linear';

export interface QueueConfig {
  name: string;
  strategy: Strategy;
  /** Seconds a member is rung before the attempt counts as no answer. */
  timeout: number;
  /** Seconds the caller waits after a round of unanswered rings before members are tried again. */
  retry: number;
  /** Seconds after a call during which the member is not offered another call. */
  wrapuptime: number;
  /** Seconds within which an answer or abandon counts for ServicelevelPerf / ServicelevelPerf2. */
  servicelevel: number;
  weight: number;
  /** Share of the generated arrivals that go to this queue (relative to the other queues). */
  share: number;
}

export interface MembershipConfig {
  queue: string;
  penalty: number;
  /** Static members come from queues.conf; dynamic ones as if added with QueueAdd at start-up. */
  dynamic: boolean;
}

export interface AgentConfig {
  ext: string;
  name: string;
  queues: MembershipConfig[];
}

/** Channel states as in `ChannelState:` / `ChannelStateDesc:`. */
export const CHANNEL_STATE_DESC: Record<number, string> = { 0: 'Down', 4: 'Ring', 5: 'Ringing', 6: 'Up' };

export interface Channel {
  name: string;
  uniqueid: string;
  linkedid: string;
  state: number;
  callerNum: string;
  callerName: string;
  connectedNum: string;
  connectedName: string;
  context: string;
  exten: string;
  priority: number;
  application: string;
  appData: string;
  /** Simulated epoch ms at creation (CoreShowChannel `Duration`). */
  created: number;
  bridgeId: string;
  /** The Local device the channel belongs to, e.g. `Local/sales@callers`. */
  device: string;
  /** Simulated epoch ms when the channel was answered (its CDR's AnswerTime). */
  answeredAt?: number;
  /** The channel it was connected to (its CDR's DestinationChannel). */
  peer?: string;
  /**
   * Dialled by app_queue for a member (the agent pair's `;1`): the caller's CDR names it as DestinationChannel, and
   * cdr_manager sends no CDR of its own (trace 17).
   */
  dialled?: boolean;
  /**
   * A queue caller's CDRs (trace 17): a dial that rings out ends a NO ANSWER record there, and the next dial begins
   * the next record. `cdrs` are those ended, posted with the last one at hang-up; `cdrFrom` is when the open one began
   * (unset: at creation; null: none is open, between a dial that rang out and the next); `dialling` is the member's
   * channel being dialled, which the open record names while no member answered.
   */
  cdrs?: CdrRecord[];
  cdrFrom?: number | null;
  dialling?: string;
}

/** One CDR of a channel: its span, the channel it names, and whether a dial in it went unanswered. */
export interface CdrRecord {
  readonly start: number;
  readonly end: number;
  readonly peer: string;
  readonly unansweredDial: boolean;
}

/** The two halves of a Local channel: `;1` faces the originator, `;2` runs the dialplan. */
export interface LocalPair {
  one: Channel;
  two: Channel;
}

export interface Agent {
  kind: 'agent';
  ext: string;
  name: string;
  iface: string;
  stateInterface: string;
  state: DeviceState;
  /** Simulated epoch ms when the agent's last queue call ended (shared_lastcall: wrap-up spans all queues). */
  lastCallEnd: number;
  ring: Ring | undefined;
  call: Call | undefined;
  pauseTimer: Timer | undefined;
}

export interface Member {
  queue: Queue;
  agent: Agent;
  name: string;
  penalty: number;
  dynamic: boolean;
  callsTaken: number;
  /** Epoch seconds of the end of the last call taken in this queue (0 = never). */
  lastCall: number;
  lastPause: number;
  loginTime: number;
  inCall: boolean;
  paused: boolean;
  pausedReason: string;
  ringinuse: boolean;
  /** Member-specific wrap-up (QueueAdd `Wrapuptime`); 0 means the queue's. */
  wrapuptime: number;
}

export interface QueueStats {
  completed: number;
  abandoned: number;
  completedInSl: number;
  abandonedInSl: number;
  /** Exponential averages in seconds, as app_queue keeps them. */
  holdtime: number;
  talktime: number;
}

export interface Queue {
  cfg: QueueConfig;
  members: Member[];
  /** Waiting callers in queue order; index + 1 is the position. */
  callers: Caller[];
  /** Index of the member rung last (rrmemory). */
  rrpos: number;
  stats: QueueStats;
}

export interface Caller {
  kind: 'caller';
  pair: LocalPair;
  queue: Queue;
  maxWait: number;
  joinedAt: number;
  originalPosition: number;
  state: 'dialplan' | 'waiting' | 'connected' | 'gone';
  rings: Ring[];
  /** Simulated time before which no member is rung (the queue's retry after unanswered rings). */
  nextTryAt: number;
  timers: Timer[];
  call: Call | undefined;
}

export interface Ring {
  caller: Caller;
  member: Member;
  pair: LocalPair;
  startedAt: number;
  timers: Timer[];
}

export interface Call {
  caller: Caller;
  member: Member;
  pair: LocalPair;
  bridgeId: string;
  connectedAt: number;
  holdTime: number;
  inServiceLevel: boolean;
  timers: Timer[];
}

/** A channel running ChanSpy (spy.ts). */
export interface Spy {
  channel: Channel;
  prefix: string;
  bridgedOnly: boolean;
  exitWithCall: boolean;
  spyee: Channel | undefined;
  rescan: Timer | undefined;
}

/** A channel being recorded by MixMonitor. */
export interface Recording {
  /** The file as Asterisk names it (its full path). */
  readonly file: string;
  readonly startedAt: number;
}
