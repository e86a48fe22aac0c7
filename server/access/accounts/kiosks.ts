import type { Redis } from '../../redis-client.ts';
import type { KioskView } from '../../contract/accounts.ts';
import type { AccessKeys } from '../../store/keys.ts';
import { notFound } from '../../refusal.ts';
import { newId, randomToken, secretHash } from './secrets.ts';
import { m } from '../../contract/messages/messages.js';
import { say } from '../../i18n.ts';

/** A read-only link for a wall TV: one layout, what its creator may see, until revoked or expired. */
export interface KioskRecord {
  readonly id: string;
  readonly name: string;
  readonly layoutId: string;
  readonly createdBy: string;
  readonly createdAt: number;
  readonly expiresAt: number | null;
  readonly tokenHash: string;
}

export function kioskView(kiosk: KioskRecord): KioskView {
  return {
    id: kiosk.id,
    name: kiosk.name,
    layoutId: kiosk.layoutId,
    createdBy: kiosk.createdBy,
    createdAt: new Date(kiosk.createdAt).toISOString(),
    expiresAt: kiosk.expiresAt === null ? null : new Date(kiosk.expiresAt).toISOString(),
  };
}

export class KioskStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: AccessKeys,
    private readonly clock: () => number = Date.now,
  ) {}

  /** A new kiosk and its token, which is returned this once and stored only as its hash. */
  async create(
    fields: Pick<KioskRecord, 'name' | 'layoutId' | 'createdBy' | 'expiresAt'>,
  ): Promise<{ kiosk: KioskRecord; token: string }> {
    const token = randomToken();
    const kiosk: KioskRecord = { ...fields, id: newId(), createdAt: this.clock(), tokenHash: secretHash(token) };
    await this.redis
      .multi()
      .hset(this.keys.kiosks, kiosk.id, JSON.stringify(kiosk))
      .hset(this.keys.kioskTokens, kiosk.tokenHash, kiosk.id)
      .exec();
    return { kiosk, token };
  }

  async list(): Promise<KioskRecord[]> {
    const all = Object.values(await this.redis.hgetall(this.keys.kiosks)).map(
      (json) => JSON.parse(json) as KioskRecord,
    );
    return all.sort((a, b) => a.createdAt - b.createdAt || a.name.localeCompare(b.name));
  }

  async get(id: string): Promise<KioskRecord | null> {
    const json = await this.redis.hget(this.keys.kiosks, id);
    return json === null ? null : (JSON.parse(json) as KioskRecord);
  }

  async require(id: string): Promise<KioskRecord> {
    const kiosk = await this.get(id);
    if (!kiosk) throw notFound(say(m.server_refusal_missing_kiosk, { id }));
    return kiosk;
  }

  /** The kiosk of a token, unless it was revoked or has expired. */
  async byToken(token: string): Promise<KioskRecord | null> {
    const id = await this.redis.hget(this.keys.kioskTokens, secretHash(token));
    const kiosk = id === null ? null : await this.get(id);
    return kiosk && this.live(kiosk) ? kiosk : null;
  }

  live(kiosk: KioskRecord): boolean {
    return kiosk.expiresAt === null || kiosk.expiresAt > this.clock();
  }

  async revoke(kiosk: KioskRecord): Promise<void> {
    await this.redis.multi().hdel(this.keys.kiosks, kiosk.id).hdel(this.keys.kioskTokens, kiosk.tokenHash).exec();
  }
}
