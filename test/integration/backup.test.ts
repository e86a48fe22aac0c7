import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runBackupCommand } from '../../server/backup/command.ts';
import { backupRoutes } from '../../server/backup/routes.ts';
import type { AlertRule, Webhook } from '../../server/contract/alerts.ts';
import type { Backup } from '../../server/contract/backup.ts';
import type { KioskCreatedView, UnitView } from '../../server/contract/accounts.ts';
import { LayoutRepository } from '../../server/layouts/repository.ts';
import { AlertStore } from '../../server/alerts/store.ts';
import { RecordingStore } from '../../server/recordings/store.ts';
import { agentActionKeys, alertKeys, layoutKeys, recordingKeys } from '../../server/store/keys.ts';
import { AgentActionStore } from '../../server/agent-actions/store.ts';
import { DEFAULT_PAUSE_REASONS } from '../../server/contract/agent-actions.ts';
import { closeRedis } from '../../server/store/redis.ts';
import { createRetention } from '../../server/stats/redis/retention.ts';
import { ApiClient, loggedIn, startAccessApp, startWith, type AccessApp } from '../support/access-app.ts';
import { startRedisServer, type RedisProcess } from '../support/redis-server.ts';
import { testLogger } from '../support/test-logger.ts';

/** A redis-server of its own: the round trip empties it. */
let server: RedisProcess;
let app: AccessApp;
let owner: ApiClient;
let kiosk: KioskCreatedView;
let dir: string;
let admin: Redis;
beforeAll(async () => {
  server = await startRedisServer();
  admin = new Redis(server.url);
  dir = await mkdtemp(path.join(tmpdir(), 'tablica-backup-'));
});
afterAll(async () => {
  await app.close();
  await closeRedis(admin);
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});

const prefix = () => app.access.options.prefix;
const layouts = () => new LayoutRepository(app.redis, layoutKeys(prefix()));
const reasons = () => new AgentActionStore(app.redis, agentActionKeys(prefix()));
const retention = () => createRetention(app.redis, { prefix: prefix(), log: testLogger() });

/** Every key of the board with its value, to prove that a refused restore changed nothing. */
/** Everything in Redis but the sessions, whose last use every request notes. */
async function everything(): Promise<Record<string, unknown>> {
  const all: Record<string, unknown> = {};
  for (const key of (await app.redis.keys('*')).sort().filter((name) => !name.includes(':session:'))) {
    const type = await app.redis.type(key);
    all[key] =
      type === 'hash'
        ? await app.redis.hgetall(key)
        : type === 'set'
          ? (await app.redis.smembers(key)).sort()
          : await app.redis.get(key);
  }
  return all;
}

