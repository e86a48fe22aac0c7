import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runBackupCommand } from '../../server/backup/command.ts';
import type { Backup } from '../../server/contract/backup.ts';
import type { App } from '../../server/compose.ts';
import type { RedisConfig, RedisNode } from '../../server/config.ts';
import type { Simulator } from '../../server/sim/index.ts';
import { redisKeys } from '../../server/store/keys.ts';
import { boardConfig, ownerCookie, startBoardApp, uniquePrefix } from '../support/board-app.ts';
import { BoardClient } from '../support/board-client.ts';
import { eventually, getJson } from '../support/eventually.ts';
import { ask } from '../support/redis-server.ts';
import { waitFor } from '../support/wait.ts';
import { startRedisCluster, type RedisCluster } from '../support/redis-cluster.ts';
import { startRedisSentinel, type RedisSentinel } from '../support/redis-sentinel.ts';
import { testLogger } from '../support/test-logger.ts';
import {
  expectCountedOnce,
  expectIdenticalBoards as identical,
  liveBoard as live,
  startTrafficSimulator,
  traffic,
} from '../support/sim-traffic.ts';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function simulator(): Promise<Simulator> {
  const sim = await startTrafficSimulator();
  cleanup.push(() => sim.close());
  return sim;
}

/** A board process on the Redis set-up that `redis` names (REDIS_URL's default is then not used). */
async function app(redis: Partial<RedisConfig>, amiPort: number, prefix: string, instanceId: string): Promise<App> {
  const config = boardConfig({ redisUrl: 'redis://127.0.0.1:6379', amiPort, prefix, instanceId });
  const started = await startBoardApp({ ...config, redis: { ...config.redis, ...redis } });
  cleanup.push(() => started.close());
  return started;
}

/**
 * A board on `url`, logged in with a session made on `loginUrl` (every process reads the sessions from Redis). Just
 * after a fail-over a login may be answered 503 with Retry-After, as during any Redis outage: it is asked again.
 */
async function board(url: string, loginUrl = url): Promise<BoardClient> {
  const cookie = await eventually(
    () =>
      ownerCookie(loginUrl).catch((error: Error) => (error.message.includes(' 503 ') ? null : Promise.reject(error))),
    'a login once Redis answers',
    { timeoutMs: 15_000, intervalMs: 200 },
  );
  const client = BoardClient.connect(url, { extraHeaders: { Cookie: cookie } });
  cleanup.push(() => client.close());
  await live(client);
  return client;
}

type Start = (amiPort: number, prefix: string, instanceId: string) => Promise<App>;

/**
 * Two processes under traffic while `failover` promotes a replica: both boards converge, the live state reaches the
 * new master up to the last delta, a board opened afterwards equals them, and every call is counted once.
 */
async function convergesThroughFailover(
  start: Start,
  failover: (prefix: string) => Promise<{ before: RedisNode; promoted: RedisNode }>,
): Promise<void> {
  const sim = await simulator();
  const prefix = uniquePrefix();
  const first = await start(sim.port, prefix, 'first');
  const second = await start(sim.port, prefix, 'second');
  const onFirst = await board(first.url);
  const onSecond = await board(second.url);
  await traffic(sim, 30);

  const [{ before, promoted }] = await Promise.all([failover(prefix), traffic(sim, 60)]);
  expect(promoted.port).not.toBe(before.port);

  await traffic(sim, 60);
  await identical(onFirst, onSecond);
  const meta = redisKeys(prefix).meta('pbx');
  await waitFor(
    async () => Number(await ask(promoted, 'HGET', meta, 'seq')) === onFirst.board!.seq,
    'the live state written to the new master',
  );
  const later = await board(second.url);
  await identical(onSecond, later);
  expect((await getJson(`${second.url}/healthz`)).body).toMatchObject({ leaseHolder: 'first', redis: { up: true } });
  await expectCountedOnce(sim, first.url);
}

