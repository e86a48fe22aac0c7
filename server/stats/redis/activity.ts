import type { Redis } from '../../redis-client.ts';
import type { AgentActivitySpan } from '../../contract/stats.ts';
import type { StatsKeys } from '../../store/keys.ts';
import { isoTime } from '../../domain/readout.ts';
import { decodeActivity, LONGEST_CALL_SPAN_MS } from '../counting/activity.ts';
import { decodePresence, decodeSpan } from '../counting/presence.ts';
import type { TimeWindow } from '../counting/windows.ts';

/** Reading agent activity (counting/activity.ts): the spans of a window, and the open ones from the agents' presence. */

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
        add(
          { agent, kind: 'paused', queue: null, callId: null, reason: presence.pauseReason },
          presence.pauseSince,
          null,
        );
      }
    });
  }
  return spans.sort((a, b) => a.start.localeCompare(b.start) || a.agent.localeCompare(b.agent));
}
