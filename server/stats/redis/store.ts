import type { Redis } from '../../redis-client.ts';
import type { AgentActivitySpan, AgentStats, QueueStats, StatsInterval, StatsSeries } from '../../contract/stats.ts';
import type { QueueTotals } from '../../domain/metrics.ts';
import type { LiveState } from '../../domain/state.ts';
import type { Logger } from '../../log.ts';
import { statsKeys, type StatsKeys } from '../../store/keys.ts';
import { readActivity } from './activity.ts';
import type { StatsInput } from '../counting/entries.ts';
import { readCallRecords, type CallRecordsPage } from './records.ts';
import { readAgentFigures, readQueueTotals } from './query.ts';
import type { TimeWindow } from '../counting/windows.ts';
import { isoTime } from '../../domain/readout.ts';
import { intervalStarts } from '../counting/intervals.ts';
import { SettledTotals } from '../counting/settled.ts';
import { DEFAULT_STATS_SETTINGS, queueSettings, type StatsSettings } from '../counting/settings.ts';
import { agentView, hasActivity, NO_QUEUE_TOTALS, queueView, seriesOf } from '../counting/views.ts';
import { StatsWriter } from './writer.ts';
import { readAbandoned, writeAnswered } from './abandoned.ts';
import type { AbandonedEntry } from '../counting/abandoned.ts';
import { duplicateRedis } from '../../store/redis.ts';

export interface StatsStoreOptions {
  /** REDIS_PREFIX. */
  readonly prefix: string;
  /** AMI_SOURCE of the facts this process records. */
  readonly source: string;
  readonly log: Logger;
  readonly settings?: StatsSettings;
  readonly clock?: () => number;
  /** How long facts are gathered before a batch is written (default 100 ms). */
  readonly flushMs?: number;
}

export interface QueueQuery {
  /** Default: every queue counted so far and every queue of `live`. */
  readonly queues?: readonly string[];
  /** The live state, for the callers waiting now and Asterisk's service level threshold. */
  readonly live?: LiveState;
}

export interface StatsStore {
  /** Hands over one reduction's facts (and after a resync its memberships); returns at once, written in batches. */
  record(at: number, reduction: StatsInput): void;
  /** Resolves once everything handed over so far is written. */
  flush(): Promise<void>;
  /** Calls the listener after each batch of facts this process wrote; returns a function that removes it. */
  onWritten(listener: () => void): () => void;
  queueStats(window: TimeWindow, query?: QueueQuery): Promise<QueueStats[]>;
  /** The queues' figures per interval from `since` to now (counting/intervals.ts). */
  queueSeries(
    since: number,
    interval: StatsInterval,
    query: { readonly queues: readonly string[]; readonly live?: LiveState },
  ): Promise<StatsSeries>;
  /** Agents with anything to show in the window (or logged in now); `agents` picks interfaces. */
  agentStats(window: TimeWindow, agents?: readonly string[]): Promise<AgentStats[]>;
  /** Agents' activity spans overlapping the window (counting/activity.ts); `agents` picks interfaces. */
  agentActivity(window: TimeWindow, agents?: readonly string[]): Promise<AgentActivitySpan[]>;
  /** A page of the queue calls that ended in the window, newest first, of the queues `sees` picks (records.ts). */
  callRecords(
    window: { since: number; until: number },
    page: { sees: (queue: string) => boolean; offset: number; limit: number },
  ): Promise<CallRecordsPage>;
  /** Today's abandoned callers not answered since (counting/abandoned.ts), most recent first. */
  abandoned(window: { since: number; now: number }): Promise<AbandonedEntry[]>;
  /** A number was answered outside the queues (a callback reached the caller): they leave the list. */
  numberAnswered(number: string, at: number): Promise<void>;
  /** Writes what is pending and closes the writer's connection. */
  close(): Promise<void>;
}

/**
 * Statistics in Redis: facts go in through a batching writer on a connection of its own (the AMI read path never
 * waits for Redis), windows are read from time buckets on the shared one.
 */
