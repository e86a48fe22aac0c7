import type { Redis } from 'ioredis';
import type { AgentActivitySpan, AgentStats, QueueSeries, QueueStats, StatsInterval, StatsSeries } from '../contract/stats.ts';
import { deriveQueue, occupancyPct, serviceLevelParts, serviceLevelPct, waitingNow, type QueueTotals } from '../domain/metrics.ts';
import type { LiveState } from '../domain/state.ts';
import type { Logger } from '../log.ts';
import { statsKeys, type StatsKeys } from '../store/keys.ts';
import { readActivity } from './activity.ts';
import { QUEUE_LAYOUT, type StatsInput } from './entries.ts';
import { readCallRecords, type CallRecordsPage } from './records.ts';
import { readAgentFigures, readQueueTotals, type AgentFigures } from './query.ts';
import type { TimeWindow } from './windows.ts';
import { isoTime } from '../domain/readout.ts';
import { intervalStarts } from './intervals.ts';
import { SettledTotals } from './settled.ts';
import { DEFAULT_STATS_SETTINGS, queueSettings, type QueueSettings, type StatsSettings } from './settings.ts';
import { toRecord, zero } from './vector.ts';
import { StatsWriter } from './writer.ts';
import { duplicateRedis } from '../store/redis.ts';

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
  /** The queues' figures per interval from `since` to now (intervals.ts). */
  queueSeries(
    since: number,
    interval: StatsInterval,
    query: { readonly queues: readonly string[]; readonly live?: LiveState },
  ): Promise<StatsSeries>;
  /** Agents with anything to show in the window (or logged in now); `agents` picks interfaces. */
  agentStats(window: TimeWindow, agents?: readonly string[]): Promise<AgentStats[]>;
  /** Agents' activity spans overlapping the window (activity.ts); `agents` picks interfaces. */
  agentActivity(window: TimeWindow, agents?: readonly string[]): Promise<AgentActivitySpan[]>;
  /** A page of the queue calls that ended in the window, newest first, of the queues `sees` picks (records.ts). */
  callRecords(
    window: { since: number; until: number },
    page: { sees: (queue: string) => boolean; offset: number; limit: number },
  ): Promise<CallRecordsPage>;
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
        const found = totals ? (totals.get(queue) ?? NONE) : settledTotals.get(queue, window, now)!;
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
      return names.map((name) => queueView(name, totals?.get(name) ?? NONE, settings, query.live, now));
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
      const names = await redis.hgetall(keys.agents);
      const chosen = agents ?? Object.keys(names).sort();
      const figures = await readAgentFigures(redis, keys, chosen, window, now);
      return chosen.flatMap((agent) => {
        const figure = figures.get(agent);
        if (!figure || (agents === undefined && !hasActivity(figure))) return [];
        return [agentView(agent, names[agent] || agent, figure)];
      });
    },

    agentActivity: (window, agents) => readActivity(redis, keys, window, clock(), agents),
    callRecords: (window, page) => readCallRecords(redis, keys, window, page),
  };
}

async function knownQueues(redis: Redis, keys: StatsKeys, live: LiveState | undefined): Promise<string[]> {
  const counted = await redis.smembers(keys.queues);
  return [...new Set([...counted, ...Object.keys(live?.queues ?? {})])].sort();
}

/** One queue's figures over a window as the API sends them. */
export function queueView(
  name: string,
  t: QueueTotals,
  settings: StatsSettings,
  live: LiveState | undefined,
  now: number,
): QueueStats {
  const own = queueSettings(settings, name, live);
  const waiting = live ? waitingNow(live, name, now) : { waiting: 0, longestWaitingSec: null };
  return {
    name,
    ...t,
    serviceLevelSec: own.serviceLevelSec,
    serviceLevelFormula: own.formula,
    shortAbandonSec: own.shortAbandonSec,
    ...serviceLevelOf(t, own),
    ...deriveQueue(t, own.formula, own.serviceLevelSec),
    ...waiting,
  };
}

/** The service level's parts by the queue's formula; nothing is judged without a service level time. */
function serviceLevelOf(t: QueueTotals, own: QueueSettings): Pick<QueueStats, 'serviceLevelMet' | 'serviceLevelOf'> {
  if (own.serviceLevelSec <= 0) return { serviceLevelMet: 0, serviceLevelOf: 0 };
  const { met, of } = serviceLevelParts(t, own.formula);
  return { serviceLevelMet: met, serviceLevelOf: of };
}

const NONE: QueueTotals = toRecord(QUEUE_LAYOUT, zero(QUEUE_LAYOUT));

function seriesOf(name: string, totals: readonly Map<string, QueueTotals>[], own: QueueSettings): QueueSeries {
  const each = totals.map((byName) => byName.get(name) ?? NONE);
  const parts = each.map((t) => serviceLevelOf(t, own));
  return {
    name,
    offered: each.map((t) => t.offered),
    answered: each.map((t) => t.answered),
    abandoned: each.map((t) => t.abandoned),
    serviceLevelMet: parts.map((part) => part.serviceLevelMet),
    serviceLevelOf: parts.map((part) => part.serviceLevelOf),
    serviceLevelPct: each.map((t) => serviceLevelPct(t, own.formula, own.serviceLevelSec)),
  };
}

function hasActivity(figure: AgentFigures): boolean {
  return figure.loggedInNow || figure.time.loggedInSec > 0 || Object.values(figure.totals).some((value) => value > 0);
}

function agentView(agent: string, name: string, figure: AgentFigures): AgentStats {
  const { totals, time } = figure;
  return {
    interface: agent,
    name,
    ...totals,
    ...time,
    occupancyPct: occupancyPct(totals.talkSec, time.loggedInSec, time.pausedSec),
  };
}
