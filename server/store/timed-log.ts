import type { Redis } from '../redis-client.ts';

/**
 * An audit log in one Redis sorted set: JSON entries scored by their time (epoch ms), read newest first through a
 * viewer's filter, purged by age for a retention category.
 */
export class TimedLog<T> {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
  ) {}

  async add(at: number, entry: T): Promise<void> {
    await this.redis.zadd(this.key, at, JSON.stringify(entry));
  }

  /**
   * Entries newest first as `visible` lets them through: true or the entry as the viewer may read it (cut), false or
   * null for none; `total` counts all of those.
   */
  async page(
    visible: (entry: T) => boolean | T | null,
    page: { limit: number; offset: number },
  ): Promise<{ entries: T[]; total: number }> {
    const all = (await this.redis.zrevrange(this.key, 0, -1)).map((json) => JSON.parse(json) as T);
    const seen = all.flatMap((entry) => {
      const shown = visible(entry);
      if (shown === true) return [entry];
      return shown === false || shown === null ? [] : [shown];
    });
    return { entries: seen.slice(page.offset, page.offset + page.limit), total: seen.length };
  }

  /** Deletes entries older than `beforeMs` (all with null); resolves with how many went. */
  async purge(beforeMs: number | null): Promise<number> {
    if (beforeMs === null) {
      const count = await this.redis.zcard(this.key);
      await this.redis.del(this.key);
      return count;
    }
    return this.redis.zremrangebyscore(this.key, '-inf', `(${beforeMs}`);
  }
}
