import type { Redis } from '../../redis-client.ts';
import type { Role, UserView } from '../../contract/accounts.ts';
import type { Locale } from '../../contract/locale.ts';
import type { AccessKeys } from '../../store/keys.ts';
import { badRequest, conflict, notFound } from '../../refusal.ts';
import { newId } from './secrets.ts';
import { say } from '../../i18n.ts';
import { m } from '../../contract/messages/messages.js';

/** An account as stored; the password hash never leaves the server (see userView). */
export interface UserRecord {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly interfaces: readonly string[];
  readonly disabled: boolean;
  readonly passwordHash: string;
  readonly createdAt: number;
  /** Call monitoring: the supervisor's own phone (`PJSIP/2005`) and extension, and the "may monitor calls" switch. */
  readonly phone?: string | null;
  readonly extension?: string | null;
  readonly monitorCalls?: boolean;
  /** The language the user chose (absent: DEFAULT_LOCALE, else their browser's). */
  readonly locale?: Locale | null;
}

export type NewUser = Omit<UserRecord, 'id' | 'createdAt'>;
export type UserChange = Partial<
  Pick<
    UserRecord,
    | 'displayName'
    | 'role'
    | 'interfaces'
    | 'disabled'
    | 'passwordHash'
    | 'phone'
    | 'extension'
    | 'monitorCalls'
    | 'locale'
  >
>;

export function userView(user: UserRecord): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    interfaces: [...user.interfaces],
    disabled: user.disabled,
    createdAt: new Date(user.createdAt).toISOString(),
    phone: user.phone ?? null,
    extension: user.extension ?? null,
    monitorCalls: user.monitorCalls ?? false,
    locale: user.locale ?? null,
  };
}

/** Accounts in Redis: one hash of JSON records, one index of usernames. */
export class UserStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: AccessKeys,
    private readonly clock: () => number = Date.now,
  ) {}

  async get(id: string): Promise<UserRecord | null> {
    const json = await this.redis.hget(this.keys.users, id);
    return json === null ? null : (JSON.parse(json) as UserRecord);
  }

  async require(id: string): Promise<UserRecord> {
    const user = await this.get(id);
    if (!user) throw notFound(say(m.server_refusal_missing_user, { id }));
    return user;
  }

  async byUsername(username: string): Promise<UserRecord | null> {
    const id = await this.redis.hget(this.keys.usernames, username.toLowerCase());
    return id === null ? null : this.get(id);
  }

  async list(): Promise<UserRecord[]> {
    const all = Object.values(await this.redis.hgetall(this.keys.users)).map((json) => JSON.parse(json) as UserRecord);
    return all.sort((a, b) => a.username.localeCompare(b.username));
  }

  async ownerId(): Promise<string | null> {
    return this.redis.get(this.keys.owner);
  }

  /** The Owner, once: the owner key is claimed with NX first, so two concurrent set-ups cannot both succeed. */
  async createOwner(user: Omit<NewUser, 'role' | 'disabled' | 'interfaces'>): Promise<UserRecord> {
    const id = newId();
    if ((await this.redis.set(this.keys.owner, id, 'NX')) === null) throw conflict(say(m.server_refusal_owner_exists));
    try {
      return await this.insert(id, { ...user, role: 'owner', disabled: false, interfaces: [] });
    } catch (error) {
      await this.redis.del(this.keys.owner);
      throw error;
    }
  }

  async create(user: NewUser): Promise<UserRecord> {
    return this.insert(newId(), user);
  }

  async update(id: string, change: UserChange): Promise<UserRecord> {
    const user = { ...(await this.require(id)), ...change };
    if (change.interfaces) await this.checkInterfaces(change.interfaces, id);
    if (change.extension) await this.checkExtension(change.extension, id);
    await this.redis.hset(this.keys.users, id, JSON.stringify(user));
    return user;
  }

  private async insert(id: string, fields: NewUser): Promise<UserRecord> {
    const user: UserRecord = { ...fields, id, createdAt: this.clock() };
    // The username index is claimed first with HSETNX: two admins creating the same name cannot both win.
    if ((await this.redis.hsetnx(this.keys.usernames, user.username, id)) === 0) {
      throw conflict(say(m.admin_refusal_username_taken, { username: user.username }));
    }
    try {
      await this.checkInterfaces(fields.interfaces, id);
      if (fields.extension) await this.checkExtension(fields.extension, id);
    } catch (error) {
      await this.redis.hdel(this.keys.usernames, user.username);
      throw error;
    }
    await this.redis.hset(this.keys.users, id, JSON.stringify(user));
    return user;
  }

  /** An extension belongs to one user at most: `#44<extension>` and the caller's number must each name one user. */
  private async checkExtension(extension: string, self: string): Promise<void> {
    const other = (await this.list()).find((user) => user.id !== self && user.extension === extension);
    if (other) throw badRequest(say(m.admin_refusal_extension_taken, { extension, user: other.username }));
  }

  /** An interface belongs to one user at most: whose calls they are must be unambiguous. */
  private async checkInterfaces(interfaces: readonly string[], self: string): Promise<void> {
    const wanted = new Set(interfaces);
    for (const other of await this.list()) {
      if (other.id === self) continue;
      const shared = other.interfaces.find((iface) => wanted.has(iface));
      if (shared) throw badRequest(say(m.admin_refusal_interface_taken, { interface: shared, user: other.username }));
    }
  }
}
