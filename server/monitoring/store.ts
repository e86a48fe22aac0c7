import type { Redis } from 'ioredis';
import type { MonitorSessionView } from '../contract/monitoring.ts';
import type { MonitoringKeys } from '../store/keys.ts';

/**
 * Sessions in Redis: the live ones in a hash (any process lists them), the ended ones in a sorted set by end time,
 * the audit log that the "Monitoring log" retention category purges.
 */
export class SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: MonitoringKeys,
  ) {}

  async save(session: MonitorSessionView): Promise<void> {
    if (session.endedAt === null) {
      await this.redis.hset(this.keys.active, session.id, JSON.stringify(session));
      return;
    }
    await this.redis
      .multi()
      .hdel(this.keys.active, session.id)
      .zadd(this.keys.history, session.endedAt, JSON.stringify(session))
      .exec();
  }

  async active(): Promise<MonitorSessionView[]> {
    const all = Object.values(await this.redis.hgetall(this.keys.active)).map(
      (json) => JSON.parse(json) as MonitorSessionView,
    );
    return all.sort((a, b) => a.startedAt - b.startedAt);
  }

  /** Ended sessions, newest first, that `visible` lets through; `total` counts all of those. */
  async history(
    visible: (session: MonitorSessionView) => boolean,
    page: { limit: number; offset: number },
  ): Promise<{ sessions: MonitorSessionView[]; total: number }> {
    const all = (await this.redis.zrevrange(this.keys.history, 0, -1)).map(
      (json) => JSON.parse(json) as MonitorSessionView,
    );
    const seen = all.filter(visible);
    return { sessions: seen.slice(page.offset, page.offset + page.limit), total: seen.length };
  }

  /** Deletes ended sessions that ended before `beforeMs` (all with null). */
  async purge(beforeMs: number | null): Promise<number> {
    if (beforeMs === null) {
      const count = await this.redis.zcard(this.keys.history);
      await this.redis.del(this.keys.history);
      return count;
    }
    return this.redis.zremrangebyscore(this.keys.history, '-inf', `(${beforeMs}`);
  }
}
