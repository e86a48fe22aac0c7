import type { Redis } from '../redis-client.ts';
import type { MonitorSessionView } from '../contract/monitoring.ts';
import type { MonitoringKeys } from '../store/keys.ts';
import { TimedLog } from '../store/timed-log.ts';

/**
 * Sessions in Redis: the live ones in a hash (any process lists them), the ended ones in a sorted set by end time,
 * the audit log that the "Monitoring log" retention category purges.
 */
export class SessionStore {
  private readonly ended: TimedLog<MonitorSessionView>;

  constructor(
    private readonly redis: Redis,
    private readonly keys: MonitoringKeys,
  ) {
    this.ended = new TimedLog(redis, keys.history);
  }

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
    const { entries, total } = await this.ended.page(visible, page);
    return { sessions: entries, total };
  }

  /** Deletes ended sessions that ended before `beforeMs` (all with null). */
  purge(beforeMs: number | null): Promise<number> {
    return this.ended.purge(beforeMs);
  }
}
