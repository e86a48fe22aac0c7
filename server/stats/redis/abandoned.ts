import type { ChainableCommander } from 'ioredis';
import type { Redis } from '../../redis-client.ts';
import type { StatsKeys } from '../../store/keys.ts';
import { abandonedField, stillAbandoned, type AbandonedEntry } from '../counting/abandoned.ts';
import { DAY_SEC, dayName, dayOf } from '../counting/buckets.ts';

/**
 * The store of the list of abandoned callers (counting/abandoned.ts): per UTC day, each caller's last unanswered call
 * per queue, and the last time each number was answered. Only "today" is ever read, so the keys expire after 3 days
 * instead of taking a retention rule; a board whose midnight is not UTC's reads the two UTC days its day spans.
 */

const KEEP_SEC = 3 * DAY_SEC;

/** Adds, in the batch's MULTI, a caller who left a queue unanswered. */
export function writeAbandoned(tx: ChainableCommander, keys: StatsKeys, entry: AbandonedEntry): void {
  const key = keys.abandoned(dayName(dayOf(entry.leftAt)));
  tx.hset(key, abandonedField(entry), JSON.stringify(entry));
  tx.expire(key, KEEP_SEC);
}

/** Notes, in a MULTI, that a number was answered at `at`: only a later time replaces an earlier one. */
export function writeAnswered(tx: ChainableCommander, keys: StatsKeys, number: string, at: number): void {
  const key = keys.answeredNumbers(dayName(dayOf(at)));
  tx.zadd(key, 'GT', at, number);
  tx.expire(key, KEEP_SEC);
}

/** The list from `since` to `now`, most recent first. */
export async function readAbandoned(
  redis: Redis,
  keys: StatsKeys,
  window: { readonly since: number; readonly now: number },
): Promise<AbandonedEntry[]> {
  const days: string[] = [];
  for (let day = dayOf(window.since); day <= dayOf(window.now); day++) days.push(dayName(day));
  const read = redis.pipeline();
  for (const day of days) read.hvals(keys.abandoned(day));
  const entries = ((await read.exec()) ?? []).flatMap(([error, values]) => {
    if (error) throw error;
    return (values as string[]).map((text) => JSON.parse(text) as AbandonedEntry);
  });
  const numbers = [...new Set(entries.filter((entry) => entry.leftAt >= window.since).map((e) => e.callerIdNum))];
  const answeredAt = new Map<string, number>();
  if (numbers.length > 0) {
    const scores = redis.pipeline();
    for (const day of days) scores.zmscore(keys.answeredNumbers(day), ...numbers);
    for (const [error, values] of (await scores.exec()) ?? []) {
      if (error) throw error;
      (values as (string | null)[]).forEach((score, i) => {
        const number = numbers[i];
        if (score === null || number === undefined) return;
        answeredAt.set(number, Math.max(answeredAt.get(number) ?? Number.NEGATIVE_INFINITY, Number(score)));
      });
    }
  }
  return stillAbandoned(entries, answeredAt, window.since);
}
