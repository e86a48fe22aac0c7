import type { Redis } from '../../redis-client.ts';
import type { Logger } from '../../log.ts';
import { closeRedis } from '../../store/redis.ts';
import type { StatsKeys } from '../../store/keys.ts';
import { applyBatch } from './apply.ts';
import { prepareEntries, type Entry, type StatsInput } from '../counting/entries.ts';
import type { StatsSettings } from '../counting/settings.ts';

export interface StatsWriterOptions {
  /** A connection of the writer's own: WATCH is per connection, and big batches must not delay live-state writes. */
  readonly redis: Redis;
  readonly keys: StatsKeys;
  readonly source: string;
  readonly settings: StatsSettings;
  readonly log: Logger;
  readonly flushMs?: number;
  readonly clock?: () => number;
  /** Called after each batch is written, so that the figures watched live can be read again. */
  readonly onWritten?: () => void;
}

/** Entries per MULTI: large enough to keep up with any call centre, small enough to keep one EXEC short. */
const MAX_BATCH = 2_000;
/** Held in memory while Redis is away (about a day of a busy centre); beyond that the newest are dropped. */
const MAX_PENDING = 500_000;
const RETRY_MS = 1_000;
/**
 * What was written this long before a reconnection is written again: a failover loses the writes the old master
 * acknowledged last (asynchronous replication: its replica had not received them), and applying is idempotent.
 */
const REWRITE_ON_RECONNECT_MS = 60_000;
/** The most entries kept to write again (about a minute of the busiest centre). */
const MAX_RECENT = 200_000;

/**
 * Gathers entries for `flushMs` and writes them in order, one batch at a time. A batch that fails (Redis away) stays
 * at the head of the queue and is tried again; because applying is idempotent, a batch whose reply was lost and that
 * is written again counts nothing twice. For the same reason, after every reconnection the last minute's batches are
 * written again, before anything newer: a master that failed over may have lost them.
 */
export class StatsWriter {
  private pending: Entry[] = [];
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private dropped = 0;
  private failing = false;
  /** The batches written lately, oldest first, with when (the clock's ms). */
  private recent: { at: number; entries: Entry[] }[] = [];
  private recentCount = 0;

  constructor(private readonly options: StatsWriterOptions) {
    options.redis.on('ready', () => this.writeRecentAgain());
  }

  record(at: number, reduction: StatsInput): void {
    const entries = prepareEntries(this.options.settings, at, reduction);
    if (entries.length === 0) return;
    if (this.pending.length + entries.length > MAX_PENDING) {
      if (this.dropped === 0)
        this.options.log.error({ pending: this.pending.length }, 'statistics backlog full: dropping facts');
      this.dropped += entries.length;
      return;
    }
    this.pending.push(...entries);
    this.schedule(this.options.flushMs ?? 100);
  }

  /** Resolves when everything recorded so far is written; rejects if Redis fails (the entries stay queued). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    return this.drain();
  }

  async close(): Promise<void> {
    try {
      await this.flush();
    } catch (error) {
      this.options.log.warn(
        { err: (error as Error).message, pending: this.pending.length },
        'statistics not written at close',
      );
    }
    clearTimeout(this.timer);
    await closeRedis(this.options.redis);
  }

  private schedule(delayMs: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.drain().catch((error: unknown) => {
        if (!this.failing) this.options.log.warn({ err: (error as Error).message }, 'statistics not written, retrying');
        this.failing = true;
        this.schedule(RETRY_MS);
      });
    }, delayMs);
    this.timer.unref();
  }

  private drain(): Promise<void> {
    this.draining ??= this.drainAll().finally(() => {
      this.draining = undefined;
    });
    return this.draining;
  }

  private async drainAll(): Promise<void> {
    const { redis, keys, source, log } = this.options;
    while (this.pending.length > 0) {
      const batch = this.pending.slice(0, MAX_BATCH);
      await applyBatch({ redis, keys, source, clock: this.options.clock ?? Date.now }, batch);
      this.pending.splice(0, batch.length);
      this.remember(batch);
      this.options.onWritten?.();
      if (this.failing || this.dropped > 0) {
        log.info({ dropped: this.dropped }, 'statistics written again');
        this.failing = false;
        this.dropped = 0;
      }
    }
  }

  private remember(batch: Entry[]): void {
    const now = (this.options.clock ?? Date.now)();
    this.recent.push({ at: now, entries: batch });
    this.recentCount += batch.length;
    while (this.recent.length > 0) {
      const oldest = this.recent[0]!;
      if (oldest.at > now - REWRITE_ON_RECONNECT_MS && this.recentCount <= MAX_RECENT) break;
      this.recent.shift();
      this.recentCount -= oldest.entries.length;
    }
  }

  private writeRecentAgain(): void {
    if (this.recent.length === 0) return;
    const again = this.recent.flatMap((written) => written.entries);
    this.recent = [];
    this.recentCount = 0;
    this.options.log.info({ entries: again.length }, 'statistics of the last minute written again after reconnecting');
    this.putFirst(again);
  }

  /** Puts entries ahead of the pending ones, once no batch is being written (its entries are the first pending). */
  private putFirst(entries: Entry[]): void {
    if (this.draining) {
      const later = () => this.putFirst(entries);
      void this.draining.then(later, later);
      return;
    }
    this.pending = entries.concat(this.pending);
    this.schedule(0);
  }
}
