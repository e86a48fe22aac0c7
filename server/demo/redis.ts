import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { ConfigError } from '../config.ts';
import type { Logger } from '../log.ts';

export interface DemoRedis {
  readonly url: string;
  /** Stops the redis-server the demo started (nothing for one it found). */
  stop(): Promise<void>;
}

/**
 * A Redis for the demo: the one at REDIS_URL when it is given (and it must answer: the demo never falls back to
 * another, whose data and accounts are not the ones meant), else a redis-server of its own on a free port, with its
 * data in `dataDir` (append-only file) so that the demo's statistics and login survive a restart.
 */
export async function demoRedis(redisUrl: string | undefined, dataDir: string, log: Logger): Promise<DemoRedis> {
  if (redisUrl) {
    if (!(await answers(redisUrl))) {
      throw new ConfigError(
        `invalid configuration:\n  REDIS_URL: no Redis answers at ${redisUrl} (unset REDIS_URL to let the demo start its own)`,
      );
    }
    log.info({ url: redisUrl }, 'using the Redis at REDIS_URL');
    return { url: redisUrl, stop: () => Promise.resolve() };
  }
  await mkdir(dataDir, { recursive: true });
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dataDir, '--appendonly', 'yes', '--loglevel', 'warning'],
    { stdio: 'ignore' },
  );
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (error) =>
      reject(
        new Error(
          `cannot start redis-server (${error.message}); install it (apt-get install redis-server) or set REDIS_URL`,
        ),
      ),
    );
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
  const url = `redis://127.0.0.1:${port}`;
  const ready = (async () => {
    const deadline = Date.now() + 10_000;
    while (!(await answers(url))) {
      if (Date.now() > deadline) throw new Error('redis-server did not answer within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  try {
    await Promise.race([ready, failed]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  failed.catch(() => undefined);
  log.info({ url, dataDir }, 'started redis-server');
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        // SIGTERM: redis-server saves its data before it exits.
        child.kill('SIGTERM');
      }),
  };
}

async function answers(url: string): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2_000,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
