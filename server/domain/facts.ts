import type { CallOutcome, RingResult } from '../contract/stats.ts';

/**
 * What happened, as the statistics count it: each fact is timed by the event it comes from, the way queue_log writes
 * one line per event. Facts leave the reducer beside the new state; the reducer keeps none of them.
 */

export type ExitOutcome = Exclude<CallOutcome, 'answered'>;

/** One member the call was offered to, in order. */
export interface RingAttempt {
  readonly agent: string;
  readonly agentName: string;
  readonly startedAt: number;
  /** Seconds it rang; null while ringing. */
  readonly ringSec: number | null;
  readonly result: RingResult;
}

/** A queue call from join to its end: the row of a queue call report. */
export interface QueueCallRecord {
  readonly id: string;
  readonly queue: string;
  readonly callerIdNum: string;
  readonly callerIdName: string;
  readonly dialled: string;
  readonly joinedAt: number;
  readonly position: number;
  /** The queue's logged-in members when the caller joined; absent when the join was not seen (or in older records). */
  readonly members?: number;
  /** Seconds in the queue before being answered or leaving (Asterisk's HoldTime). */
  readonly waitSec: number;
  readonly outcome: CallOutcome;
  readonly attempts: readonly RingAttempt[];
  readonly answeredAt: number | null;
  readonly agent: string | null;
  readonly agentName: string | null;
  readonly talkSec: number | null;
  /** Who ended an answered call: caller, agent or transfer. */
  readonly endReason: string | null;
  readonly endedAt: number;
}

export type Fact =
  | { readonly kind: 'joined'; readonly at: number; readonly queue: string; readonly callId: string }
  | {
      readonly kind: 'answered';
      readonly at: number;
      readonly queue: string;
      readonly callId: string;
      readonly agent: string;
      readonly holdSec: number;
    }
  | {
      readonly kind: 'exited';
      readonly at: number;
      readonly queue: string;
      readonly callId: string;
      readonly outcome: ExitOutcome;
      readonly holdSec: number;
    }
  | {
      readonly kind: 'completed';
      readonly at: number;
      readonly queue: string;
      readonly callId: string;
      readonly agent: string;
      readonly talkSec: number;
      readonly reason: string;
    }
  | {
      readonly kind: 'ringNoAnswer';
      readonly at: number;
      readonly queue: string;
      readonly callId: string;
      readonly agent: string;
      readonly ringSec: number;
    }
  | {
      /** A membership's state after a change; `present: false` when the member left the queue. */
      readonly kind: 'member';
      readonly at: number;
      readonly queue: string;
      readonly agent: string;
      readonly name: string;
      readonly present: boolean;
      readonly paused: boolean;
      readonly pausedReason: string;
      readonly status: number;
      readonly inCall: boolean;
    }
  | {
      /**
       * One member's ring ended (at `at`): answered, not answered in time or refused (`noAnswer`), or cut short by
       * the caller leaving or another member answering (`cancelled`). For agent activity, not counted.
       */
      readonly kind: 'rang';
      readonly at: number;
      readonly queue: string;
      readonly callId: string;
      readonly agent: string;
      readonly startedAt: number;
      readonly result: Exclude<RingAttempt['result'], 'ringing'>;
    }
  | { readonly kind: 'callEnded'; readonly at: number; readonly record: QueueCallRecord };
