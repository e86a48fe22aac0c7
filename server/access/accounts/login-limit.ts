import type { Redis } from '../../redis-client.ts';
import type { AccessKeys } from '../../store/keys.ts';

export interface LoginLimits {
  /** Failed logins allowed per username in a window: guessing one account's password. */
  readonly perUser: number;
  /** Failed logins allowed per client address in a window: trying many accounts from one place. */
  readonly perIp: number;
  readonly windowMs: number;
}

/**
 * Takes one attempt for a username and an address if both are under their limits, atomically: a burst of concurrent
 * logins cannot all pass the check before any of them is counted. Returns 0 when taken, else the milliseconds until
 * the longer of the two locks ends.
 */
const RESERVE = `
local wait = 0
for i, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') >= tonumber(ARGV[i]) then
    local ttl = redis.call('PTTL', key)
    if ttl < 0 then ttl = tonumber(ARGV[3]) end
    if ttl > wait then wait = ttl end
  end
end
if wait > 0 then return wait end
for _, key in ipairs(KEYS) do
  redis.call('SET', key, 0, 'PX', ARGV[3], 'NX')
  redis.call('INCR', key)
end
return 0`;

/** A right password: the username's count goes, and the address gets its attempt back (if its window still runs). */
const RELEASE = `
redis.call('DEL', KEYS[1])
if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('DECR', KEYS[2]) end
return 0`;

/**
 * Counts login attempts in Redis, so that every server process shares the count. Each attempt is reserved before its
 * password is hashed, and counted as failed unless it turns out right; so no more passwords are tried per window than
 * the limits allow, however many requests arrive at once. A window starts with the first attempt and is not extended
 * by later ones, so a locked-out user knows when to try again (Retry-After).
 */
export class LoginLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly keys: AccessKeys,
    private readonly limits: LoginLimits,
  ) {}

  /** Reserves an attempt: 0 when it may go ahead, else the milliseconds until one may be tried again. */
  async reserve(username: string, ip: string): Promise<number> {
    const { perUser, perIp, windowMs } = this.limits;
    const [user, address] = this.keysOf(username, ip);
    return Number(await this.redis.eval(RESERVE, 2, user, address, perUser, perIp, windowMs));
  }

  /** The reserved attempt had the right password. */
  async succeeded(username: string, ip: string): Promise<void> {
    await this.redis.eval(RELEASE, 2, ...this.keysOf(username, ip));
  }

  /** Forgets a username's failed attempts (an operator reset its password). */
  async clearUser(username: string): Promise<void> {
    await this.redis.del(this.keys.loginFailures('user', username.toLowerCase()));
  }

  private keysOf(username: string, ip: string): [string, string] {
    return [this.keys.loginFailures('user', username.toLowerCase()), this.keys.loginFailures('ip', ip)];
  }
}
