import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { parseMarker } from '../../server/access/installation.ts';
import { backupRoutes } from '../../server/backup/routes.ts';
import type { InstallationView } from '../../server/contract/installation.ts';
import { accessKeys } from '../../server/store/keys.ts';
import { readPersistence } from '../../server/store/persistence.ts';
import { closeRedis } from '../../server/store/redis.ts';
import {
  ApiClient,
  loggedIn,
  startAccessApp,
  startWith,
  TEST_AUTH,
  type AccessApp,
  type AccessAppOptions,
} from '../support/access-app.ts';
import { startRedisServer } from '../support/redis-server.ts';

const PASSWORD = 'correct horse battery';
const ENV_OWNER = { username: 'root', password: 'owner from the environment' };
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function app(options: Partial<AccessAppOptions> = {}): Promise<AccessApp> {
  const started = await startAccessApp({ redisUrl: inject('redisUrl'), routes: backupRoutes, ...options });
  cleanup.push(() => started.close());
  return started;
}

/** What FLUSHALL or a Redis restarted without persistence does to this board's keys (the Redis is shared). */
async function empty(app: AccessApp): Promise<void> {
  const keys = await app.redis.keys(`${app.access.options.prefix}:*`);
  if (keys.length > 0) await app.redis.del(...keys);
}

async function setUp(app: AccessApp): Promise<ApiClient> {
  const client = new ApiClient(app.url);
  const created = await client.call<{ csrfToken: string }>('POST', '/api/setup', {
    username: 'boss',
    password: PASSWORD,
  });
  expect(created.status).toBe(201);
  client.csrf = created.body.csrfToken;
  return client;
}

const marker = async (app: AccessApp) =>
  parseMarker(await app.redis.get(accessKeys(app.access.options.prefix).installation));

