import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runBackupCommand } from '../../server/backup/command.ts';
import type { Config } from '../../server/config.ts';
import type { InstallationView } from '../../server/contract/installation.ts';
import type { App } from '../../server/compose.ts';
import { ApiClient, loggedIn } from '../support/access-app.ts';
import { boardConfig, startBoardApp, startQuietSimulator, TEST_OWNER, uniquePrefix } from '../support/board-app.ts';
import { eventually, getJson } from '../support/eventually.ts';
import { startRedisServer, type RedisProcess, type RedisServerOptions } from '../support/redis-server.ts';
import { testLogger } from '../support/test-logger.ts';

/** Fault tests: a real redis-server killed and started again on its port, with and without its append-only file. */
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function redisServer(port?: number, options?: RedisServerOptions): Promise<RedisProcess> {
  const server = await startRedisServer(port, options);
  cleanup.push(() => server.stop());
  return server;
}

async function board(redis: RedisProcess, change: (config: Config) => Config = (config) => config): Promise<App> {
  const sim = await startQuietSimulator();
  cleanup.push(() => sim.close());
  const app = await startBoardApp(change(boardConfig({ redisUrl: redis.url, amiPort: sim.port, prefix: PREFIX })));
  cleanup.push(() => app.close());
  return app;
}

const PREFIX = uniquePrefix();
const withoutOwnerEnv = (config: Config): Config => ({ ...config, auth: { ...config.auth, owner: null } });
const installation = async (app: App) =>
  (await getJson<{ installation: InstallationView }>(`${app.url}/healthz`)).body.installation;
const lost = (app: App) =>
  eventually(async () => (await installation(app)).data === 'lost', 'the loss reported by /healthz');

describe('Redis killed and started again', () => {
  it('with appendonly yes: sessions and accounts survive, no set-up is offered, /healthz says aof', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tablica-aof-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const redis = await redisServer(undefined, { aofDir: dir });
    const app = await board(redis);
    const owner = await loggedIn(app.url, TEST_OWNER.username, TEST_OWNER.password);
    const created = await owner.call('POST', '/api/users', {
      username: 'alice',
      password: 'alice password 1',
      role: 'agent',
    });
    expect(created.status).toBe(201);
    expect(await installation(app)).toMatchObject({ persistence: { mode: 'aof' }, data: 'ok', warnings: [] });

    await redis.kill();
    await redisServer(redis.port, { aofDir: dir });

    await eventually(
      async () => (await owner.call('GET', '/api/session')).status === 200,
      'the session back with Redis',
    );
    await loggedIn(app.url, 'alice', 'alice password 1');
    expect(await new ApiClient(app.url).call('GET', '/api/setup')).toMatchObject({
      status: 200,
      body: { needed: false },
    });
    expect(await installation(app)).toMatchObject({ persistence: { mode: 'aof' }, data: 'ok', warnings: [] });
  });

  it('empty, with OWNER_USERNAME and OWNER_PASSWORD: the loss is reported, the Owner is back, no set-up is offered', async () => {
    const redis = await redisServer();
    const app = await board(redis);
    const before = await loggedIn(app.url, TEST_OWNER.username, TEST_OWNER.password);
    expect(await installation(app)).toMatchObject({ persistence: { mode: 'none' }, data: 'ok' });

    await redis.kill();
    await redisServer(redis.port);
    await lost(app);
    const [loss, persistence] = (await installation(app)).warnings;
    expect(loss).toContain("Redis lost the board's accounts");
    expect(persistence).toContain('run it with appendonly yes');
    expect((await before.call('GET', '/api/session')).status).toBe(401);
    await loggedIn(app.url, TEST_OWNER.username, TEST_OWNER.password);
    const anonymous = new ApiClient(app.url);
    expect(await anonymous.call('GET', '/api/setup')).toMatchObject({ body: { needed: false } });
    expect(
      (await anonymous.call('POST', '/api/setup', { username: 'intruder', password: 'intruder password' })).status,
    ).toBe(409);
  });

  it('empty, without OWNER_*: the set-up stays closed, also for a server started later, until an operator allows it', async () => {
    const redis = await redisServer();
    const app = await board(redis, withoutOwnerEnv);
    const setUp = await new ApiClient(app.url).call('POST', '/api/setup', {
      username: 'boss',
      password: 'boss password 12',
    });
    expect(setUp.status).toBe(201);

    await redis.kill();
    await redisServer(redis.port);
    await lost(app);
    const intruder = { username: 'intruder', password: 'intruder password' };
    const refused = await new ApiClient(app.url).call('POST', '/api/setup', intruder);
    expect(refused.status).toBe(403);
    expect(String(refused.body.error)).toContain('npm run backup -- allow-setup');

    const later = await board(redis, withoutOwnerEnv);
    expect(await new ApiClient(later.url).call('GET', '/api/setup')).toMatchObject({ body: { needed: false } });
    expect((await new ApiClient(later.url).call('POST', '/api/setup', intruder)).status).toBe(403);

    const errors: string[] = [];
    const io = {
      env: { REDIS_URL: redis.url, REDIS_PREFIX: PREFIX },
      stdin: process.stdin,
      stdout: () => undefined,
      stderr: (text: string) => void errors.push(text),
      log: testLogger('backup'),
    };
    expect(await runBackupCommand(['allow-setup'], io)).toBe(0);
    expect(errors.join('')).toContain('set-up is open');
    expect(await new ApiClient(later.url).call('GET', '/api/setup')).toMatchObject({ body: { needed: true } });
    expect(
      (await new ApiClient(app.url).call('POST', '/api/setup', { username: 'boss', password: 'boss password 12' }))
        .status,
    ).toBe(201);
    expect(await installation(app)).toMatchObject({ data: 'ok' });
  });
});
