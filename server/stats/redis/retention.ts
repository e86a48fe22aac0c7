import type { Redis } from '../../redis-client.ts';
import type { RetentionCategory, RetentionPurged, RetentionRules, RetentionUpdate } from '../../contract/stats.ts';
import type { Logger } from '../../log.ts';
import { recordsByEnd, statsKeys, type StatsKeys } from '../../store/keys.ts';
import { closeRedis, duplicateRedis } from '../../store/redis.ts';
import { DAY_SEC, dayOf } from '../counting/buckets.ts';
import { decodePresence } from '../counting/presence.ts';

/**
 * Data retention (PRODUCT.md 5) for what the statistics keep: call records (one QueueCallRecord per ended call, by UTC
 * day of its end), agent activity (logged-in, paused, ringing, on-call and wrap-up spans) and statistics buckets (per
 * queue and agent and UTC day). Each category is kept forever or for the last 1–999 UTC days (today counts as one);
 * the rules live in Redis so that every process purges by the same ones. Purging is idempotent, so every process may
 * run it.
 */

export const RETENTION_CATEGORIES = [
  'callRecords',
  'queueCallReports',
  'agentActivity',
  'statistics',
  'chatMessages',
  'monitoringLog',
  'agentActionsLog',
  'alertHistory',
  'recordings',
] as const satisfies readonly RetentionCategory[];

/** Deletes a category's records older than `beforeMs` (all with null); resolves with how many went. */
export type Purger = (beforeMs: number | null) => Promise<number>;

export interface Retention {
  rules(): Promise<RetentionRules>;
  update(update: RetentionUpdate): Promise<RetentionRules>;
  /** Deletes what the rules no longer keep. */
  purge(): Promise<RetentionPurged[]>;
  /** Deletes every record of a category now ("Delete all"). */
  deleteAll(category: RetentionCategory): Promise<RetentionPurged>;
  /** Purges now and then every `everyMs` (default hourly), logging what went; returns a stop function. */
  schedule(everyMs?: number): () => void;
}

export interface RetentionOptions {
  readonly prefix: string;
  readonly log: Logger;
  readonly clock?: () => number;
  /** Categories whose records other parts keep (chat messages: server/chat); without one, nothing of it is deleted. */
  readonly purgers?: Partial<Record<RetentionCategory, Purger>>;
}

