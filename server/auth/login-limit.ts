import type { Redis } from 'ioredis';
import type { AccessKeys } from '../store/keys.ts';

export interface LoginLimits {
  /** Failed logins allowed per username in a window: guessing one account's password. */
  readonly perUser: number;
  /** Failed logins allowed per client address in a window: trying many accounts from one place. */
  readonly perIp: number;
  readonly windowMs: number;
}

/**
 * Counts failed logins in Redis, so that every server process shares the count. A window starts with the first
 * failure and is not extended by later ones, so a locked-out user knows when to try again (Retry-After). A
 * successful login clears its username's count.
 */
export class LoginLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly keys: AccessKeys,
    private readonly limits: LoginLimits,
  ) {}

  /** Milliseconds until a login for this username from this address may be tried again; 0 when it may now. */
  async blockedFor(username: string, ip: string): Promise<number> {
    const checks: [string, number][] = [
      [this.keys.loginFailures('user', username.toLowerCase()), this.limits.perUser],
      [this.keys.loginFailures('ip', ip), this.limits.perIp],
    ];
    const pipeline = this.redis.pipeline();
    for (const [key] of checks) pipeline.get(key).pttl(key);
    const replies = (await pipeline.exec()) ?? [];
    let wait = 0;
    checks.forEach(([, limit], index) => {
      const count = Number(replies[index * 2]?.[1] ?? 0);
      const ttl = Number(replies[index * 2 + 1]?.[1] ?? -2);
      if (count >= limit) wait = Math.max(wait, ttl > 0 ? ttl : this.limits.windowMs);
    });
    return wait;
  }

  async failed(username: string, ip: string): Promise<void> {
    const pipeline = this.redis.pipeline();
    for (const key of [this.keys.loginFailures('user', username.toLowerCase()), this.keys.loginFailures('ip', ip)]) {
      pipeline.set(key, 0, 'PX', this.limits.windowMs, 'NX').incr(key);
    }
    await pipeline.exec();
  }

  async succeeded(username: string): Promise<void> {
    await this.redis.del(this.keys.loginFailures('user', username.toLowerCase()));
  }
}
