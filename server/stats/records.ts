import type { Redis } from 'ioredis';
import type { CallRecordView } from '../contract/stats.ts';
import type { QueueCallRecord } from '../domain/facts.ts';
import type { StatsKeys } from '../store/keys.ts';
import { DAY_SEC, dayOf, isoTime } from './buckets.ts';

/**
 * Queue call records as the API gives them: every call that ended in a window `[since, until)`, newest first. The
 * writer keeps them in one hash per UTC day of the end, so a window reads the days it touches and keeps the calls that
 * ended inside it.
 */

export async function readCallRecords(
  redis: Redis,
  keys: StatsKeys,
  window: { readonly since: number; readonly until: number },
  queues?: readonly string[],
): Promise<CallRecordView[]> {
  const { since, until } = window;
  const days = await redis.zrangebyscore(keys.recordDays, dayOf(since) * DAY_SEC, dayOf(until - 1) * DAY_SEC);
  if (days.length === 0) return [];
  const pipe = redis.pipeline();
  for (const key of days) pipe.hvals(key);
  const wanted = queues && new Set(queues);
  const records: QueueCallRecord[] = [];
  for (const [error, values] of (await pipe.exec()) ?? []) {
    if (error) throw error;
    for (const text of values as string[]) {
      const record = JSON.parse(text) as QueueCallRecord;
      if (record.endedAt >= since && record.endedAt < until && (!wanted || wanted.has(record.queue))) records.push(record);
    }
  }
  return records.sort((a, b) => b.endedAt - a.endedAt || a.id.localeCompare(b.id)).map(recordView);
}

function recordView(record: QueueCallRecord): CallRecordView {
  return {
    ...record,
    joinedAt: isoTime(record.joinedAt),
    attempts: record.attempts.map((attempt) => ({ ...attempt, startedAt: isoTime(attempt.startedAt) })),
    answeredAt: record.answeredAt === null ? null : isoTime(record.answeredAt),
    endedAt: isoTime(record.endedAt),
  };
}