describe('Redis Cluster', () => {
  let cluster: RedisCluster;
  beforeAll(async () => {
    cluster = await startRedisCluster();
  });
  afterAll(() => cluster?.stop());
  // Found through one of its nodes: the rest are discovered.
  const onCluster: Start = (amiPort, prefix, instanceId) =>
    app({ cluster: cluster.nodes.slice(0, 1) }, amiPort, prefix, instanceId);

  it('two processes on a three-master cluster serve identical boards, the statistics and each other’s sessions', async () => {
    const sim = await simulator();
    const prefix = uniquePrefix();
    const first = await onCluster(sim.port, prefix, 'first');
    const second = await onCluster(sim.port, prefix, 'second');
    const onFirst = await board(first.url);
    // The second process's board gets the holder's deltas through the sharded Socket.IO adapter.
    const onSecond = await board(second.url, first.url);

    await traffic(sim, 120);
    await identical(onFirst, onSecond);
    expect(onSecond.board!.queues.get('sales')!.counters.joined).toBeGreaterThan(0);
    expect((await getJson(`${second.url}/healthz`)).body).toMatchObject({ leaseHolder: 'first', readingAmi: false });
    await expectCountedOnce(sim, second.url);
    expect(onSecond.gaps).toBe(0);
    // Each process's adapter listens on the namespace's channel with SSUBSCRIBE, on the node owning its slot.
    expect(await cluster.shardSubscribers(`${redisKeys(prefix).socketIo}#/#`)).toBe(2);
    // The features' hash tags put their keys on different masters.
    expect(await cluster.mastersWithKeys(`${prefix}:`)).toBeGreaterThan(1);
  });

  it('keeps both boards converging while a master is failed over to its replica during traffic', async () => {
    // The master holding this source's live state and AMI lease hands its slots to its replica mid-traffic.
    await convergesThroughFailover(onCluster, async (prefix) => {
      const liveState = redisKeys(prefix).meta('pbx');
      const before = await cluster.masterOf(liveState);
      const promoted = await cluster.failover(liveState);
      expect((await cluster.masterOf(liveState)).port).toBe(promoted.port);
      return { before, promoted };
    });
  });

  it('exports and restores a backup, whose features live on different masters', async () => {
    const sim = await simulator();
    const prefix = uniquePrefix();
    await onCluster(sim.port, prefix, 'only');
    const backup = async (args: string[], stdin = '') => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runBackupCommand(args, {
        env: { REDIS_CLUSTER_NODES: cluster.env, REDIS_PREFIX: prefix },
        stdin: Readable.from([stdin]),
        stdout: (text) => void out.push(text),
        stderr: (text) => void err.push(text),
        log: testLogger('backup'),
      });
      return { code, stdout: out.join(''), stderr: err.join('') };
    };
    const exported = await backup(['export']);
    expect(exported.code).toBe(0);
    const saved = JSON.parse(exported.stdout) as Backup;
    expect(saved.users.map((user) => user.username)).toEqual(['owner']);
    expect(saved.layouts.length).toBeGreaterThan(0);

    const edited = { ...saved, retention: { ...saved.retention, callRecords: { days: 30 } } };
    expect(await backup(['restore', '-'], JSON.stringify(edited))).toMatchObject({ code: 0 });
    const again = JSON.parse((await backup(['export'])).stdout) as Backup;
    expect({ ...again, createdAt: null }).toEqual({ ...edited, createdAt: null });
  });
});

describe('Redis behind Sentinel', () => {
  let sentinel: RedisSentinel;
  beforeAll(async () => {
    sentinel = await startRedisSentinel();
  });
  afterAll(() => sentinel?.stop());
  const behindSentinel: Start = (amiPort, prefix, instanceId) =>
    app({ sentinel: { nodes: sentinel.sentinels, name: sentinel.name } }, amiPort, prefix, instanceId);

  it('follows the master the sentinel promotes during traffic: boards converge and every call is counted once', async () => {
    await convergesThroughFailover(behindSentinel, async () => {
      const before = await sentinel.master();
      return { before, promoted: await sentinel.failover() };
    });
  });
});
