import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { boardConfig, ownerCookie, startBoardApp, uniquePrefix } from '../support/board-app.ts';
import { BoardClient } from '../support/board-client.ts';
import { ask, startRedisServer } from '../support/redis-server.ts';
import {
  boardTotals,
  expectCountedOnce,
  liveBoard,
  pbxTotals,
  startTrafficSimulator,
  traffic,
} from '../support/sim-traffic.ts';
import { eventually, getJson } from '../support/eventually.ts';

/**
 * A master that fails over loses the writes it acknowledged last, before its replica had them. Here Redis loses every
 * statistic at once (the keys are deleted) and drops the server's connections, as a demoted master does: once the
 * server has reconnected, the last minute's statistics are written again, and every call is counted, once.
 */
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

describe('statistics lost by Redis in a failover', () => {
  it('are written again after the server reconnects', async () => {
    // A Redis that keeps its data: an emptied one is reported as a loss, and its logins wait for the Owner.
    const aofDir = await mkdtemp(path.join(tmpdir(), 'tablica-failover-loss-'));
    cleanup.push(() => rm(aofDir, { recursive: true, force: true }));
    const redis = await startRedisServer(undefined, { aofDir });
    cleanup.push(() => redis.stop());
    const node = { host: '127.0.0.1', port: redis.port };
    const sim = await startTrafficSimulator();
    cleanup.push(() => sim.close());
    const prefix = uniquePrefix();
    const app = await startBoardApp(boardConfig({ redisUrl: redis.url, amiPort: sim.port, prefix }));
    cleanup.push(() => app.close());
    const board = BoardClient.connect(app.url, { extraHeaders: { Cookie: await ownerCookie(app.url) } });
    cleanup.push(() => board.close());
    await liveBoard(board);

    await traffic(sim, 120);
    const pbx = await pbxTotals(sim);
    expect(pbx.completed).toBeGreaterThan(5);
    await eventually(async () => (await boardTotals(app.url)).completed === pbx.completed, 'the calls counted');

    const [, statsKeys] = (await ask(node, 'SCAN', '0', 'MATCH', `${prefix}:{stats}*`, 'COUNT', '100000')) as [
      string,
      string[],
    ];
    expect(statsKeys.length).toBeGreaterThan(0);
    await ask(node, 'DEL', ...statsKeys);
    expect((await boardTotals(app.url)).completed).toBe(0);
    await ask(node, 'CLIENT', 'KILL', 'TYPE', 'normal');
    await eventually(async () => (await getJson(`${app.url}/healthz`)).status === 200, 'the server reconnected');

    await expectCountedOnce(sim, app.url);
  });
});
