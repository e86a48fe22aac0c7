import { Cluster, Redis as Single, type ChainableCommander, type RedisOptions } from 'ioredis';
import type { RedisConfig } from '../config.ts';
import type { LinkView } from '../contract/board.ts';
import type { Logger } from '../log.ts';
import type { Redis } from '../redis-client.ts';

/**
 * Redis connections. `store` carries the live state and the lease: it fails fast while Redis is away (no offline
 * queue, no retries, a command timeout), so that nothing waits on a dead Redis and the live board goes on from memory.
 * `pub` and `sub` belong to the Socket.IO adapter, and `sub` to the features' channels: the adapter neither awaits nor
 * catches its publishes, so they queue and are retried instead of rejecting (the broadcaster stops publishing while
 * Redis is down, see realtime/io.ts). `adapter-sub` is the adapter's subscriber, which on a cluster uses sharded
 * pub/sub (SSUBSCRIBE on the node owning each channel's slot).
 */
export type RedisRole = 'store' | 'pub' | 'sub' | 'adapter-sub';

// Reconnect attempts every 50 ms at first, then every 500 ms: back within a second of Redis returning.
const retryStrategy = (attempt: number): number => Math.min(50 * attempt, 500);

/** A connection to the one Redis, the Sentinel master or the cluster that the configuration names. */
export function createRedis(config: RedisConfig, role: RedisRole, outage: RedisOutage): Redis {
  const failFast = role === 'store';
  const options: RedisOptions = {
    retryStrategy,
    connectTimeout: 2_000,
    ...(failFast
      ? { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 1_000 }
      : { maxRetriesPerRequest: null }),
  };
  return outage.watch(connect(config, options, role), role);
}

function connect(config: RedisConfig, options: RedisOptions, role: RedisRole): Redis {
  if (!config.cluster && !config.sentinel) return new Single(config.url, options);
  const url = new URL(config.url);
  const credentials: RedisOptions = {
    ...(url.username && { username: decodeURIComponent(url.username) }),
    ...(url.password && { password: decodeURIComponent(url.password) }),
    ...(url.protocol === 'rediss:' && { tls: {} }),
  };
  if (config.sentinel) {
    const { nodes, name, password } = config.sentinel;
    return new Single({
      ...options,
      ...credentials,
      db: Number(url.pathname.slice(1) || 0),
      sentinels: nodes.map((node) => ({ ...node })),
      name,
      ...(password && { sentinelPassword: password }),
      // Listens to the sentinels' +switch-master, so that a promoted replica is used as soon as they elect it, and asks
      // them again soon when none answered.
      failoverDetector: true,
      sentinelRetryStrategy: retryStrategy,
    });
  }
  const { retryStrategy: _node, ...nodeOptions } = options;
  return new Cluster(
    config.cluster!.map((node) => ({ ...node })),
    {
      redisOptions: { ...nodeOptions, ...credentials },
      clusterRetryStrategy: retryStrategy,
      enableOfflineQueue: options.enableOfflineQueue ?? true,
      // While a master's replica takes over, commands are tried again briefly instead of failing at once.
      retryDelayOnFailover: 100,
      retryDelayOnClusterDown: 100,
      shardedSubscribers: role === 'adapter-sub',
    },
  );
}

/**
 * Reports Redis outages for every connection of a process at once: one warning when the first connection fails, one
 * notice when the last is back, however many connections and reconnect attempts there are (ioredis reconnects on
 * its own). A connection without an error listener would have ioredis print stack traces outside the JSON log, so
 * every connection, duplicates included, is watched.
 */
export class RedisOutage {
  private readonly failing = new Set<Redis>();

  constructor(private readonly log: Logger) {}

  watch(client: Redis, role: string): Redis {
    watchers.set(client, this);
    const failing = (reason: string): void => {
      if (this.failing.size === 0) this.log.warn({ role, err: reason }, 'Redis connection failing');
      this.failing.add(client);
    };
    client.on('error', (error: Error) => failing(error.message));
    // A server that stops cleanly closes the connection without an error; ioredis then reconnects.
    client.on('reconnecting', () => failing('connection closed'));
    const back = (): void => {
      if (!this.failing.delete(client)) return;
      if (this.failing.size === 0) this.log.info({ role }, 'Redis connection back');
    };
    client.on('ready', back);
    // A connection closed on purpose is no longer failing.
    client.on('end', back);
    return client;
  }
}

const watchers = new WeakMap<Redis, RedisOutage>();

/** A connection of its own with the same options (for WATCH, or a writer that must not queue behind reads), watched like its original. */
export function duplicateRedis(client: Redis, role: string): Redis {
  const copy = client instanceof Cluster ? client.duplicate() : client.duplicate();
  const outage = watchers.get(client);
  // A client made elsewhere (a test's, a command's) reports its failures through its commands' rejections.
  if (outage) outage.watch(copy, role);
  else copy.on('error', () => undefined);
  return copy;
}

/**
 * Writes several features' keys at once: in one MULTI on one Redis, and on a cluster in one MULTI per part, in order
 * (a cluster's transaction holds keys of one hash slot, and each feature's keys share theirs). Every part must name
 * keys of one slot. Rejects with the first error, or with `aborted` when a transaction was not applied.
 */
export async function transact(
  redis: Redis,
  parts: readonly ((tx: ChainableCommander) => void)[],
  aborted: string,
): Promise<void> {
  const batches = redis.isCluster ? parts.map((part) => [part]) : [parts];
  for (const batch of batches) {
    const tx = redis.multi();
    for (const part of batch) part(tx);
    const replies = await tx.exec();
    const failed = replies?.find(([error]) => error)?.[0];
    if (!replies || failed) throw failed ?? new Error(aborted);
  }
}

/**
 * Whether an error means Redis cannot be reached now (down, restarting, too slow) rather than a fault of ours: a
 * request that meets one is answered 503, and the outage has been logged once already.
 */
export function isRedisUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.name === 'MaxRetriesPerRequestError' || UNAVAILABLE.test(error.message);
}

const UNAVAILABLE =
  /^(Stream isn't writeable|Connection is closed|Command timed out|connect (ECONNREFUSED|ETIMEDOUT)|Reached the max retries)/;

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
 * work that needs Redis must not stop a board from starting while Redis is down. Resolves after the first attempt
 * (however long it takes: the Owner created from the environment can log in once the board listens), or after
 * `waitMs` if Redis does not answer by then.
 */
export function onceReady(
  redis: Redis,
  task: () => Promise<void>,
  log: Logger,
  what: string,
  waitMs = 2_000,
): Promise<void> {
  let done = false;
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, waitMs);
    const run = (): void => {
      if (done) return;
      clearTimeout(timer);
      task()
        .then(
          () => {
            done = true;
            redis.off('ready', run);
          },
          (error: unknown) =>
            log.warn({ err: (error as Error).message }, `${what} failed; trying again when Redis is back`),
        )
        .finally(() => {
          clearTimeout(timer);
          resolve();
        });
    };
    redis.on('ready', run);
    if (redis.status === 'ready') run();
  });
}
