import type { Calls } from './calls.ts';
import type { Table } from './table.ts';

export type { QueueCall } from './calls.ts';

/**
 * The live model of one Asterisk's queues, as the reducer keeps it. Replaced, never mutated: each reduce returns new
 * objects for what changed and shares the rest. The calls and each queue's members are persistent maps (table.ts,
 * calls.ts), so that a write costs what it changes and not the size of the center; queues are a plain object, as
 * there are tens of them and their number does not grow with the traffic.
 */

/** The shape of this state as stored: bump it with any incompatible change to the types below. */
export const STATE_FORMAT = 1;

/** Asterisk's numeric device state, as queue member events report it in `Status`. */
export const DeviceStatus = {
  unknown: 0,
  notInUse: 1,
  inUse: 2,
  busy: 3,
  invalid: 4,
  unavailable: 5,
  ringing: 6,
  ringInUse: 7,
  onHold: 8,
} as const;
export type DeviceStatus = (typeof DeviceStatus)[keyof typeof DeviceStatus];

/** One queue membership: an agent (interface) in one queue. Asterisk reports members per queue. */
export interface Member {
  readonly queue: string;
  readonly interface: string;
  readonly name: string;
  readonly stateInterface: string;
  readonly membership: string;
  readonly penalty: number;
  readonly status: number;
  readonly paused: boolean;
  readonly pausedReason: string;
  /** Asterisk's InCall: a call of this queue is connected to the member. */
  readonly inCall: boolean;
  readonly callsTaken: number;
  /** Epoch seconds of the member's last completed call (0: none); wrap-up runs from here. */
  readonly lastCall: number;
  readonly lastPause: number;
  readonly loginTime: number;
  /** The member's own wrap-up seconds (0: the queue's applies). */
  readonly wrapupSec: number;
  readonly ringInUse: boolean;
  /** When status, paused or inCall last changed (epoch ms): the board's "time in status". */
  readonly since: number;
  /** Our counts for this membership since the state began. */
  readonly answered: number;
  readonly missed: number;
  readonly talkSec: number;
}

export type { CallOutcome } from '../contract/stats.ts';

/** Per-queue counts since this state began (never reset by a resync or an Asterisk restart). */
export interface QueueCounters {
  readonly joined: number;
  readonly answered: number;
  /** The caller hung up while waiting (queue_log ABANDON). */
  readonly abandoned: number;
  /** The queue's own time limit (queue_log EXITWITHTIMEOUT). */
  readonly timedOut: number;
  readonly exitedEmpty: number;
  readonly exitedWithKey: number;
  readonly withdrawn: number;
  readonly left: number;
  readonly answeredWithinSl: number;
  readonly ringNoAnswer: number;
  readonly transferred: number;
  readonly holdSecAnswered: number;
  readonly talkSec: number;
  /** app_queue's own definitions: Completed counts ended answered calls (transfers too)... */
  readonly asteriskCompleted: number;
  readonly asteriskCompletedWithinSl: number;
  /** ...and Abandoned every QueueCallerAbandon: hang-ups, timeouts, withdrawals and empty-queue exits. */
  readonly asteriskAbandoned: number;
  readonly asteriskAbandonedWithinSl: number;
}

/** The figures Asterisk itself last reported for a queue (QueueParams at the last resync). */
export interface ReportedQueueParams {
  readonly completed: number;
  readonly abandoned: number;
  readonly holdTimeSec: number;
  readonly talkTimeSec: number;
  readonly serviceLevelPerf: number;
  readonly serviceLevelPerf2: number;
  readonly at: number;
}

export interface Queue {
  readonly name: string;
  readonly strategy: string;
  readonly serviceLevelSec: number;
  readonly weight: number;
  readonly maxCallers: number;
  /** By interface. */
  readonly members: Table<Member>;
  readonly counters: QueueCounters;
  readonly reported?: ReportedQueueParams;
}

export interface LiveState {
  readonly queues: Readonly<Record<string, Queue>>;
  /** Queue calls in progress, by caller Uniqueid. */
  readonly calls: Calls;
  /** The AMI link; a board fed by several PBXs is up only while all are, and lists each in `endpoints`. */
  readonly link: {
    readonly up: boolean;
    readonly since: number;
    /** While up: when it last went down, the last moment the calls held then were known going on. */
    readonly lostAt?: number;
    readonly endpoints?: Readonly<Record<string, { readonly up: boolean; readonly since: number }>>;
  };
  /** What we learned of the PBX's configuration from its behaviour. */
  readonly asterisk: { readonly sharedLastCall: boolean };
  /**
   * Input hygiene: events applied, events known and ignored, unknown events, malformed messages (no event name, or an
   * identity the entry checks refused).
   */
  readonly stats: {
    readonly events: number;
    readonly ignored: number;
    readonly unknown: number;
    readonly malformed: number;
  };
}

/** What a reduce changed, so that storage and fan-out touch only that. `all` after a resync. */
export type Change =
  | { readonly entity: 'queue'; readonly queue: string }
  | { readonly entity: 'member'; readonly queue: string; readonly interface: string }
  | { readonly entity: 'call'; readonly id: string }
  | { readonly entity: 'link' }
  | { readonly entity: 'all' };

export const ZERO_COUNTERS: QueueCounters = {
  joined: 0,
  answered: 0,
  abandoned: 0,
  timedOut: 0,
  exitedEmpty: 0,
  exitedWithKey: 0,
  withdrawn: 0,
  left: 0,
  answeredWithinSl: 0,
  ringNoAnswer: 0,
  transferred: 0,
  holdSecAnswered: 0,
  talkSec: 0,
  asteriskCompleted: 0,
  asteriskCompletedWithinSl: 0,
  asteriskAbandoned: 0,
  asteriskAbandonedWithinSl: 0,
};
