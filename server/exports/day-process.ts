/**
 * The process that writes one day's reports (started by server/exports/day-job.ts): it takes one job over IPC,
 * answers with what it wrote or why it could not, and exits.
 */
import os from 'node:os';
import { endpointOfName } from '../domain/endpoints.ts';
import { logger } from '../log.ts';
import type { Redis } from '../redis-client.ts';
import { exportKeys, statsKeys } from '../store/keys.ts';
import { closeRedis, createRedis, RedisOutage } from '../store/redis.ts';
import { WRITER_NICENESS, type DayJob, type DayJobResult } from './day-job.ts';
import { writeDay } from './day-writer.ts';

const log = logger('exports');
try {
  os.setPriority(WRITER_NICENESS);
} catch {
  // As in day-job.ts: the parent's setting, or none.
}
// The board went away: its reports are no longer wanted (files appear whole or not at all).
process.once('disconnect', () => process.exit(1));

/** Up to this long for Redis to answer before the writing is given up (the board's Redis answers in milliseconds). */
const CONNECT_MS = 10_000;

/** Once the connection is ready: commands fail at once while Redis is away, rather than wait in a queue. */
function ready(redis: Redis): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Redis did not answer within ${CONNECT_MS / 1000} s`)), CONNECT_MS);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

process.once('message', (job: DayJob) => {
  const redis = createRedis(job.redis, 'store', new RedisOutage(log));
  const { ids, qualified } = job.endpoints;
  void ready(redis)
    .then(() =>
      writeDay(
        {
          redis,
          keys: exportKeys(job.prefix),
          statsKeys: statsKeys(job.prefix),
          root: job.root,
          org: () => Promise.resolve(job.org),
          timeZone: job.timeZone,
          // Endpoints are required, so a queue not named after one is on the first.
          location: (queue) => endpointOfName(queue, ids, qualified)?.endpoint ?? ids[0]!,
        },
        job.day,
        job.units,
        job.withCenter,
      ),
    )
    .then(
      (written): DayJobResult => ({
        ok: true,
        written: { ...written, writer: { pid: process.pid, niceness: os.getPriority() } },
      }),
      (error: unknown): DayJobResult => ({ ok: false, error: (error as Error).message }),
    )
    .then(async (result) => {
      await closeRedis(redis);
      process.send!(result, () => process.exit(0));
    });
});
