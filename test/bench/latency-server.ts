/**
 * The board under measurement, in a process of its own so that its memory is its own; driven by latency.ts over
 * IPC. Needs --expose-gc for the memory readings. On request it writes the export day (which latency.ts loads under
 * EXPORT_PREFIX) again and again, as the lease holder writes a day's reports beside the live board: in a process of
 * its own, below the board's priority.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createApp } from '../../server/compose.ts';
import { writeDayApart } from '../../server/exports/day-job.ts';
import { boardConfig } from '../support/board-app.ts';
import { testLogger } from '../support/test-logger.ts';
import { EXPORT_PREFIX, exportJob } from './exports.ts';

const send = (message: unknown): void => void process.send?.(message);

const config = boardConfig({
  redisUrl: process.env.BENCH_REDIS_URL!,
  amiPort: Number(process.env.BENCH_AMI_PORT),
  instanceId: 'bench',
});
const app = await createApp(config, { leaseRetryMs: 100, logger: testLogger });
send({ type: 'listening', url: app.url, prefix: config.redis.prefix });

/** The board's event-loop delay over the measured window of a run. */
const loop = monitorEventLoopDelay({ resolution: 1 });
let exporting: Promise<number> | undefined;
let stopExporting = false;

/** Writes the day until told to stop; resolves with how many times it was written. */
async function exportLoop(): Promise<number> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'tablica-bench-latency-export-'));
  let writes = 0;
  try {
    while (!stopExporting) {
      await writeDayApart(exportJob(process.env.BENCH_REDIS_URL!, EXPORT_PREFIX, root));
      writes += 1;
    }
    return writes;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

process.on('message', (message: { type: string }) => {
  if (message.type === 'export-start') {
    stopExporting = false;
    exporting = exportLoop();
  } else if (message.type === 'export-stop') {
    stopExporting = true;
    void exporting?.then((writes) => send({ type: 'export-stopped', writes }));
  } else if (message.type === 'loop-start') {
    loop.reset();
    loop.enable();
  } else if (message.type === 'loop-stop') {
    loop.disable();
    send({ type: 'loop', p99Ms: loop.percentile(99) / 1e6, maxMs: loop.max / 1e6 });
  } else if (message.type === 'memory') {
    // Twice: the first collection may only promote what the second frees.
    globalThis.gc?.();
    globalThis.gc?.();
    const { heapUsed, rss } = process.memoryUsage();
    send({ type: 'memory', heapUsed, rss });
  } else if (message.type === 'stop') {
    void app.close().then(() => process.exit(0));
  }
});
