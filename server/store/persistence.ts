import type { Redis } from '../redis-client.ts';
import type { PersistenceView } from '../contract/installation.ts';

/**
 * Asks Redis how it keeps its data. Tablica keeps accounts, layouts and statistics in Redis, so a Redis that keeps
 * nothing on disk loses them all at its next restart. Managed services often refuse CONFIG: that is "unknown", not an
 * error.
 */
export async function readPersistence(redis: Redis): Promise<PersistenceView> {
  let replies: unknown[][];
  try {
    // One parameter per CONFIG GET: Redis 6 takes no more.
    replies = await Promise.all([redis.config('GET', 'appendonly'), redis.config('GET', 'save')]);
  } catch (error) {
    if (redis.status !== 'ready') throw error;
    return { mode: 'unknown', detail: `Redis refused CONFIG GET: ${(error as Error).message}` };
  }
  const [appendonly, saved] = replies.map((reply) => (typeof reply[1] === 'string' ? reply[1] : ''));
  const aof = appendonly === 'yes';
  const save = saved!.trim();
  const detail = `appendonly ${aof ? 'yes' : 'no'}, save ${save === '' ? '""' : save}`;
  const mode = aof && save !== '' ? 'aof+snapshots' : aof ? 'aof' : save !== '' ? 'snapshots' : 'none';
  return { mode, detail };
}
