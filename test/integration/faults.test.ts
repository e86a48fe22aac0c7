import { afterEach, describe, expect, inject, it } from 'vitest';
import type { CallView } from '../../server/contract/board.ts';
import type { CallOutcome, CallRecordsResponse, StatsResponse } from '../../server/contract/stats.ts';
import type { Simulator } from '../../server/sim/index.ts';
import { boardConfig, ownerCookie, startBoardApp, uniquePrefix } from '../support/board-app.ts';
import { BoardClient, type BoardModel } from '../support/board-client.ts';
import { simulatorBoardEnv, spawnBoard, type BoardProcess } from '../support/board-process.ts';
import { eventually, getJson } from '../support/eventually.ts';
import { parseQueueLog, queueLogTotals, readQueueLog } from '../support/queue-log.ts';
import {
  boardTotals,
  expectCountedOnce,
  expectIdenticalBoards,
  liveBoard,
  pbxCalls,
  pbxListing,
  pbxTalking,
  pbxTotals,
  showsPbx,
  startTrafficSimulator,
  traffic,
} from '../support/sim-traffic.ts';
import { queueFigures, queueLogFigures, queueLogQueues } from '../support/stats.ts';
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
  const sim = await startTrafficSimulator();
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
    { timeoutMs: 15_000 },
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

/** A server reading the PBX through a TCP relay the test can cut, and a live board on it. */
async function behindProxy() {
  const sim = await simulator();
  const proxy = await startTcpProxy(sim.port);
  cleanup.push(() => proxy.close());
  const app = await startBoardApp(boardConfig({ redisUrl, amiPort: proxy.port, prefix: uniquePrefix() }));
  cleanup.push(() => app.close());
  const client = await board(app.url);
  await liveBoard(client);
  return { sim, proxy, app, client };
}

describe('the AMI peer dropped mid-call', () => {
  it('reconnects and resyncs: the calls in progress go on, the board converges, every call is counted once', async () => {
    const { sim, proxy, app, client } = await behindProxy();

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

  it('the PBX goes on while the link is cut: every call queue_log ended is recorded once, unless it came and went unseen', async () => {
    const { sim, proxy, app, client } = await behindProxy();

    const cuts: [number, number][] = [];
    for (let cut = 1; cut <= 3; cut += 1) {
      await midCall(sim, client);
      // Everything the PBX said before the cut was read.
      await expectWaitingAsListed(sim, client);
      const cutAt = Date.now();
      const from = sim.now();
      proxy.drop();
      await traffic(sim, 20);
      cuts.push([from, sim.now()]);
      await relinked(client, cutAt);
    }
    await traffic(sim, 120);
    await expectWaitingAsListed(sim, client);
    await expectRecordedOnce(sim, app.url, cuts);
    await expectIdenticalBoards(client, await board(app.url));
  });
});

/**
 * How queue_log ends a call, and the outcome its record has when we saw the end. A call that ended during a cut may
 * also be `left` (its exit unseen) or `answered` (seen talking).
 */
const END_OUTCOMES: Record<string, readonly CallOutcome[]> = {
  COMPLETECALLER: ['answered'],
  COMPLETEAGENT: ['answered'],
  ABANDON: ['abandoned'],
  EXITWITHTIMEOUT: ['timedOut'],
};

/**
 * Each call queue_log ended has one call record, with the outcome queue_log gives, unless it ended during a cut
 * (simulated times in `cuts`, whole seconds as queue_log writes them): then its exit was not seen, and it may be
 * `left` (or `answered`, once seen talking); a call that both joined and ended during one cut may have none.
 */
async function expectRecordedOnce(sim: Simulator, url: string, cuts: readonly [number, number][]): Promise<void> {
  const log = parseQueueLog(sim.center.queueLog());
  const during = (time: number) =>
    cuts.find(([from, to]) => time >= Math.floor(from / 1000) && time <= Math.ceil(to / 1000));
  const ends = log.filter((entry) => END_OUTCOMES[entry.event]);
  const joins = new Map(log.filter((entry) => entry.event === 'ENTERQUEUE').map((entry) => [entry.callId, entry.time]));
  const records = async () =>
    (
      await getJson<CallRecordsResponse>(
        `${url}/api/calls?since=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}&limit=1000`,
        await ownerCookie(url),
      )
    ).body.calls;
  const expected = ends.filter((end) => {
    const cut = during(end.time);
    return !cut || cut !== during(joins.get(end.callId) ?? 0);
  });
  const calls = await eventually(
    async () => {
      const found = await records();
      return expected.every((end) => found.some((call) => call.id === end.callId)) && found;
    },
    'a record of every call queue_log ended',
    { timeoutMs: 10_000 },
  );
  expect(new Set(calls.map((call) => call.id)).size, 'calls recorded twice').toBe(calls.length);
  for (const end of ends) {
    const call = calls.find((record) => record.id === end.callId);
    const allowed = during(end.time) ? [...END_OUTCOMES[end.event]!, 'left', 'answered'] : END_OUTCOMES[end.event]!;
    if (call) expect(allowed, `${end.callId} ended by ${end.event}`).toContain(call.outcome);
  }
  expect(
    calls.every((call) => joins.has(call.id)),
    'records of calls queue_log does not have',
  ).toBe(true);
  expect(calls.filter((call) => call.outcome !== 'left' && !ends.some((end) => end.callId === call.id))).toEqual([]);
}

describe('the process holding the AMI lease killed mid-call', () => {
  // Server processes start on a loaded machine: a generous timeout (a guard, not a speed target).
  it('the other process takes over: the board converges and every call is counted once', async () => {
    const sim = await simulator();
    // The server's default lease settings: the takeover measured in `npm run bench -- takeover` is this one.
    const env = simulatorBoardEnv(sim.port, redisUrl, uniquePrefix());
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

    const pbx = await pbxCalls(sim);
    const killedAt = Date.now();
    await holder.stop('SIGKILL');
    // The dead holder never said its link went down; the new holder's own AMI login shows on the board, and with it
    // the callers the PBX has (it stands still until the traffic below).
    await waitFor(
      () => onStandby.board && showsPbx(onStandby.board, pbx, killedAt),
      "the board to show the new holder's login and the PBX's callers",
      { timeoutMs: 15_000 },
    );
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
    await waitFor(() => client.board && !client.board.link.ami.up, 'the end of the trace on the board', {
      timeoutMs: 15_000,
    });

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

    const names = queueLogQueues(log);
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
    const ofQueue = (stats: StatsResponse, name: string) => queueFigures(stats.queues.find((row) => row.name === name));
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
