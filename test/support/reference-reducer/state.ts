import type { RingAttempt } from '../../../server/domain/facts.ts';
import type { Member, QueueCounters, ReportedQueueParams } from '../../../server/domain/state.ts';

/**
 * The reducer's state as it was before its maps became persistent (server/domain/table.ts): plain objects, copied on
 * each write, and each waiting caller's position stored on the call. Kept unchanged as the oracle the reducer is
 * compared with (test/integration/reducer-parity.test.ts).
 */

export type { Change, Member, QueueCounters } from '../../../server/domain/state.ts';
export { ZERO_COUNTERS } from '../../../server/domain/state.ts';

export interface QueueCall {
  readonly id: string;
  readonly channel: string;
  readonly queue: string;
  readonly callerIdNum: string;
  readonly callerIdName: string;
  readonly dialled: string;
  readonly joinedAt: number;
  readonly position: number;
  readonly joinPosition: number;
  readonly joinMembers?: number;
  readonly attempts: readonly RingAttempt[];
  readonly state: 'waiting' | 'connected' | 'leaving';
  readonly ringing: readonly string[];
  readonly agent?: string;
  readonly agentName?: string;
  readonly answeredAt?: number;
  readonly holdSec?: number;
  readonly agentCallsAtConnect?: Readonly<Record<string, number>>;
  readonly hangupRequested: boolean;
  readonly pressedKey: boolean;
  readonly abandonHoldSec?: number;
}

export interface Queue {
  readonly name: string;
  readonly strategy: string;
  readonly serviceLevelSec: number;
  readonly weight: number;
  readonly maxCallers: number;
  readonly members: Readonly<Record<string, Member>>;
  readonly counters: QueueCounters;
  readonly reported?: ReportedQueueParams;
}

export interface LiveState {
  readonly queues: Readonly<Record<string, Queue>>;
  readonly calls: Readonly<Record<string, QueueCall>>;
  readonly link: {
    readonly up: boolean;
    readonly since: number;
    readonly lostAt?: number;
    readonly endpoints?: Readonly<Record<string, { readonly up: boolean; readonly since: number }>>;
  };
  readonly asterisk: { readonly sharedLastCall: boolean };
  readonly stats: {
    readonly events: number;
    readonly ignored: number;
    readonly unknown: number;
    readonly malformed: number;
  };
}
