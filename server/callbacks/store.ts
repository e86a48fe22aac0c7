import type { Redis } from '../redis-client.ts';
import type { ActionLogEntry, CallbackActionEntry } from '../contract/agent-actions.ts';
import { CALLBACK_MESSAGES, type CallbackResult, type CallbackView } from '../contract/callbacks.ts';
import { isoTime } from '../domain/readout.ts';
import type { CallbackKeys } from '../store/keys.ts';
import type { TimedLog } from '../store/timed-log.ts';
import { DAY_SEC, dayName, dayOf } from '../stats/counting/buckets.ts';

/** A callback as the server keeps it: with the number called, which the browser may not be shown. */
export interface CallbackRecord {
  readonly id: string;
  readonly number: string;
  readonly queue: string;
  /** The abandoned call it answers (its Uniqueid). */
  readonly callId: string;
  readonly by: string;
  readonly byName: string;
  readonly startedAt: number;
  readonly result: CallbackResult | null;
  readonly message: string | null;
  readonly endedAt: number | null;
}

export function callbackView(record: CallbackRecord): CallbackView {
  return {
    id: record.id,
    by: record.by,
    byName: record.byName,
    startedAt: isoTime(record.startedAt),
    result: record.result,
    message: record.message,
    endedAt: record.endedAt === null ? null : isoTime(record.endedAt),
  };
}

/** An ended callback as the action log keeps it: who called whom back, when, and how it ended. */
function logEntry(record: CallbackRecord): CallbackActionEntry {
  const endedAt = record.endedAt ?? record.startedAt;
  return {
    id: record.id,
    at: record.startedAt,
    actor: record.by,
    actorName: record.byName,
    action: 'callback',
    number: record.number,
    queue: record.queue,
    result: record.result ?? 'failed',
    message: record.message ?? '',
    endedAt,
  };
}

const KEEP_SEC = 3 * DAY_SEC;

/** Deletes the claim only while it is still this callback's (an expired one may be someone else's by now). */
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

/**
 * Callbacks in Redis: the claim on a number (one person calls a caller at a time, for at most `claimMs`, so that a
 * process that dies with a callback under way blocks nobody for long), the last callback to each number, and the
 * "changed" message that makes every process read the list again. Ended and refused callbacks go to the action log,
 * beside the actions on agents.
 */
export class CallbackStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: CallbackKeys,
    private readonly actionLog: TimedLog<ActionLogEntry>,
  ) {}

  /** A callback refused before anyone was called, in the action log. */
  async refused(entry: Omit<CallbackActionEntry, 'action' | 'result' | 'endedAt'>): Promise<void> {
    await this.actionLog.add(entry.at, { ...entry, action: 'callback', result: 'refused', endedAt: entry.at });
  }

  /** Claims the number for this callback; the callback already calling it when another one has it. */
  async claim(record: CallbackRecord, claimMs: number): Promise<{ ok: true } | { ok: false; holder: CallbackRecord }> {
    const key = this.keys.claim(record.number);
    const text = JSON.stringify(record);
    const set = await this.redis.set(key, text, 'PX', claimMs, 'NX');
    if (set !== 'OK') {
      const held = await this.redis.get(key);
      // Expired between the two commands: as good as a claim someone else just took.
      return { ok: false, holder: held ? (JSON.parse(held) as CallbackRecord) : record };
    }
    await this.saveLatest(record);
    return { ok: true };
  }

  /** The callback ended: it is the number's last, it goes to the action log, and the number is free again. */
  async finish(record: CallbackRecord): Promise<void> {
    const claim = await this.redis.get(this.keys.claim(record.number));
    const tx = this.redis.multi();
    this.latest(tx, record);
    await tx.exec();
    await this.actionLog.add(record.startedAt, logEntry(record));
    if (claim !== null && (JSON.parse(claim) as CallbackRecord).id === record.id) {
      await this.redis.eval(RELEASE, 1, this.keys.claim(record.number), claim);
    }
    await this.changed();
  }

  /** Tells every process that the list changed. */
  async changed(): Promise<void> {
    await this.redis.publish(this.keys.changed, '');
  }

  /**
   * Per number, the callback under way (its claim) or else the last one started at or after `since`. A last one that
   * never ended while no claim holds the number any more was lost with its lease holder: it shows as failed.
   */
  async forNumbers(numbers: readonly string[], since: number, now: number): Promise<Map<string, CallbackRecord>> {
    const found = new Map<string, CallbackRecord>();
    if (numbers.length === 0) return found;
    const read = this.redis.pipeline();
    read.mget(...numbers.map((number) => this.keys.claim(number)));
    for (let day = dayOf(since); day <= dayOf(now); day++) read.hmget(this.keys.latest(dayName(day)), ...numbers);
    const [claims, ...days] = ((await read.exec()) ?? []).map(([error, values]) => {
      if (error) throw error;
      return values as (string | null)[];
    });
    numbers.forEach((number, i) => {
      const claim = claims?.[i];
      if (claim) return found.set(number, JSON.parse(claim) as CallbackRecord);
      for (const day of days) {
        const text = day[i];
        if (!text) continue;
        const record = JSON.parse(text) as CallbackRecord;
        const known = found.get(number);
        if (record.startedAt >= since && (!known || known.startedAt < record.startedAt)) found.set(number, record);
      }
      const last = found.get(number);
      if (last && last.result === null)
        found.set(number, { ...last, result: 'failed', message: CALLBACK_MESSAGES.lost, endedAt: now });
    });
    return found;
  }

  private async saveLatest(record: CallbackRecord): Promise<void> {
    const tx = this.redis.multi();
    this.latest(tx, record);
    await tx.exec();
  }

  private latest(tx: ReturnType<Redis['multi']>, record: CallbackRecord): void {
    const key = this.keys.latest(dayName(dayOf(record.startedAt)));
    tx.hset(key, record.number, JSON.stringify(record));
    tx.expire(key, KEEP_SEC);
  }
}