export function createRetention(redis: Redis, options: RetentionOptions): Retention {
  const keys = statsKeys(options.prefix);
  const clock = options.clock ?? Date.now;
  const { log } = options;

  const rules = async (): Promise<RetentionRules> => {
    const stored = await redis.hgetall(keys.retention);
    const rule = (category: RetentionCategory) => ({ days: stored[category] ? Number(stored[category]) : null });
    return {
      callRecords: rule('callRecords'),
      queueCallReports: rule('queueCallReports'),
      agentActivity: rule('agentActivity'),
      statistics: rule('statistics'),
      chatMessages: rule('chatMessages'),
      monitoringLog: rule('monitoringLog'),
      agentActionsLog: rule('agentActionsLog'),
      alertHistory: rule('alertHistory'),
      recordings: rule('recordings'),
    };
  };

  /** Everything before the first UTC day kept. */
  const cutoffMs = (days: number | null): number | null =>
    days === null ? null : (dayOf(clock()) - (days - 1)) * DAY_SEC * 1000;

  /** How each category is deleted: the statistics' own here, the others' by the part that keeps them. */
  const extra = options.purgers ?? {};
  const purgers: Record<RetentionCategory, Purger> = {
    // The CDRs and the report files are call records too: their parts delete them beside the queue call records.
    callRecords: async (beforeMs) =>
      (await removeDays(redis, keys.recordDays, beforeMs, true)) + ((await extra.callRecords?.(beforeMs)) ?? 0),
    agentActivity: (beforeMs) => removeSpans(redis, keys, beforeMs, clock()),
    statistics: async (beforeMs) => {
      const deleted = await removeDays(redis, keys.bucketDays, beforeMs, false);
      if (beforeMs === null) await redis.del(keys.queues);
      // Readers keep closed intervals' totals (counting/settled.ts): purged buckets must be read again.
      if (deleted > 0) await redis.incr(keys.bucketsRevision);
      return deleted;
    },
    queueCallReports: extra.queueCallReports ?? (() => Promise.resolve(0)),
    chatMessages: extra.chatMessages ?? (() => Promise.resolve(0)),
    monitoringLog: extra.monitoringLog ?? (() => Promise.resolve(0)),
    agentActionsLog: extra.agentActionsLog ?? (() => Promise.resolve(0)),
    alertHistory: extra.alertHistory ?? (() => Promise.resolve(0)),
    recordings: extra.recordings ?? (() => Promise.resolve(0)),
  };

  const remove = async (category: RetentionCategory, beforeMs: number | null): Promise<RetentionPurged> => ({
    category,
    deleted: await purgers[category](beforeMs),
  });

  const purge = async (): Promise<RetentionPurged[]> => {
    const current = await rules();
    const purged: RetentionPurged[] = [];
    for (const category of RETENTION_CATEGORIES) {
      const before = cutoffMs(current[category].days);
      if (before !== null) purged.push(await remove(category, before));
    }
    return purged;
  };

  return {
    rules,
    async update(update) {
      const tx = redis.multi();
      for (const [category, rule] of Object.entries(update)) {
        if (rule.days === null) tx.hdel(keys.retention, category);
        else tx.hset(keys.retention, category, String(rule.days));
      }
      await tx.exec();
      const next = await rules();
      log.info({ rules: next }, 'retention rules changed');
      return next;
    },
    purge,
    async deleteAll(category) {
      const purged = await remove(category, null);
      log.warn(purged, 'retention: deleted all');
      return purged;
    },
    schedule(everyMs = 3_600_000) {
      const run = () => {
        purge().then(
          (purged) => log.info({ purged }, 'retention purge'),
          (error: unknown) => log.warn({ err: (error as Error).message }, 'retention purge failed'),
        );
      };
      run();
      const timer = setInterval(run, everyMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}

/**
 * Deletes the day keys of an index older than `beforeMs` (all with null); counts the call records (`records`: each day
 * goes with the index that pages it), or the days.
 */
async function removeDays(redis: Redis, index: string, beforeMs: number | null, records: boolean): Promise<number> {
  const max = beforeMs === null ? '+inf' : `(${beforeMs / 1000}`;
  const dayKeys = await redis.zrangebyscore(index, '-inf', max);
  if (dayKeys.length === 0) return 0;
  let deleted = dayKeys.length;
  if (records) {
    const pipe = redis.pipeline();
    for (const key of dayKeys) pipe.hlen(key);
    deleted = ((await pipe.exec()) ?? []).reduce((sum, [, count]) => sum + Number(count ?? 0), 0);
  }
  // UNLINK frees a day's big hash in the background instead of blocking Redis while it does.
  const tx = redis.multi();
  for (const key of dayKeys) tx.unlink(...(records ? [key, recordsByEnd(key)] : [key]));
  tx.zrem(index, ...dayKeys);
  await tx.exec();
  return deleted;
}

/**
 * Deletes agents' closed spans (logged in, paused, ringing, on call, wrap-up) that ended before `beforeMs`. Deleting
 * all also cuts the intervals still open at now, so that no time from before the deletion is counted afterwards.
 */
async function removeSpans(redis: Redis, keys: StatsKeys, beforeMs: number | null, now: number): Promise<number> {
  const max = beforeMs === null ? '+inf' : `(${beforeMs}`;
  const [presence, calls] = await Promise.all([
    redis.zremrangebyscore(keys.spans, '-inf', max),
    redis.zremrangebyscore(keys.activity, '-inf', max),
  ]);
  const deleted = presence + calls;
  if (beforeMs === null) {
    // WATCH is per connection: a connection of its own keeps it clear of other transactions on the shared one.
    const own = duplicateRedis(redis, 'retention');
    try {
      for (const agent of await redis.hkeys(keys.agents)) await cutOpenIntervals(own, keys.presence(agent), now);
    } finally {
      await closeRedis(own);
    }
  }
  return deleted;
}

async function cutOpenIntervals(redis: Redis, key: string, now: number): Promise<void> {
  // The writer WATCHes presence too: whichever of us writes second reads again.
  for (let attempt = 0; attempt < 5; attempt++) {
    await redis.watch(key);
    const presence = decodePresence(await redis.get(key));
    if (presence.loginSince === null && presence.pauseSince === null) {
      await redis.unwatch();
      return;
    }
    const cut = {
      ...presence,
      loginSince: presence.loginSince === null ? null : now,
      pauseSince: presence.pauseSince === null ? null : now,
    };
    if ((await redis.multi().set(key, JSON.stringify(cut)).exec()) !== null) return;
  }
}
