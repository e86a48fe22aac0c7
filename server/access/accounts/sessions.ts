import type { Redis } from '../../redis-client.ts';
import type { AccessKeys } from '../../store/keys.ts';
import { randomToken, secretHash } from './secrets.ts';

export interface SessionRecord {
  readonly userId: string;
  /** The CSRF token every state-changing request of this session must carry in X-CSRF-Token. */
  readonly csrfToken: string;
  readonly createdAt: number;
  /** The absolute end (epoch ms), however active the session. */
  readonly expiresAt: number;
  /**
   * Its last use (epoch ms): idle ends by the store's clock, the key's TTL only clears what ended. Absent in sessions
   * stored before it was kept: their TTL decides.
   */
  readonly usedAt?: number;
}

export interface Session extends SessionRecord {
  /** SHA-256 of the session id: how it is stored, revoked and announced. */
  readonly hash: string;
}

export interface SessionTimes {
  /** A session unused for this long ends (sliding expiry). */
  readonly idleMs: number;
  /** No session lives longer than this. */
  readonly maxAgeMs: number;
}

/**
 * Sessions in Redis under the hash of their id, with a TTL that every use pushes back (up to the absolute end). The id
 * itself exists only in the browser's cookie.
 */
export class SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: AccessKeys,
    private readonly times: SessionTimes,
    private readonly clock: () => number = Date.now,
  ) {}

  /** A new session; returns its id (for the cookie, never stored) and the session. */
  async create(userId: string): Promise<{ id: string; session: Session }> {
    const id = randomToken();
    const hash = secretHash(id);
    const now = this.clock();
    const record: SessionRecord = {
      userId,
      csrfToken: randomToken(),
      createdAt: now,
      expiresAt: now + this.times.maxAgeMs,
      usedAt: now,
    };
    const index = this.keys.userSessions(userId);
    await this.redis
      .multi()
      .set(this.keys.session(hash), JSON.stringify(record), 'PX', Math.min(this.times.idleMs, this.times.maxAgeMs))
      .sadd(index, hash)
      // The index outlives every session in it, and then goes.
      .pexpire(index, this.times.maxAgeMs)
      .exec();
    return { id, session: { ...record, hash } };
  }

  /** The session of a cookie's id, its idle time restarted; null when unknown, expired or past its absolute end. */
  async touch(id: string): Promise<Session | null> {
    const hash = secretHash(id);
    const key = this.keys.session(hash);
    const json = await this.redis.get(key);
    if (json === null) return null;
    const record = JSON.parse(json) as SessionRecord;
    const now = this.clock();
    const left = Math.min(this.times.idleMs, record.expiresAt - now);
    if (left <= 0 || !this.live(record, now)) {
      await this.end(hash, record.userId);
      return null;
    }
    const used = { ...record, usedAt: now };
    // XX: a session ended meanwhile (a logout, a revocation) stays ended.
    await this.redis.set(key, JSON.stringify(used), 'PX', left, 'XX');
    return { ...used, hash };
  }

  /** The session without touching it: sockets re-check theirs without keeping it alive. */
  async peek(hash: string): Promise<SessionRecord | null> {
    const json = await this.redis.get(this.keys.session(hash));
    if (json === null) return null;
    const record = JSON.parse(json) as SessionRecord;
    return this.live(record, this.clock()) ? record : null;
  }

  /** Neither past its absolute end nor idle for too long. */
  private live(record: SessionRecord, now: number): boolean {
    return record.expiresAt > now && (record.usedAt === undefined || now - record.usedAt < this.times.idleMs);
  }

  async end(hash: string, userId: string): Promise<void> {
    await this.redis.multi().del(this.keys.session(hash)).srem(this.keys.userSessions(userId), hash).exec();
  }

  /** Ends every session of a user (but `keep`): after disabling them or a new password. */
  async endAll(userId: string, keep?: string): Promise<void> {
    const index = this.keys.userSessions(userId);
    const hashes = (await this.redis.smembers(index)).filter((hash) => hash !== keep);
    if (hashes.length === 0) return;
    await this.redis
      .multi()
      .del(...hashes.map((hash) => this.keys.session(hash)))
      .srem(index, ...hashes)
      .exec();
  }
}
