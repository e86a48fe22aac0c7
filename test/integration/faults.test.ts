import { afterEach, describe, expect, inject, it } from 'vitest';
import type { CallView } from '../../server/contract/board.ts';
import type { StatsResponse } from '../../server/contract/stats.ts';
import type { Simulator } from '../../server/sim/index.ts';
import { boardConfig, ownerCookie, startBoardApp, startQuietSimulator, uniquePrefix } from '../support/board-app.ts';
import { BoardClient, type BoardModel } from '../support/board-client.ts';
import { simulatorBoardEnv, spawnBoard, type BoardProcess } from '../support/board-process.ts';
import { eventually, getJson } from '../support/eventually.ts';
import { queueLogTotals, readQueueLog } from '../support/queue-log.ts';
import {
  boardTotals,
  expectCountedOnce,
  expectIdenticalBoards,
  liveBoard,
  pbxListing,
  pbxTalking,
  pbxTotals,
  traffic,
} from '../support/sim-traffic.ts';
import { queueLogFigures } from '../support/stats.ts';
import { startTcpProxy } from '../support/tcp-proxy.ts';
import { finalQueueStatus } from '../support/trace-snapshot.ts';
import { startTracePlayer } from '../support/trace-player.ts';
import { waitFor } from '../support/wait.ts';

/**
 * Faults on a running server with a real redis-server and real sockets: the AMI peer dropped mid-call, the process
 * holding the AMI lease killed while another takes over, Asterisk restarted (recorded trace 13). Each time the board
 * converges (a board kept open shows what a fresh one is sent, and what the PBX lists), and the statistics count
 * every call once: what the PBX counted itself, or what its queue_log wrote. The kill of Redis itself, with and
 * without persistence, is in redis-loss.test.ts and redis-outage.test.ts.
 */

const redisUrl = inject('redisUrl');
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function board(url: string): Promise<BoardClient> {
  const client = BoardClient.connect(url, { extraHeaders: { Cookie: await ownerCookie(url) } });
  cleanup.push(() => client.close());
  return client;
}

async function simulator(): Promise<Simulator> {
  // Simulated time starts now, so that every call falls in the statistics window asked for.
  const sim = await startQuietSimulator({ rate: 30, startTime: Date.now() });
  cleanup.push(() => sim.close());
  return sim;
}

const talking = (model: BoardModel | undefined): CallView[] =>
  [...(model?.calls.values() ?? [])].filter((call) => call.state === 'connected');

/**
 * Traffic until the PBX has a caller talking to an agent, then the board showing exactly the PBX's talking callers:
 * the moment to break something. The board reads a burst of traffic after the PBX sent it: the calls it shows before
 * it has caught up may have ended in the PBX already, and must then be gone after the fault.
 */
async function midCall(sim: Simulator, client: BoardClient): Promise<CallView[]> {
  await eventually(
    async () => {
      await traffic(sim, 5);
      return pbxTalking(sim).length > 0;
    },
    'a caller talking to an agent in the PBX',
    { timeoutMs: 15_000 },
  );
  const listed = pbxTalking(sim);
  return waitFor(
    () => {
      const calls = talking(client.board);
      const shown = calls.map((call) => `${call.id} ${call.agentInterface}`).sort();
      return JSON.stringify(shown) === JSON.stringify(listed) && calls;
    },
    `the board to show the PBX's talking callers ${listed.join(', ')}`,
    { timeoutMs: 15_000 },
  );
}

/** The board shows the AMI link up again, from a login after `at`. */
const relinked = (client: BoardClient, at: number) =>
  waitFor(() => client.board?.link.ami.up && Date.parse(client.board.link.ami.since!) > at, 'the AMI link up again', {
    timeoutMs: 15_000,
  });

/** Calls in progress before a fault are the same calls once the board has the resync, connected to the same agent. */
async function expectStillTalking(client: BoardClient, before: readonly CallView[]): Promise<void> {
  await waitFor(
    () => before.every((call) => client.board?.calls.get(call.id)?.state === 'connected'),
    'the calls in progress after the resync',
  );
  for (const call of before) {
    expect(client.board!.calls.get(call.id), call.id).toMatchObject({
      state: 'connected',
      agentInterface: call.agentInterface,
      answeredAt: call.answeredAt,
    });
  }
}

/** The board's waiting callers are those the PBX lists. */
async function expectWaitingAsListed(sim: Simulator, client: BoardClient): Promise<void> {
  const { waiting } = await pbxListing(sim);
  await waitFor(
    () => {
      const shown = [...client.board!.calls.values()]
        .filter((call) => call.state === 'waiting')
        .map((call) => call.id)
        .sort();
      return JSON.stringify(shown) === JSON.stringify(waiting);
    },
    `the board's waiting callers to be ${waiting.join(', ')}`,
  );
}

describe('the AMI peer dropped mid-call', () => {
  it('reconnects and resyncs: the calls in progress go on, the board converges, every call is counted once', async () => {
    const sim = await simulator();
    const proxy = await startTcpProxy(sim.port);
    cleanup.push(() => proxy.close());
    const app = await startBoardApp(boardConfig({ redisUrl, amiPort: proxy.port, prefix: uniquePrefix() }));
    cleanup.push(() => app.close());
    const client = await board(app.url);
    await liveBoard(client);

    for (let drop = 1; drop <= 3; drop += 1) {
      const before = await midCall(sim, client);
      const droppedAt = Date.now();
      proxy.drop();
      await relinked(client, droppedAt);
      expect(proxy.connections()).toBe(drop + 1);
      await expectStillTalking(client, before);
    }
    await traffic(sim, 120);
    await expectWaitingAsListed(sim, client);
    const counted = await expectCountedOnce(sim, app.url);
    expect(counted.completed).toBeGreaterThan(10);
    await expectIdenticalBoards(client, await board(app.url));
  });
});

