import type { Redis } from '../redis-client.ts';
import type { Logger } from '../log.ts';

/**
 * Renews the lease when we hold it, and takes it back when it is free: a Redis that restarted (or a key that expired
 * while Redis was unreachable) must not make the holder drop the AMI and its in-memory state. 1: ours; 0: another's.
 */
const RENEW = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
elseif holder == false then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0`;

/**
 * Takes the lease if it is free: {1} ours now; else {0, ms until the holder's key expires} (negative: Redis's PTTL
 * codes, no expiry or no key), so that a standby tries again the moment a dead holder's key runs out.
 */
const TAKE = `
if redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return {1} end
return {0, redis.call('PTTL', KEYS[1])}`;

/** Deletes the lease only if it is still ours. */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export interface LeaseHandlers {
  /** We became the holder. A rejection gives the lease back (the holder could not get ready, e.g. load the state). */
  acquired(): Promise<void>;
  /** Another process holds the lease we held (we were cut off from Redis longer than the TTL and it took over). */
  lost(): Promise<void>;
}

export interface LeaseOptions {
  readonly key: string;
  readonly holderId: string;
  /** The key's TTL: how long after its holder died (kill -9) another process can take over. */
  readonly ttlMs: number;
  /** How often, at most, a process that does not hold the lease tries to take it (default 250 ms). */
  readonly retryMs?: number;
}

/**
 * One reader per AMI source: a key set with NX and a TTL, renewed by its holder every third of the TTL with a
 * compare-and-renew script; the others try to take it every `retryMs`, or sooner when the key runs out sooner. So a
 * holder killed outright is followed within the TTL and a few ms (the README's `AMI_LEASE_TTL_MS`), and a holder
 * stalled (a long GC pause, an overloaded machine) keeps the lease for up to two thirds of the TTL without renewing. While Redis is unreachable the holder keeps
 * holding (and reading AMI): two readers for a moment after a partition is the lesser harm, since AMI reading is
 * read-only and boards repair a seq conflict with a snapshot; losing the live board during a Redis outage is not.
 */
export class Lease {
  private held = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private handlers: LeaseHandlers | undefined;
  private readonly retryMs: number;
  /** When a process that does not hold the lease tries next: the retry interval, or sooner when the key expires. */
  private nextTry: number;

  constructor(
    private readonly redis: Redis,
    private readonly options: LeaseOptions,
    private readonly log: Logger,
  ) {
    this.retryMs = options.retryMs ?? 250;
    this.nextTry = this.retryMs;
    // A Redis that comes back may have lost the key: the holder takes it back at once, before a standby's next try.
    redis.on('ready', () => {
      if (!this.held || this.running) return;
      clearTimeout(this.timer);
      this.run();
    });
  }

  start(handlers: LeaseHandlers): void {
    this.handlers = handlers;
    // The first try waits for the connection: a try before it is refused and would cost a whole retry interval.
    if (this.redis.status === 'ready') this.run();
    else this.redis.once('ready', () => this.run());
  }

  isHeld(): boolean {
    return this.held;
  }

  /** The current holder's id, as Redis knows it. */
  async holder(): Promise<string | null> {
    return this.redis.get(this.options.key);
  }

  /** Stops trying and renewing, and gives the lease back if we hold it, so that a successor need not wait the TTL. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    if (!this.held) return;
    this.held = false;
    await this.release();
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => this.run(), delayMs);
  }

  private run(): void {
    if (this.stopped || this.running) return;
    this.running = this.tick().finally(() => {
      this.running = undefined;
      this.schedule(this.held ? Math.floor(this.options.ttlMs / 3) : this.nextTry);
    });
  }

  private async tick(): Promise<void> {
    const { key, holderId, ttlMs } = this.options;
    try {
      if (this.held) {
        if ((await this.redis.eval(RENEW, 1, key, holderId, ttlMs)) === 1) return;
        this.held = false;
        this.log.warn({ key }, 'AMI lease lost to another process');
        await this.handlers?.lost();
        return;
      }
      this.nextTry = this.retryMs;
      const [ours, expiresInMs] = (await this.redis.eval(TAKE, 1, key, holderId, ttlMs)) as [number, number?];
      if (ours !== 1) {
        if (expiresInMs !== undefined && expiresInMs >= 0) this.nextTry = Math.min(this.retryMs, expiresInMs + 1);
        return;
      }
    } catch (error) {
      // Redis unreachable: a holder holds on, the others try again later.
      this.log.debug({ err: (error as Error).message, held: this.held }, 'AMI lease: Redis unreachable');
      return;
    }
    this.held = true;
    this.log.info({ key, holderId }, 'AMI lease acquired');
    try {
      await this.handlers?.acquired();
    } catch (error) {
      this.log.error({ err: (error as Error).message }, 'AMI lease given back: the holder could not start');
      this.held = false;
      await this.release();
    }
  }

  private async release(): Promise<void> {
    try {
      await this.redis.eval(RELEASE, 1, this.options.key, this.options.holderId);
    } catch {
      // Redis unreachable: the key expires on its own.
    }
  }
}
