import type { Redis } from '../redis-client.ts';

/** An administrator's FTP login as stored: the password only as its SHA-512 crypt hash. */
export interface FtpAccount {
  readonly userId: string;
  /** The FTP user name: the account's own username. */
  readonly username: string;
  readonly hash: string;
  /** Epoch ms. */
  readonly issuedAt: number;
}

/** FTP logins in one Redis hash, by user id. */
export class FtpAccounts {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
  ) {}

  async get(userId: string): Promise<FtpAccount | null> {
    const json = await this.redis.hget(this.key, userId);
    return json === null ? null : (JSON.parse(json) as FtpAccount);
  }

  async list(): Promise<FtpAccount[]> {
    return Object.values(await this.redis.hgetall(this.key)).map((json) => JSON.parse(json) as FtpAccount);
  }

  async put(account: FtpAccount): Promise<void> {
    await this.redis.hset(this.key, account.userId, JSON.stringify(account));
  }

  /** True when there was one. */
  async delete(userId: string): Promise<boolean> {
    return (await this.redis.hdel(this.key, userId)) > 0;
  }
}
