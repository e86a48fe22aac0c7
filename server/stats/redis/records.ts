import type { Redis } from '../../redis-client.ts';
import type { CallRecordView } from '../../contract/stats.ts';
import type { QueueCallRecord } from '../../domain/facts.ts';
import { recordsByEnd, type StatsKeys } from '../../store/keys.ts';
import { amount, isoTime } from '../../domain/readout.ts';
import { DAY_SEC, dayOf } from '../counting/buckets.ts';
import { DAYS_PER_PIECE, inPieces } from './chunks.ts';

/**
 * Queue call records as the API gives them: the calls that ended in a window `[since, until)`, newest first, a page at
 * a time. The writer keeps them in one hash per UTC day of the end, each beside a sorted set of its fields by the end,
 * so a page reads the fields of the window (which name the queue) and then only its own records.
 */

/** A record's field in its day's hash: one per call and queue way, so a record written again replaces itself. */
export function recordField(source: string, record: Pick<QueueCallRecord, 'queue' | 'id' | 'joinedAt'>): string {
  return `${source}|${record.queue}|${record.id}|${record.joinedAt}`;
}

/** The source is a slug, and neither the call id nor the join time holds a `|`: the queue is everything between. */
function queueOfField(field: string): string {
  return field.split('|').slice(1, -2).join('|');
}

export interface CallRecordsPage {
  /** The calls of the window the asker may see, on all pages. */
  readonly total: number;
  readonly calls: CallRecordView[];
}

export async function readCallRecords(
  redis: Redis,
  keys: StatsKeys,
  window: { readonly since: number; readonly until: number },
  page: { readonly sees: (queue: string) => boolean; readonly offset: number; readonly limit: number },
): Promise<CallRecordsPage> {
  const { since, until } = window;
  // Newest day first, and each day's calls newest first: the whole window in order without sorting it here.
  const days = await redis.zrevrangebyscore(keys.recordDays, dayOf(until - 1) * DAY_SEC, dayOf(since) * DAY_SEC);
  const found: { key: string; field: string }[] = [];
  await inPieces(days, DAYS_PER_PIECE, async (piece) => {
    const ends = redis.pipeline();
    for (const key of piece) ends.zrevrangebyscore(recordsByEnd(key), `(${until}`, since);
    ((await ends.exec()) ?? []).forEach(([error, fields], d) => {
      if (error) throw error;
      for (const field of fields as string[])
        if (page.sees(queueOfField(field))) found.push({ key: piece[d] ?? '', field });
    });
  });
  const shown = found.slice(page.offset, page.offset + page.limit);
  if (shown.length === 0) return { total: found.length, calls: [] };
  const texts = redis.pipeline();
  for (const { key, field } of shown) texts.hget(key, field);
  const calls = ((await texts.exec()) ?? []).flatMap(([error, text]) => {
    if (error) throw error;
    return typeof text === 'string' ? [recordView(JSON.parse(text) as QueueCallRecord)] : [];
  });
  return { total: found.length, calls };
}

export function recordView(record: QueueCallRecord): CallRecordView {
  return {
    ...record,
    joinedAt: isoTime(record.joinedAt),
    waitSec: amount(record.waitSec),
    attempts: record.attempts.map((attempt) => ({
      ...attempt,
      startedAt: isoTime(attempt.startedAt),
      ringSec: attempt.ringSec === null ? null : amount(attempt.ringSec),
    })),
    answeredAt: record.answeredAt === null ? null : isoTime(record.answeredAt),
    talkSec: record.talkSec === null ? null : amount(record.talkSec),
    endedAt: isoTime(record.endedAt),
  };
}
