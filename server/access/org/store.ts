import type { Redis } from '../../redis-client.ts';
import type { PolicyView, TeamView, UnitView } from '../../contract/accounts.ts';
import { notFound } from '../../refusal.ts';
import type { UserRecord, UserStore } from '../accounts/users.ts';
import type { AccessKeys } from '../../store/keys.ts';
import type { Org } from './model.ts';
import type { Locale } from '../../contract/locale.ts';
import { m } from '../../contract/messages/messages.js';
import { say } from '../../i18n.ts';

/** The organisation with its full user records (phones and switches included), as OrgStore.load gives it. */
export type OrgRecords = Omit<Org, 'users'> & { readonly users: readonly UserRecord[] };

/** One Redis hash of JSON records by id. */
export class RecordHash<T extends { id: string }> {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    /** The 404 for a missing record, e.g. "There is no unit u1.". */
    private readonly missing: (inputs: { id: string }, options: { locale?: Locale }) => string,
  ) {}

  async list(): Promise<T[]> {
    return Object.values(await this.redis.hgetall(this.key)).map((json) => JSON.parse(json) as T);
  }

  async require(id: string): Promise<T> {
    const json = await this.redis.hget(this.key, id);
    if (json === null) throw notFound(say(this.missing, { id }));
    return JSON.parse(json) as T;
  }

  async put(record: T): Promise<T> {
    await this.redis.hset(this.key, record.id, JSON.stringify(record));
    return record;
  }

  async delete(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.redis.hdel(this.key, ...ids);
  }
}

/** Organisational units, teams and team policies; `load` reads them with the users in one go for access decisions. */
export class OrgStore {
  readonly units: RecordHash<UnitView>;
  readonly teams: RecordHash<TeamView>;
  readonly policies: RecordHash<PolicyView>;

  constructor(
    redis: Redis,
    keys: AccessKeys,
    private readonly users: UserStore,
  ) {
    this.units = new RecordHash(redis, keys.units, m.server_refusal_missing_unit);
    this.teams = new RecordHash(redis, keys.teams, m.server_refusal_missing_team);
    this.policies = new RecordHash(redis, keys.policies, m.server_refusal_missing_policy);
  }

  async load(): Promise<OrgRecords> {
    const [users, units, teams, policies] = await Promise.all([
      this.users.list(),
      this.units.list(),
      this.teams.list(),
      this.policies.list(),
    ]);
    return { users, units, teams, policies };
  }
}