/** `npm run backup -- …` against this Redis: exit code and what it wrote. */
async function command(args: string[], stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runBackupCommand(args, {
    env: { REDIS_URL: server.url, REDIS_PREFIX: prefix() },
    stdin: Readable.from([stdin]),
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    log: testLogger('backup'),
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

beforeEach(async () => {
  await app?.close();
  await admin.flushall();
  app = await startAccessApp({ redisUrl: server.url, routes: backupRoutes });
  const ids = await startWith(app, [
    ['boss', 'owner'],
    ['ada', 'administrator'],
    ['alice', 'agent', { interfaces: ['PJSIP/1001'] }],
  ]);
  owner = await loggedIn(app.url, 'boss', 'boss password 1');
  const unit = await owner.call<UnitView>('POST', '/api/units', {
    name: 'Sales',
    members: [ids.get('alice')],
    queues: ['sales'],
  });
  const team = await owner.call<{ id: string }>('POST', '/api/teams', { name: 'Night', members: [ids.get('alice')] });
  expect([unit.status, team.status]).toEqual([201, 201]);
  expect((await owner.call('POST', '/api/policies', { policy: 'chat.disabled', team: team.body.id })).status).toBe(201);
  const layout = await layouts().create({ name: 'Wall', columns: 1, locale: 'pl' }, 'boss');
  kiosk = (await owner.call<KioskCreatedView>('POST', '/api/kiosk', { layoutId: layout.id, name: 'Lobby TV' })).body;
  await retention().update({ callRecords: { days: 30 } });
  await new RecordingStore(app.redis, recordingKeys(prefix())).setSettings({
    queues: ['sales'],
    users: [ids.get('alice')!],
  });
  const alerts = new AlertStore(app.redis, alertKeys(prefix()));
  await alerts.putWebhook({ ...WEBHOOK });
  await alerts.putRule({ ...RULE });
  await reasons().setReasons(['Training', 'Lunch']);
  // What the server's watch does every few seconds: this process has seen the installation.
  await app.access.installation.check();
});

const WEBHOOK: Webhook = {
  id: 'chat',
  name: 'Team chat',
  url: 'https://chat.example/hooks/1',
  format: 'mattermost',
  secret: 'a-secret-of-sixteen-chars',
  enabled: true,
};
const RULE: AlertRule = {
  id: 'sales-sl',
  name: 'Sales service level',
  queue: 'sales',
  metric: 'serviceLevel',
  raise: { threshold: 80, forSec: 300 },
  clear: { threshold: 85, forSec: 120 },
  webhooks: ['chat'],
  enabled: true,
};

async function download(): Promise<Backup> {
  const answer = await owner.call<Backup>('GET', '/api/backup');
  expect(answer.status).toBe(200);
  expect(answer.headers.get('content-disposition')).toMatch(
    /^attachment; filename="?tablica-backup-\d{4}-\d{2}-\d{2}\.json"?$/,
  );
  return answer.body;
}

describe('configuration backup and restore', () => {
  it('round trip: export, empty Redis, restore with the command; the old passwords, units, layouts (their language too) and kiosk links work', async () => {
    const backup = await download();
    expect(backup).toMatchObject({
      format: 'tablica-configuration',
      version: 1,
      retention: { callRecords: { days: 30 } },
    });
    expect(backup.recordings).toEqual({
      queues: ['sales'],
      users: [backup.users.find((user) => user.username === 'alice')!.id],
    });
    expect(backup.alerts).toEqual({ rules: [RULE], webhooks: [WEBHOOK] });
    expect(backup.pauseReasons).toEqual(['Training', 'Lunch']);
    const file = path.join(dir, 'backup.json');
    await writeFile(file, JSON.stringify(backup));

    await admin.flushall();
    expect(await new ApiClient(app.url).call('GET', '/api/setup')).toMatchObject({ body: { needed: false } });
    const restored = await command(['restore', file]);
    expect(restored).toMatchObject({
      code: 0,
      stderr: 'restored: 3 users, 1 units, 1 teams, 1 policies, 1 kiosks, 1 layouts\n',
    });

    const boss = await loggedIn(app.url, 'boss', 'boss password 1');
    await loggedIn(app.url, 'alice', 'alice password 1');
    expect((await boss.call<UnitView[]>('GET', '/api/units')).body).toMatchObject([
      { name: 'Sales', queues: ['sales'] },
    ]);
    expect((await boss.call('GET', '/api/policies')).body).toMatchObject([{ policy: 'chat.disabled' }]);
    expect((await layouts().list()).map((layout) => layout.name)).toEqual(['Wall']);
    expect(await layouts().get(kiosk.layoutId)).toMatchObject({ locale: 'pl' });
    const tv = await new ApiClient(app.url).call('GET', '/api/kiosk/self', undefined, {
      Authorization: `Bearer ${kiosk.token}`,
    });
    expect(tv).toMatchObject({ status: 200, body: { name: 'Lobby TV' } });
    expect(await retention().rules()).toMatchObject({ callRecords: { days: 30 }, statistics: { days: null } });
    expect(await reasons().reasons()).toEqual(['Training', 'Lunch']);
    expect((await boss.call('GET', '/api/installation')).body).toMatchObject({ data: 'ok', lostAt: null });
    const exported = JSON.parse((await command(['export'])).stdout) as Backup;
    expect({ ...exported, createdAt: backup.createdAt }).toEqual(backup);
  });

  it('restores from the Owner over HTTP, replacing what changed since, and ends the sessions of changed accounts', async () => {
    const backup = await download();
    const alice = await loggedIn(app.url, 'alice', 'alice password 1');
    const ada = await loggedIn(app.url, 'ada', 'ada password 1');
    await owner.call('POST', '/api/units', { name: 'Extra' });
    const aliceId = backup.users.find((user) => user.username === 'alice')!.id;
    await owner.call('POST', `/api/users/${aliceId}/password`, { password: 'a new password 1' });

    const answer = await owner.call('POST', '/api/backup/restore', backup);
    expect(answer).toMatchObject({ status: 200, body: { users: 3, units: 1, layouts: 1 } });
    expect((await owner.call<UnitView[]>('GET', '/api/units')).body.map((unit) => unit.name)).toEqual(['Sales']);
    await loggedIn(app.url, 'alice', 'alice password 1');
    expect((await alice.call('GET', '/api/session')).status).toBe(401);
    expect((await ada.call('GET', '/api/session')).status).toBe(200);
  });

  it('restores a file from before pause reasons were saved with the default reasons', async () => {
    const { pauseReasons: _saved, ...older } = await download();
    expect(await owner.call('POST', '/api/backup/restore', older)).toMatchObject({ status: 200 });
    expect(await reasons().reasons()).toEqual([...DEFAULT_PAUSE_REASONS]);
    expect((await download()).pauseReasons).toEqual([...DEFAULT_PAUSE_REASONS]);
  });

  it('refuses bad files with a clear error and changes nothing', async () => {
    const backup = await download();
    const before = await everything();
    const alice = backup.users.find((user) => user.username === 'alice')!;
    const owners = backup.users.map((user) => (user.username === 'ada' ? { ...user, role: 'owner' as const } : user));
    const bad: [unknown, string][] = [
      [{ hello: 'world' }, 'Format must be "tablica-configuration": this is not a Tablica configuration backup.'],
      [{ ...backup, version: 2 }, 'Version 2 is not one this server reads (it reads version 1).'],
      [{ ...backup, users: owners }, 'The backup must hold exactly one owner account, not 2.'],
      [
        { ...backup, units: [{ ...backup.units[0]!, members: ['nobody'] }] },
        'Unit 1 (Sales) in the backup: Members: there is no user with the id nobody.',
      ],
      [
        { ...backup, layouts: [] },
        `Kiosk link 1 (Lobby TV) shows the layout ${kiosk.layoutId}, which the backup does not hold.`,
      ],
      [
        { ...backup, users: [{ ...backup.users[0]!, passwordHash: 'plain' }] },
        'Users, item 1, password hash must be a scrypt hash as Tablica stores it.',
      ],
      [
        { ...backup, users: [...backup.users, { ...alice, id: 'x' }] },
        "The username alice appears twice in the backup's users.",
      ],
      [
        { ...backup, users: [...backup.users, { ...alice, id: 'x', username: 'alicia' }] },
        "The linked interface PJSIP/1001 appears twice in the backup's users.",
      ],
      [{ ...backup, pauseReasons: [] }, 'Pause reasons must hold at least one reason.'],
      [
        { ...backup, recordings: { queues: [], users: ['nobody'] } },
        'The recording settings name the user nobody, whom the backup does not hold.',
      ],
      [
        { ...backup, alerts: { rules: [{ ...RULE, webhooks: ['gone'] }], webhooks: [] } },
        'Alert rule 1 (Sales service level) sends to the webhook gone, which the backup does not hold.',
      ],
    ];
    for (const [file, error] of bad) {
      expect(await owner.call('POST', '/api/backup/restore', file)).toMatchObject({
        status: 400,
        body: { ok: false, error },
      });
    }
    const written = path.join(dir, 'bad.json');
    await writeFile(written, '{"format": "tablica-configuration"');
    const notJson = await command(['restore', written]);
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toMatch(/^tablica backup: \S+bad\.json is not JSON: /);
    expect(await command(['restore', '-'], JSON.stringify({ ...backup, version: 2 }))).toMatchObject({
      code: 1,
      stderr: 'tablica backup: Version 2 is not one this server reads (it reads version 1).\n',
    });
    expect(await everything()).toEqual(before);
  });

  it("is the Owner's alone", async () => {
    const ada = await loggedIn(app.url, 'ada', 'ada password 1');
    expect((await ada.call('GET', '/api/backup')).status).toBe(403);
    expect((await ada.call('POST', '/api/backup/restore', {})).status).toBe(403);
    expect((await new ApiClient(app.url).call('GET', '/api/backup')).status).toBe(401);
    expect((await new ApiClient(app.url).call('POST', '/api/backup/restore', {})).status).toBe(401);
  });
});
