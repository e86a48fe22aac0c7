import type { ChainableCommander } from 'ioredis';
import type { Redis } from '../redis-client.ts';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  backupHeader,
  backupSchema,
  type Backup,
  type RestoreSummary,
} from '../contract/backup.ts';
import type { AccessEvent } from '../access/events.ts';
import { validate } from '../refusal.ts';
import { markerNow, parseMarker } from '../access/installation.ts';
import type { Logger } from '../log.ts';
import { AlertStore } from '../alerts/store.ts';
import { RecordingStore } from '../recordings/store.ts';
import { accessKeys, agentActionKeys, alertKeys, layoutKeys, recordingKeys, statsKeys } from '../store/keys.ts';
import { pauseReasonsValue, readPauseReasons } from '../store/pause-reasons.ts';
import { transact } from '../store/redis.ts';
import { createRetention } from '../stats/redis/retention.ts';
import { checkBackup } from './check.ts';

export interface BackupStoreOptions {
  readonly redis: Redis;
  readonly prefix: string;
  readonly log: Logger;
  readonly clock?: () => number;
}

/**
 * Export and restore of the configuration, straight against Redis: the same code serves `GET /api/backup`,
 * `POST /api/backup/restore` and `npm run backup`, which needs no running server.
 */
export class BackupStore {
  private readonly access;
  private readonly layouts;
  private readonly recordings: RecordingStore;
  private readonly alerts: AlertStore;
  private readonly agentActions;
  private readonly clock: () => number;

  constructor(private readonly options: BackupStoreOptions) {
    this.access = accessKeys(options.prefix);
    this.layouts = layoutKeys(options.prefix);
    this.recordings = new RecordingStore(options.redis, recordingKeys(options.prefix));
    this.alerts = new AlertStore(options.redis, alertKeys(options.prefix));
    this.agentActions = agentActionKeys(options.prefix);
    this.clock = options.clock ?? Date.now;
  }

  async export(): Promise<Backup> {
    const { redis, prefix, log } = this.options;
    const [
      users,
      units,
      teams,
      policies,
      kiosks,
      layouts,
      seeded,
      rules,
      recordings,
      alertRules,
      webhooks,
      pauseReasons,
    ] = await Promise.all([
      records<Backup['users'][number]>(redis, this.access.users),
      records<Backup['units'][number]>(redis, this.access.units),
      records<Backup['teams'][number]>(redis, this.access.teams),
      records<Backup['policies'][number]>(redis, this.access.policies),
      records<Backup['kiosks'][number]>(redis, this.access.kiosks),
      records<Backup['layouts'][number]>(redis, this.layouts.layouts),
      redis.smembers(this.layouts.seeded),
      createRetention(redis, { prefix, log }).rules(),
      this.recordings.settings(),
      this.alerts.rules(),
      this.alerts.webhooks(),
      readPauseReasons(redis, this.agentActions.reasons),
    ]);
    return {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: new Date(this.clock()).toISOString(),
      users,
      units,
      teams,
      policies,
      kiosks,
      layouts,
      seededLayouts: seeded.sort(),
      retention: rules,
      recordings,
      alerts: { rules: byId(alertRules), webhooks: byId(webhooks) },
      pauseReasons,
    };
  }