describe('a first start and a Redis that lost its data', () => {
  it('offers the set-up on a first start and marks the installation when the Owner is created', async () => {
    const board = await app();
    expect(await new ApiClient(board.url).call('GET', '/api/setup')).toMatchObject({ body: { needed: true } });
    expect(await marker(board)).toBeNull();
    await setUp(board);
    expect(await marker(board)).toMatchObject({ status: 'ok', lostAt: null });
  });

  it('keeps the set-up closed once the data it saw is gone, in this process and in one started afterwards', async () => {
    const board = await app();
    await setUp(board);
    await empty(board);

    const anonymous = new ApiClient(board.url);
    expect(await anonymous.call('GET', '/api/setup')).toMatchObject({ status: 200, body: { needed: false } });
    const refused = await anonymous.call('POST', '/api/setup', { username: 'intruder', password: 'intruder password' });
    expect(refused.status).toBe(403);
    expect(String(refused.body.error)).toContain('Set-up is closed: this Redis lost');
    expect(await board.access.users.list()).toEqual([]);
    expect((await marker(board))?.status).toBe('lost');
    expect((await marker(board))?.lostAt).toBeTypeOf('string');
    expect(board.access.installation.view()?.data).toBe('lost');
    expect(board.access.installation.view()?.warnings[0]).toContain('restore a backup');

    const later = await app({ prefix: board.access.options.prefix });
    expect(await new ApiClient(later.url).call('GET', '/api/setup')).toMatchObject({ body: { needed: false } });
    expect(
      (
        await new ApiClient(later.url).call('POST', '/api/setup', {
          username: 'intruder',
          password: 'intruder password',
        })
      ).status,
    ).toBe(403);
  });

  it('takes an Owner that vanished under the marker for a loss', async () => {
    const board = await app();
    await setUp(board);
    const keys = accessKeys(board.access.options.prefix);
    await board.redis.del(keys.owner, keys.users, keys.usernames);
    expect(await new ApiClient(board.url).call('GET', '/api/setup')).toMatchObject({ body: { needed: false } });
    expect(await marker(board)).toMatchObject({ status: 'lost' });
  });

  it('marks an installation set up before markers existed, and offers it no set-up', async () => {
    const board = await app();
    await startWith(board, [['boss', 'owner']]);
    expect(await new ApiClient(board.url).call('GET', '/api/setup')).toMatchObject({ body: { needed: false } });
    expect(await marker(board)).toMatchObject({ status: 'ok' });
  });

  it('with OWNER_USERNAME and OWNER_PASSWORD, creates the Owner again after a loss and keeps the set-up closed', async () => {
    const board = await app({ auth: { ...TEST_AUTH, owner: ENV_OWNER } });
    const before = await loggedIn(board.url, ENV_OWNER.username, ENV_OWNER.password);
    await empty(board);

    const anonymous = new ApiClient(board.url);
    expect(
      await anonymous.call('POST', '/api/setup', { username: 'intruder', password: 'intruder password' }),
    ).toMatchObject({
      status: 409,
      body: { error: 'Set-up is done: the Owner account exists already.' },
    });
    expect((await board.access.users.list()).map((user) => [user.username, user.role])).toEqual([['root', 'owner']]);
    expect((await before.call('GET', '/api/session')).status).toBe(401);
    const owner = await loggedIn(board.url, ENV_OWNER.username, ENV_OWNER.password);
    const view = await owner.call<InstallationView>('GET', '/api/installation');
    expect(view.body.data).toBe('lost');
    expect(view.body.warnings[0]).toContain('the Owner exists again');

    expect(await owner.call<InstallationView>('POST', '/api/installation/acknowledge')).toMatchObject({
      status: 200,
      body: { data: 'ok', lostAt: null },
    });
    expect(await marker(board)).toMatchObject({ status: 'ok' });
  });

  it('shows the installation to the Owner and whole-board administrators only', async () => {
    const board = await app();
    await startWith(board, [
      ['boss', 'owner'],
      ['ada', 'administrator'],
      ['sam', 'supervisor'],
    ]);
    const ada = await loggedIn(board.url, 'ada', 'ada password 1');
    expect(await ada.call('GET', '/api/installation')).toMatchObject({
      status: 200,
      body: { data: 'ok', persistence: { mode: 'none' } },
    });
    expect((await ada.call('POST', '/api/installation/acknowledge')).status).toBe(403);
    expect((await (await loggedIn(board.url, 'sam', 'sam password 1')).call('GET', '/api/installation')).status).toBe(
      403,
    );
    expect((await new ApiClient(board.url).call('GET', '/api/installation')).status).toBe(401);
  });
});

describe('Redis persistence', () => {
  async function persistenceOf(args: string[]) {
    const server = await startRedisServer(undefined, { args });
    cleanup.push(() => server.stop());
    const redis = new Redis(server.url);
    cleanup.push(() => closeRedis(redis));
    return readPersistence(redis);
  }

  it('tells an append-only file, snapshots, nothing, and a Redis that refuses CONFIG', async () => {
    expect(await persistenceOf(['--appendonly', 'yes', '--dir', '/tmp'])).toEqual({
      mode: 'aof',
      detail: 'appendonly yes, save ""',
    });
    expect(await persistenceOf(['--save', '60 1', '--dir', '/tmp'])).toEqual({
      mode: 'snapshots',
      detail: 'appendonly no, save 60 1',
    });
    expect(await persistenceOf([])).toEqual({ mode: 'none', detail: 'appendonly no, save ""' });
    const refused = await persistenceOf(['--rename-command', 'CONFIG', '']);
    expect(refused.mode).toBe('unknown');
    expect(refused.detail).toMatch(/^Redis refused CONFIG GET: ERR unknown command/);
  });

  it('warns of a Redis without persistence in the installation view', async () => {
    const board = await app();
    await board.access.installation.check();
    expect(board.access.installation.view()?.persistence.mode).toBe('none');
    expect(board.access.installation.view()?.warnings).toEqual([
      'Redis keeps its data only in memory (appendonly no, save ""): its next restart loses every account, layout and ' +
        'statistic; run it with appendonly yes',
    ]);
  });
});
