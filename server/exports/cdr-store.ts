import type { Redis } from '../redis-client.ts';
import type { DomainInput } from '../domain/input.ts';
import type { Logger } from '../log.ts';
import type { ExportKeys } from '../store/keys.ts';
import { dayName, dayOf } from '../stats/counting/buckets.ts';
import { readCdr, readHangup, uniqueIdTime, type CdrValues } from './cdr-events.ts';
import { rangeValues } from './read-ahead.ts';

/**
 * Keeps the `Cdr` events Asterisk sends (and the hangup cause of each channel) in Redis as they arrive, by the UTC day
 * the channel was created: the time in its UniqueID, which every CDR of one channel shares, so that the two records
 * Asterisk writes for one channel (trace 17) land in the same day and are read together. Only the AMI lease holder
 * sees them; a CDR delivered twice is kept once.
 */

/** Appends a CDR to its channel's lines unless it is there already; indexes the channel by its first start. */
const ADD_CDR = `
local lines = redis.call('HGET', KEYS[1], ARGV[1])
if lines then
  for line in string.gmatch(lines, '[^\\n]+') do
    if line == ARGV[2] then return 0 end
  end
  redis.call('HSET', KEYS[1], ARGV[1], lines .. '\\n' .. ARGV[2])
else
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
end
redis.call('ZADD', KEYS[2], 'LT', ARGV[3], ARGV[1])
redis.call('ZADD', KEYS[3], ARGV[5], ARGV[4])
return 1`;

type Write =
  | { kind: 'cdr'; uniqueId: string; startMs: number; values: CdrValues }
  | { kind: 'cause'; uniqueId: string; cause: string; at: number };

/** Held while Redis is away (a day of a busy center); beyond that the newest are dropped, and said so. */
const MAX_PENDING = 200_000;
const RETRY_MS = 1_000;

export interface CdrStoreOptions {
  readonly redis: Redis;
  readonly keys: ExportKeys;
  /** The time zone cdr_manager writes its times in (the PBX's local time). */
  readonly timeZone: string;
  readonly log: Logger;
}

/** The day a channel's CDRs are kept under. */
export function cdrDay(uniqueId: string, fallbackMs: number): string {
  return dayName(dayOf(uniqueIdTime(uniqueId) ?? fallbackMs));
}

export class CdrStore {
  private pending: Write[] = [];
  private draining: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private failing = false;

  constructor(private readonly options: CdrStoreOptions) {}

  /** The AMI tap: keeps `Cdr` and `Hangup` events, ignores the rest. */
  observe(input: DomainInput): void {
    if (input.type !== 'event') return;
    const cdr = readCdr(input.fields, this.options.timeZone);
    const hangup = cdr ? null : readHangup(input.fields);
    const write: Write | null = cdr
      ? { kind: 'cdr', ...cdr }
      : hangup
        ? { kind: 'cause', ...hangup, at: input.at }
        : null;
    if (!write) return;
    if (this.pending.length >= MAX_PENDING) {
      this.options.log.error({ pending: this.pending.length }, 'CDR backlog full: dropping CDRs');
      return;
    }
    this.pending.push(write);
    void this.drain();
  }

  /** Resolves when everything observed so far is in Redis; rejects when Redis fails (the CDRs stay queued). */
  async flush(): Promise<void> {
    await this.draining;
    await this.drainAll();
  }

  close(): void {
    clearTimeout(this.timer);
  }

  private drain(): Promise<void> {
    this.draining ??= this.drainAll()
      .catch((error: unknown) => {
        if (!this.failing) this.options.log.warn({ err: (error as Error).message }, 'CDRs not written, retrying');
        this.failing = true;
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.drain(), RETRY_MS);
        this.timer.unref();
      })
      .finally(() => {
        this.draining = undefined;
      });
    return this.draining;
  }

  private async drainAll(): Promise<void> {
    const { redis, keys } = this.options;
    while (this.pending.length > 0) {
      const batch = this.pending.slice(0, 500);
      const pipe = redis.pipeline();
      for (const write of batch) {
        const day = cdrDay(write.uniqueId, write.kind === 'cdr' ? write.startMs : write.at);
        const dayStart = Math.floor(Date.parse(`${day}T00:00:00Z`) / 1000);
        if (write.kind === 'cdr') {
          pipe.eval(
            ADD_CDR,
            3,
            keys.cdrs(day),
            keys.cdrOrder(day),
            keys.cdrDays,
            write.uniqueId,
            JSON.stringify(write.values),
            write.startMs,
            day,
            dayStart,
          );
        } else {
          pipe.hset(keys.causes(day), write.uniqueId, write.cause);
          pipe.zadd(keys.cdrDays, dayStart, day);
        }
      }
      for (const [error] of (await pipe.exec()) ?? []) if (error) throw error;
      this.pending.splice(0, batch.length);
      if (this.failing) this.options.log.info('CDRs written again');
      this.failing = false;
    }
  }
}

/** One channel's CDRs of a day, as read for a report. */
export interface StoredChannel {
  readonly uniqueId: string;
  readonly records: readonly CdrValues[];
  readonly cause: string;
}

/** A day's channels in the order of their first CDR's start, a piece at a time: a day never sits whole in memory. */
export async function* readCdrDay(redis: Redis, keys: ExportKeys, day: string): AsyncGenerator<StoredChannel[]> {
  for await (const { members, values } of rangeValues(redis, keys.cdrOrder(day), [keys.cdrs(day), keys.causes(day)])) {
    const [lines = [], causes = []] = values;
    yield members.map((uniqueId, index) => ({
      uniqueId,
      records: (lines[index] ?? '')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as CdrValues),
      cause: causes[index] ?? '',
    }));
  }
}

/** The days that have CDRs, oldest first. */
export function cdrDays(redis: Redis, keys: ExportKeys): Promise<string[]> {
  return redis.zrange(keys.cdrDays, '0', '-1');
}

/** Retention of call records: removes the CDR days before `beforeMs` (all with null); resolves with how many channels. */
export async function purgeCdrs(redis: Redis, keys: ExportKeys, beforeMs: number | null): Promise<number> {
  const days = await redis.zrangebyscore(keys.cdrDays, '-inf', beforeMs === null ? '+inf' : `(${beforeMs / 1000}`);
  let deleted = 0;
  for (const day of days) {
    deleted += await redis.zcard(keys.cdrOrder(day));
    await redis.multi().del(keys.cdrs(day), keys.cdrOrder(day), keys.causes(day)).zrem(keys.cdrDays, day).exec();
  }
  return deleted;
}
