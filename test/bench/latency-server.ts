/**
 * The board under measurement, in a process of its own so that its memory is its own; driven by latency.ts over
 * IPC. Needs --expose-gc for the memory readings.
 */
import { createApp } from '../../server/compose.ts';
import { boardConfig } from '../support/board-app.ts';
import { testLogger } from '../support/test-logger.ts';

const send = (message: unknown): void => void process.send?.(message);

const app = await createApp(
  boardConfig({
    redisUrl: process.env.BENCH_REDIS_URL!,
    amiPort: Number(process.env.BENCH_AMI_PORT),
    instanceId: 'bench',
  }),
  { leaseRetryMs: 100, logger: testLogger },
);
send({ type: 'listening', url: app.url });

process.on('message', (message: { type: string }) => {
  if (message.type === 'memory') {
    // Twice: the first collection may only promote what the second frees.
    globalThis.gc?.();
    globalThis.gc?.();
    const { heapUsed, rss } = process.memoryUsage();
    send({ type: 'memory', heapUsed, rss });
  } else if (message.type === 'stop') {
    void app.close().then(() => process.exit(0));
  }
});