  /**
   * Replaces the configuration with a backup's, in one MULTI (on a cluster one per feature), after checking all of it: a bad file gets a 400 naming
   * what is wrong and changes nothing. Sessions of accounts removed or changed end, as do kiosk links removed or
   * changed; every process hears of it. The installation is marked set up (a loss is thereby resolved).
   */
  async restore(input: unknown): Promise<RestoreSummary> {
    validate(backupHeader.pick({ format: true }), input);
    validate(backupHeader, input);
    const backup = validate(backupSchema, input);
    checkBackup(backup);
    const { redis, prefix } = this.options;
    const keys = this.access;
    const [current, marker] = await Promise.all([this.export(), redis.get(keys.installation)]);
    const ended = changed(current.users, backup.users);
    const revoked = changed(current.kiosks, backup.kiosks);
    const sessions = await Promise.all(ended.map((id) => redis.smembers(keys.userSessions(id))));

    const access = (tx: ChainableCommander): void => {
      tx.del(
        keys.users,
        keys.usernames,
        keys.owner,
        keys.units,
        keys.teams,
        keys.policies,
        keys.kiosks,
        keys.kioskTokens,
      );
      ended.forEach((id, i) => tx.del(keys.userSessions(id), ...sessions[i]!.map((hash) => keys.session(hash))));
      for (const user of backup.users) {
        tx.hset(keys.users, user.id, JSON.stringify(user));
        tx.hset(keys.usernames, user.username, user.id);
        if (user.role === 'owner') tx.set(keys.owner, user.id);
      }
      for (const [key, list] of [
        [keys.units, backup.units],
        [keys.teams, backup.teams],
        [keys.policies, backup.policies],
        [keys.kiosks, backup.kiosks],
      ] as const) {
        for (const record of list) tx.hset(key, record.id, JSON.stringify(record));
      }
      for (const kiosk of backup.kiosks) tx.hset(keys.kioskTokens, kiosk.tokenHash, kiosk.id);
      tx.set(keys.installation, JSON.stringify(markerNow(this.clock(), parseMarker(marker), 'ok')));
    };
    const layouts = (tx: ChainableCommander): void => {
      tx.del(this.layouts.layouts, this.layouts.seeded);
      for (const layout of backup.layouts) tx.hset(this.layouts.layouts, layout.id, JSON.stringify(layout));
      if (backup.seededLayouts.length > 0) tx.sadd(this.layouts.seeded, ...backup.seededLayouts);
    };
    const retention = (tx: ChainableCommander): void => {
      tx.del(statsKeys(prefix).retention);
      for (const [category, rule] of Object.entries(backup.retention)) {
        if (rule.days !== null) tx.hset(statsKeys(prefix).retention, category, String(rule.days));
      }
    };
    const recordings = (tx: ChainableCommander): void => {
      const recorded = backup.recordings ?? { queues: [], users: [] };
      tx.del(this.recordings.keys.queues, this.recordings.keys.users);
      if (recorded.queues.length > 0) tx.sadd(this.recordings.keys.queues, ...recorded.queues);
      if (recorded.users.length > 0) tx.sadd(this.recordings.keys.users, ...recorded.users);
    };
    const alerts = (tx: ChainableCommander): void => {
      const { rules, webhooks } = alertKeys(prefix);
      tx.del(rules, webhooks);
      for (const rule of backup.alerts?.rules ?? []) tx.hset(rules, rule.id, JSON.stringify(rule));
      for (const webhook of backup.alerts?.webhooks ?? []) tx.hset(webhooks, webhook.id, JSON.stringify(webhook));
    };
    const pauseReasons = (tx: ChainableCommander): void => {
      // A file from before pause reasons were saved restores the defaults.
      tx.del(this.agentActions.reasons);
      if (backup.pauseReasons) tx.set(this.agentActions.reasons, pauseReasonsValue(backup.pauseReasons));
    };
    // The accounts' part last: its installation marker says the restore is done.
    await transact(
      redis,
      [layouts, retention, recordings, alerts, pauseReasons, access],
      'the restore was not applied',
    );

    const events: AccessEvent[] = [
      ...ended.map((userId) => ({ type: 'userRevoked', userId }) as const),
      ...revoked.map((kioskId) => ({ type: 'kioskRevoked', kioskId }) as const),
      { type: 'orgChanged' },
    ];
    for (const event of events) await redis.publish(keys.events, JSON.stringify(event));
    this.options.log.warn(
      { users: backup.users.length, from: backup.createdAt },
      'configuration restored from a backup',
    );
    return {
      users: backup.users.length,
      units: backup.units.length,
      teams: backup.teams.length,
      policies: backup.policies.length,
      kiosks: backup.kiosks.length,
      layouts: backup.layouts.length,
    };
  }
}

/** Every record of a hash of JSON records, by id. */
async function records<T extends { id: string }>(redis: Redis, key: string): Promise<T[]> {
  return byId((await redis.hvals(key)).map((json) => JSON.parse(json) as T));
}

const byId = <T extends { id: string }>(list: T[]): T[] =>
  list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** Ids of the flat records (accounts, kiosks) `before` holds that `after` removes or changes, whatever their key order. */
function changed<T extends { id: string }>(before: readonly T[], after: readonly T[]): string[] {
  const text = (record: T) => JSON.stringify(record, Object.keys(record).sort());
  const next = new Map(after.map((record) => [record.id, text(record)]));
  return before.filter((record) => next.get(record.id) !== text(record)).map((record) => record.id);
}
