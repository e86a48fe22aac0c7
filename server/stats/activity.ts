import type { Redis } from 'ioredis';
import type { AgentActivitySpan } from '../contract/stats.ts';
import type { Fact } from '../domain/facts.ts';
import type { StatsKeys } from '../store/keys.ts';
import { MAX_DURATION_SEC } from '../domain/checks.ts';
import { isoTime } from '../domain/readout.ts';
import { decodePresence, decodeSpan } from './presence.ts';
import type { TimeWindow } from './windows.ts';

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
const LONGEST_CALL_SPAN_MS = MAX_DURATION_SEC * 1000;

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
  const spans: CallActivitySpan[] = [{ kind: 'onCall', agent, queue, callId, start: at - talkSec * 1000, end: at, reason }];
  if (wrapupSec > 0) spans.push({ kind: 'wrapUp', agent, queue, callId, start: at, end: at + wrapupSec * 1000, reason: '' });
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

function decodeActivity(text: string): CallActivitySpan {
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

type Reply = [Error | null, unknown];

function texts(reply: Reply | undefined): (string | null)[] {
  if (reply?.[0]) throw reply[0];
  return (reply?.[1] ?? []) as (string | null)[];
}

/**
 * Every span of the chosen agents (default: all) that overlaps the window, by start: the closed ones, and the
 * logged-in and paused spans still open now (`end: null`).
 */
export async function readActivity(
  redis: Redis,
  keys: StatsKeys,
  window: TimeWindow,
  now: number,
  agents?: readonly string[],
): Promise<AgentActivitySpan[]> {
  const until = window.until ?? now;
  const chosen = agents ?? (await redis.hkeys(keys.agents));
  const wanted = new Set(chosen);
  const pipe = redis
    .pipeline()
    .zrangebyscore(keys.spans, `(${window.since}`, '+inf')
    .zrangebyscore(keys.activity, `(${window.since}`, window.until === null ? '+inf' : until + LONGEST_CALL_SPAN_MS);
  if (chosen.length > 0) pipe.mget(...chosen.map((agent) => keys.presence(agent)));
  const [presenceSpans, callSpans, presences] = ((await pipe.exec()) ?? []) as Reply[];

  const spans: AgentActivitySpan[] = [];
  const add = (span: Omit<AgentActivitySpan, 'start' | 'end'>, start: number, end: number | null) => {
    // A span that ends before it starts was stored from a bad duration before the entry checks: it shows nothing.
    if (end !== null && end < start) return;
    if (wanted.has(span.agent) && start < until && (end === null || end > window.since)) {
      spans.push({ ...span, start: isoTime(start), end: end === null ? null : isoTime(end) });
    }
  };
  for (const text of texts(presenceSpans)) {
    if (!text) continue;
    const { agent, span } = decodeSpan(text);
    add({ agent, kind: span.kind, queue: null, callId: null, reason: span.reason }, span.start, span.end);
  }
  for (const text of texts(callSpans)) {
    if (!text) continue;
    const { agent, kind, queue, callId, reason, start, end } = decodeActivity(text);
    add({ agent, kind, queue, callId, reason }, start, end);
  }
  if (chosen.length > 0) {
    texts(presences).forEach((text, i) => {
      const agent = chosen[i] ?? '';
      const presence = decodePresence(text);
      if (presence.loginSince !== null) {
        add({ agent, kind: 'loggedIn', queue: null, callId: null, reason: '' }, presence.loginSince, null);
      }
      if (presence.pauseSince !== null) {
        add({ agent, kind: 'paused', queue: null, callId: null, reason: presence.pauseReason }, presence.pauseSince, null);
      }
    });
  }
  return spans.sort((a, b) => a.start.localeCompare(b.start) || a.agent.localeCompare(b.agent));
}
