import type { Redis } from '../redis-client.ts';
import type { RedisConfig } from '../config.ts';
import type { Router } from 'express';
import type { AccessControl } from '../access/control.ts';
import type { DomainInput } from '../domain/input.ts';
import { createSweeper, type Sweeper } from '../files/sweeper.ts';
import type { Logger } from '../log.ts';
import type { Purger, Retention } from '../stats/redis/retention.ts';
import { exportKeys, statsKeys } from '../store/keys.ts';
import { CdrStore, purgeCdrs } from './cdr-store.ts';
import { writeDayApart, type DayJob } from './day-job.ts';
import { createExporter, type Exporter, type Timers } from './exporter.ts';
import { exportRoutes } from './routes.ts';

export interface ExportsDeps {
  readonly redis: Redis;
  /** How the process writing a day connects to Redis. */
  readonly redisConfig: RedisConfig;
  readonly prefix: string;
  readonly access: AccessControl;
  /** FILES_DIR. */
  readonly root: string;
  readonly cdrTimeZone: string;
  /** The PBXs a queue's calls may come through (the reports' `location_id`). */
  readonly endpoints: DayJob['endpoints'];
  readonly log: Logger;
  readonly clock?: () => number;
  readonly timers?: Timers;
}

export interface Exports {
  /** The AMI tap: keeps the CDRs and hangup causes the lease holder reads. */
  readonly observe: (input: DomainInput) => void;
  readonly router: Router;
  readonly exporter: Exporter;
  readonly sweeper: Sweeper;
  /** Retention of the CDRs and the report files, beside the categories they belong to. */
  readonly purgers: { readonly callRecords: Purger; readonly queueCallReports: Purger };
  /** Starts the daily writing (catching up first) and the hourly sweep of old files, by the retention's rules. */
  start(retention: Retention): void;
  close(): Promise<void>;
}

const SWEEP_MS = 3_600_000;

/** The daily reports, wired: CDRs in from the AMI, files out on disk, the API over them. */
export function createExports(deps: ExportsDeps): Exports {
  const keys = exportKeys(deps.prefix);
  /** Ends a day's writing still running when the board closes. */
  const closing = new AbortController();
  const store = new CdrStore({ redis: deps.redis, keys, timeZone: deps.cdrTimeZone, log: deps.log });
  const exporter = createExporter({
    redis: deps.redis,
    keys,
    statsKeys: statsKeys(deps.prefix),
    writeDay: async (day, units, withCenter) =>
      writeDayApart(
        {
          redis: deps.redisConfig,
          prefix: deps.prefix,
          root: deps.root,
          timeZone: deps.cdrTimeZone,
          endpoints: deps.endpoints,
          org: await deps.access.org.load(),
          day,
          units,
          withCenter,
        },
        closing.signal,
      ),
    log: deps.log,
    ...(deps.clock && { clock: deps.clock }),
    ...(deps.timers && { timers: deps.timers }),
  });
  let rules: Retention['rules'] = () =>
    Promise.reject(new Error('The retention rules are read once exports have started.'));
  const sweeper = createSweeper({
    root: deps.root,
    rules: async () => {
      const current = await rules();
      return { CDRs: current.callRecords.days, QueueCalls: current.queueCallReports.days };
    },
    ...(deps.clock && { clock: deps.clock }),
  });
  const files =
    (category: 'CDRs' | 'QueueCalls'): Purger =>
    (beforeMs) =>
      beforeMs === null ? sweeper.removeAll(category) : sweeper.sweep();
  let sweepTimer: NodeJS.Timeout | undefined;
  const sweep = () =>
    void sweeper.sweep().then(
      (removed) => removed > 0 && deps.log.info({ removed }, 'old report files removed'),
      (error: unknown) => deps.log.warn({ err: (error as Error).message }, 'old report files not removed'),
    );
  return {
    observe: (input) => store.observe(input),
    router: exportRoutes({
      access: deps.access,
      exporter,
      redis: deps.redis,
      keys,
      root: deps.root,
      log: deps.log,
      ...(deps.clock && { clock: deps.clock }),
    }),
    exporter,
    sweeper,
    purgers: {
      callRecords: async (beforeMs) => (await purgeCdrs(deps.redis, keys, beforeMs)) + (await files('CDRs')(beforeMs)),
      queueCallReports: files('QueueCalls'),
    },
    start(retention) {
      rules = () => retention.rules();
      void exporter.start();
      sweep();
      sweepTimer = setInterval(sweep, SWEEP_MS).unref();
    },
    async close() {
      exporter.stop();
      closing.abort();
      clearInterval(sweepTimer);
      await store.flush().catch(() => undefined);
      store.close();
    },
  };
}