describe('the process holding the AMI lease killed mid-call', () => {
  // Server processes start on a loaded machine: a generous timeout (a guard, not a speed target).
  it('the other process takes over: the board converges and every call is counted once', async () => {
    const sim = await simulator();
    const env = simulatorBoardEnv(sim.port, redisUrl, uniquePrefix(), 2000);
    const processes: BoardProcess[] = [];
    cleanup.push(() => Promise.all(processes.map((p) => p.stop('SIGKILL'))));
    const [holder, standby] = [
      await spawnBoard({ ...env, INSTANCE_ID: 'holder' }),
      await spawnBoard({ ...env, INSTANCE_ID: 'standby' }),
    ];
    processes.push(holder, standby);
    const onHolder = await board(holder.url);
    const onStandby = await board(standby.url);
    await liveBoard(onHolder);
    await liveBoard(onStandby);
    expect((await getJson(`${standby.url}/healthz`)).body).toMatchObject({ leaseHolder: 'holder', readingAmi: false });

    await traffic(sim, 60);
    const before = await midCall(sim, onStandby);
    await expectIdenticalBoards(onHolder, onStandby);
    // What the holder read it also wrote before it dies: a SIGKILL takes the batch it had not written yet with it.
    const counted = await pbxTotals(sim);
    await eventually(
      async () => JSON.stringify(await boardTotals(standby.url)) === JSON.stringify(counted),
      "the holder's statistics written",
    );

    const killedAt = Date.now();
    await holder.stop('SIGKILL');
    // The dead holder never said its link went down; the new holder's own AMI login shows on the board.
    await relinked(onStandby, killedAt);
    expect((await getJson(`${standby.url}/healthz`)).body).toMatchObject({ leaseHolder: 'standby', readingAmi: true });
    await expectStillTalking(onStandby, before);

    await traffic(sim, 120);
    await expectWaitingAsListed(sim, onStandby);
    expect((await expectCountedOnce(sim, standby.url)).completed).toBeGreaterThan(counted.completed);
    await expectIdenticalBoards(onStandby, await board(standby.url));
  }, 180_000);
});

describe('Asterisk restarted (trace 13)', () => {
  it('the board converges to what Asterisk listed at the end, and the board and statistics equal queue_log', async () => {
    const since = new Date(Date.now() - 60_000).toISOString();
    const player = await startTracePlayer('13-asterisk-restart', { seed: 3 });
    cleanup.push(() => player.close());
    const config = boardConfig({ redisUrl, amiPort: player.port, prefix: uniquePrefix() });
    const endpoints = config.ami.endpoints.map((endpoint) => ({ ...endpoint, secret: 'wallboard-test-secret' }));
    // A recording cannot answer our pings.
    const app = await startBoardApp(
      { ...config, ami: { ...config.ami, endpoints } },
      { ami: { reconnect: { minMs: 10, maxMs: 50 }, keepaliveMs: 3_600_000 } },
    );
    cleanup.push(() => app.close());
    const client = await board(app.url);
    const report = await player.done;
    expect(report.sessions).toBe(2);
    await waitFor(() => client.board && !client.board.link.ami.up, 'the end of the trace on the board');

    const final = finalQueueStatus('13-asterisk-restart');
    const log = readQueueLog('13-asterisk-restart');
    const listedMembers = final.members.map((m) => `${m.queue as string} ${m.location as string}`).sort();
    expect([...client.board!.members.values()].map((m) => `${m.queue} ${m.interface}`).sort()).toEqual(listedMembers);
    const listedWaiting = final.entries.map((entry) => entry.uniqueid as string).sort();
    expect(
      [...client.board!.calls.values()]
        .filter((c) => c.state === 'waiting')
        .map((c) => c.id)
        .sort(),
    ).toEqual(listedWaiting);

    const names = [...new Set(log.filter((entry) => entry.event === 'ENTERQUEUE').map((entry) => entry.queue))];
    expect(names.length).toBeGreaterThan(0);
    const serviceLevel = (name: string) => client.board!.queues.get(name)?.serviceLevelSec ?? 0;
    for (const name of names) {
      expect(client.board!.queues.get(name)?.counters, `${name} on the board`).toEqual(
        queueLogTotals(log, name, serviceLevel(name)),
      );
    }
    const figures = async () =>
      (
        await getJson<StatsResponse>(
          `${app.url}/api/stats?since=${encodeURIComponent(since)}`,
          await ownerCookie(app.url),
        )
      ).body;
    const ofQueue = (stats: StatsResponse, name: string) => {
      const queue = stats.queues.find((row) => row.name === name);
      return {
        offered: queue?.offered,
        answered: queue?.answered,
        answeredWithinSl: queue?.answeredWithinSl,
        holdSecAnswered: queue?.holdSecAnswered,
        abandoned: queue?.abandoned,
        timedOut: queue?.timedOut,
        completed: queue?.completed,
        talkSec: queue?.talkSec,
      };
    };
    const expected = Object.fromEntries(names.map((name) => [name, queueLogFigures(log, name, serviceLevel(name))]));
    await eventually(async () => {
      const stats = await figures();
      return (
        JSON.stringify(Object.fromEntries(names.map((name) => [name, ofQueue(stats, name)]))) ===
        JSON.stringify(expected)
      );
    }, 'the statistics written');
    const stats = await figures();
    for (const name of names) expect(ofQueue(stats, name), `${name} in the statistics`).toEqual(expected[name]);
    await expectIdenticalBoards(client, await board(app.url));
  });
});
