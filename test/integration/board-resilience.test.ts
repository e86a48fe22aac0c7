import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { App } from '../../server/compose.ts';
import type { Simulator } from '../../server/sim/index.ts';
import { redisKeys } from '../../server/store/keys.ts';
import { LiveStateStore } from '../../server/store/live-state.ts';
import { boardConfig, ownerCookie, startBoardApp, startQuietSimulator, uniquePrefix } from '../support/board-app.ts';
import { BoardClient } from '../support/board-client.ts';
import { eventually, getJson } from '../support/eventually.ts';
import { freePort, startRedisServer } from '../support/redis-server.ts';
import { testLogger } from '../support/test-logger.ts';
import { waitFor } from '../support/wait.ts';

const ALICE = 'Local/1001@agents';
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function board(app: App): Promise<BoardClient> {
  const client = BoardClient.connect(app.url, { extraHeaders: { Cookie: await ownerCookie(app.url) } });
  cleanup.push(() => client.close());
  return client;
}

const live = (client: BoardClient) =>
  waitFor(() => client.board?.link.ami.up && client.board.members.size > 0, 'a live board', { timeoutMs: 10_000 });

/** What is stored in Redis for a board, read the way a restarted server reads it. */
function storedBoard(url: string, prefix: string) {
  const redis = new Redis(url, { maxRetriesPerRequest: 0 });
  // This reader is expected to fail while the test's Redis is down; its errors are answered by load() below.
  redis.on('error', () => undefined);
  cleanup.push(() => redis.disconnect());
  const store = new LiveStateStore(redis, redisKeys(prefix), 'pbx', testLogger());
  return () => store.load().catch(() => null);
}

describe('resilience', () => {
  it('keeps the board through a Redis restart, warns while it is down, and stores everything again once it is back', async () => {
    const redis = await startRedisServer();
    cleanup.push(() => redis.stop());
    const sim = await startQuietSimulator();
    cleanup.push(() => sim.close());
    const prefix = uniquePrefix();
    const app = await startBoardApp(boardConfig({ redisUrl: redis.url, amiPort: sim.port, prefix }));
    cleanup.push(() => app.close());
    const client = await board(app);
    await live(client);

    await redis.stop();
    await waitFor(() => client.board!.link.redis.up === false, 'the Redis warning on the board');
    const health = await getJson(`${app.url}/healthz`);
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ ok: false, redis: { up: false } });

    // The board stays live from memory while Redis is away.
    sim.center.pause(ALICE, 'sales', true, 'Lunch');
    await waitFor(
      () => client.board!.members.get(`sales\u0000${ALICE}`)?.state === 'paused',
      'a change while Redis is down',
    );

    const restarted = await startRedisServer(redis.port);
    cleanup.push(() => restarted.stop());
    const load = storedBoard(redis.url, prefix);
    const stored = await eventually(
      async () => {
        const found = await load();
        return found && client.board!.link.redis.up && found.seq === client.board!.seq && found;
      },
      'the whole state stored again',
      { timeoutMs: 10_000 },
    );
    expect(Object.keys(stored.state.queues).sort()).toEqual(['billing', 'sales', 'support']);
    expect(stored.state.queues.sales!.members.get(ALICE)).toMatchObject({ paused: true, pausedReason: 'Lunch' });
    expect((await getJson(`${app.url}/healthz`)).status).toBe(200);
  });

  it('serves the previous state, counters included, from Redis after a restart, before the AMI is back', async () => {
    const amiPort = await freePort();
    const prefix = uniquePrefix();
    const config = boardConfig({ redisUrl: inject('redisUrl'), amiPort, prefix });
    let sim: Simulator = await startQuietSimulator({ port: amiPort, rate: 20 });
    const first = await startBoardApp(config);
    const client = await board(first);
    await live(client);
    for (let second = 0; second < 600; second += 1) sim.advance(1_000);
    const sales = () => client.board!.queues.get('sales')!.counters;
    await waitFor(() => sales().answered > 0 && sales().joined > sales().answered, 'answered and waiting calls');
    await first.close();
    await sim.close();
    const before = client.board!.queues;
    const talkingAtCut = [...client.board!.calls.values()].filter(
      (call) => call.queue === 'sales' && call.state === 'connected',
    ).length;

    const restarted = await startBoardApp(config);
    cleanup.push(() => restarted.close());
    const after = await board(restarted);
    await after.ready();
    expect(after.board!.link.ami.up).toBe(false);
    expect(after.board!.queues).toEqual(before);
    const state = (
      await getJson<{ queues: { name: string; counters: { answered: number } }[] }>(
        `${restarted.url}/api/state`,
        await ownerCookie(restarted.url),
      )
    ).body;
    expect(state.queues.find((queue) => queue.name === 'sales')?.counters.answered).toBe(sales().answered);

    sim = await startQuietSimulator({ port: amiPort });
    cleanup.push(() => sim.close());
    await live(after);
    // The resync replaced the live part; the counters go on from where they were, and the callers talking at the cut,
    // whom this new PBX does not list, are settled once as completed.
    const held = before.get('sales')!.counters;
    expect(talkingAtCut).toBeGreaterThan(0);
    expect(after.board!.queues.get('sales')!.counters).toEqual({
      ...held,
      asteriskCompleted: held.asteriskCompleted + talkingAtCut,
    });
  });
});
