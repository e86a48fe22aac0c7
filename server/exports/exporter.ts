import type { Redis } from '../redis-client.ts';
import type { Logger } from '../log.ts';
import { firstDayKept } from '../files/sweeper.ts';
import type { ExportKeys, StatsKeys } from '../store/keys.ts';
import type { DayWritten } from './day-writer.ts';
import { cdrDays } from './cdr-store.ts';
import { withWriterLock } from './lock.ts';
import { dayOfMs, daysBetween, dueAt, lastDueDay, msUntilNextRun } from './schedule.ts';

/** Timers the scheduler runs on: the real ones, or a test's. */
export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const REAL_TIMERS: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface ExporterOptions {
  readonly redis: Redis;
  readonly keys: ExportKeys;
  readonly statsKeys: StatsKeys;
  /** Writes one day's files: for the center and every unit (`units` 'all'), or for some units. */
  readonly writeDay: (day: string, units: 'all' | ReadonlySet<string>, withCenter: boolean) => Promise<DayWritten>;
  readonly log: Logger;
  readonly clock?: () => number;
  readonly timers?: Timers;
}

/** How a day was last written in full (center and every unit). */
export interface WrittenDay {
  readonly writtenAt: number;
  /** Written after the day's writing time: it holds the whole day. */
  readonly complete: boolean;
}

/** Which files a writing produces: the center's and every unit's, or only some units'. */
export type WriteScope = { readonly center: true } | { readonly center: false; readonly units: ReadonlySet<string> };

/**
 * The daily reports: at 01:00:00 UTC every process tries to write the days due that are not written whole yet (so a
 * day missed while no process ran is written at the next start); a lock in Redis lets exactly one of them write at a
 * time, and writing a day again gives the same bytes. Administrators also write a day on request.
 */
export function createExporter(options: ExporterOptions) {
  const { redis, keys, log } = options;
  const clock = options.clock ?? Date.now;
  const timers = options.timers ?? REAL_TIMERS;
  let timer: unknown;
  let stopped = false;

  const write = async (day: string, scope: WriteScope): Promise<DayWritten> => {
    const startedAt = clock();
    const written = await options.writeDay(day, scope.center ? 'all' : scope.units, scope.center);
    if (scope.center) {
      const entry: WrittenDay = { writtenAt: startedAt, complete: startedAt >= dueAt(day) };
      await redis.hset(keys.written, day, JSON.stringify(entry));
    }
    log.info(
      {
        day,
        cdrs: written.cdrs,
        queueCalls: written.queueCalls,
        scopes: written.scopes.length,
        ms: clock() - startedAt,
      },
      'reports written',
    );
    return written;
  };

  const writtenDays = async (): Promise<Map<string, WrittenDay>> =>
    new Map(
      Object.entries(await redis.hgetall(keys.written)).map(([day, text]) => [day, JSON.parse(text) as WrittenDay]),
    );

  /** The days due and not written whole: from the first day the writer ran or the oldest data, within 5 years. */
  const dueDays = async (): Promise<string[]> => {
    const now = clock();
    await redis.set(keys.firstDay, dayOfMs(now), 'NX');
    const [first, oldestCdr, oldestRecord] = await Promise.all([
      redis.get(keys.firstDay),
      cdrDays(redis, keys).then((days) => days[0]),
      redis
        .zrange(options.statsKeys.recordDays, '0', '0', 'WITHSCORES')
        .then(([, score]) => (score ? dayOfMs(Number(score) * 1000) : undefined)),
    ]);
    const known = [first, oldestCdr, oldestRecord].filter((day): day is string => typeof day === 'string');
    const earliest = known.reduce((a, b) => (a < b ? a : b), dayOfMs(now));
    const limit = firstDayKept(now, null);
    const start = earliest > limit ? earliest : limit;
    const written = await writtenDays();
    const last = lastDueDay(now);
    // A day written "so far" on request is written again, whole, once it is over.
    const partial = [...written]
      .filter(([day, entry]) => !entry.complete && day < start && day <= last)
      .map(([day]) => day);
    return [...partial.sort(), ...daysBetween(start, last).filter((day) => !written.get(day)?.complete)];
  };

  /** Writes every due day not written whole; resolves with them, or null when another process holds the lock. */
  const catchUp = (): Promise<string[] | null> =>
    withWriterLock(redis, keys.lock, async () => {
      const days = await dueDays();
      for (const day of days) await write(day, { center: true });
      return days;
    });

  const schedule = (): void => {
    if (stopped) return;
    timer = timers.setTimeout(() => {
      catchUp()
        .catch((error: unknown) =>
          log.error({ err: (error as Error).message }, 'daily reports not written: retrying at the next run'),
        )
        .finally(schedule);
    }, msUntilNextRun(clock()));
  };

  return {
    catchUp,
    /** Writes a day now for an administrator; null when another process is writing reports. */
    writeNow: (day: string, scope: WriteScope): Promise<DayWritten | null> =>
      withWriterLock(redis, keys.lock, () => write(day, scope)),
    writtenDays,
    /** Catches up now, then runs at every 01:00:00 UTC; resolves once the catch-up is over. */
    start(): Promise<void> {
      return catchUp()
        .then(
          () => undefined,
          (error: unknown) =>
            log.error({ err: (error as Error).message }, 'missed reports not written: retrying at the next run'),
        )
        .finally(schedule);
    },
    stop(): void {
      stopped = true;
      timers.clearTimeout(timer);
    },
  };
}

export type Exporter = ReturnType<typeof createExporter>;