export function createStatsStore(redis: Redis, options: StatsStoreOptions): StatsStore {
  const keys = statsKeys(options.prefix);
  const settings = options.settings ?? DEFAULT_STATS_SETTINGS;
  const clock = options.clock ?? Date.now;
  const written = new Set<() => void>();
  const writer = new StatsWriter({
    redis: duplicateRedis(redis, 'stats-writer'),
    keys,
    source: options.source,
    settings,
    log: options.log,
    ...(options.flushMs !== undefined && { flushMs: options.flushMs }),
    clock,
    onWritten: () => {
      for (const listener of written) listener();
    },
  });

  const settledTotals = new SettledTotals();
  /** Each window's totals per queue: closed intervals from memory, the rest from Redis in one read. */
  const seriesTotals = async (queues: readonly string[], windows: readonly TimeWindow[], now: number) => {
    settledTotals.sync(await redis.get(keys.bucketsRevision));
    const missing = windows.filter((window) => queues.some((queue) => !settledTotals.get(queue, window, now)));
    const read = await readQueueTotals(redis, keys, queues, missing, now);
    const fresh = new Map(missing.map((window, i) => [window, read[i]]));
    return windows.map((window) => {
      const totals = fresh.get(window);
      const byQueue = new Map<string, QueueTotals>();
      for (const queue of queues) {
        const found = totals ? (totals.get(queue) ?? NO_QUEUE_TOTALS) : settledTotals.get(queue, window, now)!;
        if (totals) settledTotals.keep(queue, window, found, now);
        byQueue.set(queue, found);
      }
      return byQueue;
    });
  };

  return {
    record: (at, reduction) => writer.record(at, reduction),
    flush: () => writer.flush(),
    onWritten(listener) {
      written.add(listener);
      return () => written.delete(listener);
    },
    close: () => writer.close(),

    async queueStats(window, query = {}) {
      const now = clock();
      const names = query.queues ?? (await knownQueues(redis, keys, query.live));
      const [totals] = await readQueueTotals(redis, keys, names, [window], now);
      return names.map((name) => queueView(name, totals?.get(name) ?? NO_QUEUE_TOTALS, settings, query.live, now));
    },

    async queueSeries(since, interval, query) {
      const now = clock();
      const starts = intervalStarts(since, now, interval, settings.timeZone);
      // The last interval is open like the window itself, so that the series adds up to the window's totals.
      const windows = starts.map((start, i) => ({ since: start, until: starts[i + 1] ?? null }));
      const totals = await seriesTotals(query.queues, windows, now);
      return {
        interval,
        starts: starts.map(isoTime),
        queues: query.queues.map((name) => seriesOf(name, totals, queueSettings(settings, name, query.live))),
      };
    },

    async agentStats(window, agents) {
      const now = clock();
      const [names, queues] = await Promise.all([redis.hgetall(keys.agents), redis.smembers(keys.queues)]);
      const chosen = agents ?? Object.keys(names).sort();
      const figures = await readAgentFigures(redis, keys, chosen, queues.sort(), window, now);
      return chosen.flatMap((agent) => {
        const figure = figures.get(agent);
        if (!figure || (agents === undefined && !hasActivity(figure))) return [];
        return [agentView(agent, names[agent] || agent, figure)];
      });
    },

    agentActivity: (window, agents) => readActivity(redis, keys, window, clock(), agents),
    callRecords: (window, page) => readCallRecords(redis, keys, window, page),
    abandoned: (window) => readAbandoned(redis, keys, window),
    async numberAnswered(number, at) {
      const tx = redis.multi();
      writeAnswered(tx, keys, number, at);
      await tx.exec();
    },
  };
}

async function knownQueues(redis: Redis, keys: StatsKeys, live: LiveState | undefined): Promise<string[]> {
  const counted = await redis.smembers(keys.queues);
  return [...new Set([...counted, ...Object.keys(live?.queues ?? {})])].sort();
}
