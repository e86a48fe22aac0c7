import { Redis, type RedisOptions } from 'ioredis';
import type { LinkView } from '../contract/board.ts';
import type { Logger } from '../log.ts';

/**
 * Redis connections. `store` carries the live state and the lease: it fails fast while Redis is away (no offline
 * queue, no retries, a command timeout), so that nothing waits on a dead Redis and the live board goes on from memory.
 * `pub` and `sub` belong to the Socket.IO adapter: the adapter neither awaits nor catches its publishes, so they queue
 * and are retried instead of rejecting (the broadcaster stops publishing while Redis is down, see realtime/io.ts).
 */
export type RedisRole = 'store' | 'pub' | 'sub';

// Reconnect attempts every 50 ms at first, then every 500 ms: back within a second of Redis returning.
const retryStrategy = (attempt: number): number => Math.min(50 * attempt, 500);

export function createRedis(url: string, role: RedisRole, log: Logger): Redis {
  const options: RedisOptions = {
    retryStrategy,
    connectTimeout: 2_000,
    ...(role === 'store'
      ? { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 1_000 }
      : { maxRetriesPerRequest: null }),
  };
  const client = new Redis(url, options);
  // One warning per outage, not one per reconnect attempt; ioredis reconnects on its own.
  let failing = false;
  client.on('error', (error: Error) => {
    if (!failing) log.warn({ role, err: error.message }, 'Redis connection failing');
    failing = true;
  });
  client.on('ready', () => {
    if (failing) log.info({ role }, 'Redis connection back');
    failing = false;
  });
  return client;
}

/** Closes a connection politely if it is up, at once otherwise (QUIT would wait for a reconnect). */
export async function closeRedis(client: Redis): Promise<void> {
  if (client.status === 'ready') {
    try {
      await client.quit();
      return;
    } catch {
      // Lost in the meantime: disconnect below.
    }
  }
  client.disconnect();
}

/** Whether the store connection is usable, and since when: the board's Redis warning and /healthz read it. */
export class RedisHealth {
  private up: boolean;
  private since: number | null;
  private readonly listeners = new Set<(up: boolean) => void>();

  constructor(
    client: Redis,
    private readonly clock: () => number = Date.now,
  ) {
    this.up = client.status === 'ready';
    this.since = this.up ? clock() : null;
    client.on('ready', () => this.set(true));
    client.on('close', () => this.set(false));
  }

  isUp(): boolean {
    return this.up;
  }

  view(): LinkView['redis'] {
    return { up: this.up, since: this.since === null ? null : new Date(this.since).toISOString() };
  }

  /** Calls the listener on every change; returns a function that removes it. */
  onChange(listener: (up: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(up: boolean): void {
    if (up === this.up) return;
    this.up = up;
    this.since = this.clock();
    for (const listener of this.listeners) listener(up);
  }
}

/**
 * Runs `task` once Redis answers, and again after the next reconnection for as long as it has not succeeded: start-up
 * work that needs Redis must not stop a board from starting while Redis is down. Resolves after the first attempt,
 * or after `waitMs` if Redis does not answer by then.
 */
export function onceReady(redis: Redis, task: () => Promise<void>, log: Logger, what: string, waitMs = 2_000): Promise<void> {
  let done = false;
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, waitMs);
    const run = (): void => {
      if (done) return;
      task().then(
        () => {
          done = true;
          redis.off('ready', run);
        },
        (error: unknown) => log.warn({ err: (error as Error).message }, `${what} failed; trying again when Redis is back`),
      ).finally(() => {
        clearTimeout(timer);
        resolve();
      });
    };
    redis.on('ready', run);
    if (redis.status === 'ready') run();
  });
}
