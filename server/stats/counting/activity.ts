import type { Fact } from '../../domain/facts.ts';
import { MAX_DURATION_SEC } from '../../domain/checks.ts';

/**
 * Agent activity: what each agent did and when, as spans with a start and an end. Logged-in and paused spans come
 * from memberships (presence.ts); ringing, on-call and wrap-up spans from the facts of queue calls, each stored once
 * (the writer admits a span by its identity, like a counted step) in one sorted set scored by the span's end.
 */

export type CallActivityKind = 'ringing' | 'onCall' | 'wrapUp';

/** A closed span of a queue call, in epoch ms. */
export interface CallActivitySpan {
  readonly kind: CallActivityKind;
  readonly agent: string;
  readonly queue: string;
  readonly callId: string;
  readonly start: number;
  readonly end: number;
  readonly reason: string;
}

/**
 * No ring, call or wrap-up lasts longer (the entry checks bound AMI's durations to it): a bounded window reads only
 * spans that end before its end plus this.
 */
export const LONGEST_CALL_SPAN_MS = MAX_DURATION_SEC * 1000;

/**
 * The spans one fact closes. A call is on from the answer to its end, timed back from the end by Asterisk's TalkTime
 * (queue_log's calltime), so that talk adds up exactly; wrap-up follows for `wrapupSec` (the wrap-up the statistics
 * count, see metrics.md).
 */
export function callActivityOf(fact: Fact, wrapupSec: number): CallActivitySpan[] {
  if (fact.kind === 'rang') {
    const { agent, queue, callId, startedAt, at, result } = fact;
    return [{ kind: 'ringing', agent, queue, callId, start: Math.min(startedAt, at), end: at, reason: result }];
  }
  if (fact.kind !== 'completed' || !fact.agent) return [];
  const { agent, queue, callId, at, talkSec, reason } = fact;
  const spans: CallActivitySpan[] = [
    { kind: 'onCall', agent, queue, callId, start: at - talkSec * 1000, end: at, reason },
  ];
  if (wrapupSec > 0)
    spans.push({ kind: 'wrapUp', agent, queue, callId, start: at, end: at + wrapupSec * 1000, reason: '' });
  return spans;
}

/** The identity a span is stored once by. */
export function activityId(span: CallActivitySpan): string {
  return `${span.callId}:${span.kind}:${span.agent}:${span.start}`;
}

/** A span as a member of the sorted set: JSON `[start, end, kind, agent, queue, callId, reason]`. */
export function encodeActivity(span: CallActivitySpan): string {
  return JSON.stringify([span.start, span.end, span.kind, span.agent, span.queue, span.callId, span.reason]);
}

export function decodeActivity(text: string): CallActivitySpan {
  const [start, end, kind, agent, queue, callId, reason] = JSON.parse(text) as [
    number,
    number,
    CallActivityKind,
    string,
    string,
    string,
    string,
  ];
  return { kind, agent, queue, callId, start, end, reason };
}
