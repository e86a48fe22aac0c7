import type { Redis } from '../../redis-client.ts';
import type { AgentTotals, QueueTotals } from '../../domain/metrics.ts';
import type { StatsKeys } from '../../store/keys.ts';
import { agentInQueue, bucketField, cover, dayName, dayOf } from '../counting/buckets.ts';
import { DAYS_PER_PIECE, inPieces } from './chunks.ts';
import { AGENT_LAYOUT, QUEUE_LAYOUT } from '../counting/entries.ts';
import { decodePresence, decodeSpan, timeWithin, type Span } from '../counting/presence.ts';
import type { AgentFigures } from '../counting/views.ts';
import { decode, mergeInto, toRecord, zero, type Layout } from '../counting/vector.ts';
import type { TimeWindow } from '../counting/windows.ts';

/**
 * Reading a window: one HMGET per UTC day the window touches, naming for every queue (or agent) exactly the buckets
 * that cover the window; the counters are summed (maxima merged) here. Most buckets of a window's ragged edge are
 * empty and cost nothing to add. (Summing inside Redis with a script was measured: slower, the script's own overhead
 * outweighs parsing the few values that exist.) Agents' time comes from their intervals that end inside the window
 * and the ones still open.
 */

type Reply = [Error | null, unknown];

function values(reply: Reply | undefined): (string | null)[] {
  if (!reply) return [];
  if (reply[0]) throw reply[0];
  return reply[1] as (string | null)[];
}

/**
 * One HMGET per UTC day of each window, for every name at once, summed per name: the totals of each window, in order,
 * read in pipelines of DAYS_PER_PIECE days.
 */
async function readTotals<K extends string>(
  redis: Redis,
  layout: Layout<K>,
  keyOf: (day: string) => string,
  names: readonly string[],
  windows: readonly TimeWindow[],
  now: number,
): Promise<Map<string, Record<K, number>>[]> {
  const totals = windows.map(() => new Map(names.map((name) => [name, zero(layout)])));
  const reads =
    names.length === 0
      ? []
      : windows.flatMap((window, w) =>
          [...cover(window.since, window.until, dayOf(now))].map(([day, buckets]) => ({ w, day, buckets })),
        );
  await inPieces(reads, DAYS_PER_PIECE, async (piece) => {
    const pipe = redis.pipeline();
    for (const { day, buckets } of piece) {
      pipe.hmget(keyOf(dayName(day)), ...names.flatMap((name) => buckets.map((bucket) => bucketField(bucket, name))));
    }
    const replies = ((await pipe.exec()) ?? []) as Reply[];
    piece.forEach(({ w, buckets }, i) => {
      const texts = values(replies[i]);
      names.forEach((name, n) => {
        const sum = totals[w]?.get(name) ?? zero(layout);
        for (let b = 0; b < buckets.length; b++) {
          const text = texts[n * buckets.length + b];
          if (text) mergeInto(layout, sum, decode(layout, text));
        }
      });
    });
  });
  return totals.map((byName) => new Map([...byName].map(([name, vector]) => [name, toRecord(layout, vector)])));
}

/** The totals of each queue in each window, in order. */
export function readQueueTotals(
  redis: Redis,
  keys: StatsKeys,
  queues: readonly string[],
  windows: readonly TimeWindow[],
  now: number,
): Promise<Map<string, QueueTotals>[]> {
  return readTotals(redis, QUEUE_LAYOUT, keys.queueDay, queues, windows, now);
}

/** Agents' totals over all queues and per queue (of `queues`, the queues ever counted), with their time. */
export async function readAgentFigures(
  redis: Redis,
  keys: StatsKeys,
  agents: readonly string[],
  queues: readonly string[],
  window: TimeWindow,
  now: number,
): Promise<Map<string, AgentFigures>> {
  const pairs = agents.flatMap((agent) => queues.map((queue) => ({ agent, queue, name: agentInQueue(agent, queue) })));
  const [[totals = new Map<string, AgentTotals>()], [perQueue = new Map<string, AgentTotals>()]] = await Promise.all([
    readTotals(redis, AGENT_LAYOUT, keys.agentDay, agents, [window], now),
    readTotals(
      redis,
      AGENT_LAYOUT,
      keys.agentDay,
      pairs.map((pair) => pair.name),
      [window],
      now,
    ),
  ]);
  const byQueue = new Map<string, Record<string, AgentTotals>>();
  for (const { agent, queue, name } of pairs) {
    const counts = perQueue.get(name);
    if (!counts || !Object.values(counts).some((value) => value > 0)) continue;
    byQueue.set(agent, { ...byQueue.get(agent), [queue]: counts });
  }
  const figures = new Map<string, AgentFigures>();
  if (agents.length === 0) return figures;
  const until = window.until ?? now;
  const [presenceReply, spansReply] = ((await redis
    .pipeline()
    .mget(...agents.map((agent) => keys.presence(agent)))
    .zrangebyscore(keys.spans, `(${window.since}`, '+inf')
    .exec()) ?? []) as Reply[];
  const spans = new Map<string, Span[]>();
  for (const text of values(spansReply)) {
    if (!text) continue;
    const { agent, span } = decodeSpan(text);
    spans.set(agent, [...(spans.get(agent) ?? []), span]);
  }
  const presences = values(presenceReply);
  agents.forEach((agent, i) => {
    const presence = decodePresence(presences[i] ?? null);
    figures.set(agent, {
      totals: totals.get(agent) ?? toRecord(AGENT_LAYOUT, zero(AGENT_LAYOUT)),
      byQueue: byQueue.get(agent) ?? {},
      time: timeWithin(spans.get(agent) ?? [], presence, window.since, until),
      loggedInNow: presence.loginSince !== null,
    });
  });
  return figures;
}
