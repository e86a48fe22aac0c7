import { randomUUID } from 'node:crypto';
import type { Redis } from '../redis-client.ts';

/** Deletes the lock only if it is still ours; renews it only if it is still ours. */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

const TTL_MS = 60_000;

/**
 * One writer of reports in the whole cluster: a key set with NX and a TTL, renewed while the work runs, so that a
 * process that dies while writing frees it within a minute. Resolves with null, running nothing, when another holds it.
 */
export async function withWriterLock<T>(redis: Redis, key: string, work: () => Promise<T>): Promise<T | null> {
  const token = randomUUID();
  if ((await redis.set(key, token, 'PX', TTL_MS, 'NX')) !== 'OK') return null;
  const renew = setInterval(() => void redis.eval(RENEW, 1, key, token, TTL_MS).catch(() => undefined), TTL_MS / 3);
  renew.unref();
  try {
    return await work();
  } finally {
    clearInterval(renew);
    await redis.eval(RELEASE, 1, key, token);
  }
}
