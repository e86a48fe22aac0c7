import { afterEach, describe, expect, inject, it } from 'vitest';
import type { App } from '../../server/compose.ts';
import type { Simulator } from '../../server/sim/index.ts';
import { boardConfig, ownerCookie, startBoardApp, startQuietSimulator, uniquePrefix } from '../support/board-app.ts';
import { BoardClient, plainBoard } from '../support/board-client.ts';
import { simulatorBoardEnv, spawnBoard, type BoardProcess } from '../support/board-process.ts';
import { eventually, getJson } from '../support/eventually.ts';
import { waitFor } from '../support/wait.ts';

const redisUrl = inject('redisUrl');
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function simulator(): Promise<Simulator> {
  const sim = await startQuietSimulator({ rate: 20 });
  cleanup.push(() => sim.close());
  return sim;
}

async function board(url: string): Promise<BoardClient> {
  const client = BoardClient.connect(url, { extraHeaders: { Cookie: await ownerCookie(url) } });
  cleanup.push(() => client.close());
  return client;
}

/** Simulated minutes of traffic, a second at a time, so that the AMI sees a realistic stream. */
async function traffic(sim: Simulator, seconds: number): Promise<void> {
  for (let i = 0; i < seconds; i += 1) {
    sim.advance(1_000);
    if (i % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}

const live = (client: BoardClient) =>
  waitFor(() => client.board?.link.ami.up && client.board.members.size > 0, 'a live board', { timeoutMs: 15_000 });

/** Both boards have seen the same last seq and show the same entities. */
async function identical(a: BoardClient, b: BoardClient): Promise<void> {
  await waitFor(() => a.board && b.board && a.board.seq === b.board.seq, 'the same seq on both boards', { timeoutMs: 10_000 });
  expect(plainBoard(b.board!)).toEqual(plainBoard(a.board!));
}

describe('scale-out: several processes, one Redis', () => {
  it('serves identical boards from the holder and from another process; the other takes over when it closes', async () => {
    const sim = await simulator();
    const prefix = uniquePrefix();
    const first: App = await startBoardApp(boardConfig({ redisUrl, amiPort: sim.port, prefix, instanceId: 'first' }));
    let firstOpen = true;
    cleanup.push(() => firstOpen && first.close());
    const onFirst = await board(first.url);
    await live(onFirst);
    const second = await startBoardApp(boardConfig({ redisUrl, amiPort: sim.port, prefix, instanceId: 'second' }));
    cleanup.push(() => second.close());
    const onSecond = await board(second.url);
    await live(onSecond);

    await traffic(sim, 180);
    await identical(onFirst, onSecond);
    expect(onSecond.board!.calls.size + onSecond.board!.queues.get('sales')!.counters.joined).toBeGreaterThan(0);

    expect((await getJson(`${second.url}/healthz`)).body).toMatchObject({ leaseHolder: 'first', readingAmi: false });

    const before = onSecond.board!.seq;
    await first.close();
    firstOpen = false;
    await eventually(async () => (await getJson(`${second.url}/healthz`)).body.readingAmi === true, 'take-over');
    await waitFor(() => onSecond.board!.link.ami.up && onSecond.board!.seq > before, 'the new holder live', { timeoutMs: 5_000 });
    await traffic(sim, 60);
    const later = await board(second.url);
    await live(later);
    await identical(onSecond, later);
    expect(onSecond.gaps).toBe(0);
  });

  it('takes over within a few seconds after the holder process is killed with SIGKILL', async () => {
    const sim = await simulator();
    const env = simulatorBoardEnv(sim.port, redisUrl, uniquePrefix(), 2000);
    const processes: BoardProcess[] = [];
    cleanup.push(() => Promise.all(processes.map((p) => p.stop('SIGKILL'))));
    processes.push(await spawnBoard({ ...env, INSTANCE_ID: 'holder' }));
    const onHolder = await board(processes[0]!.url);
    await live(onHolder);
    processes.push(await spawnBoard({ ...env, INSTANCE_ID: 'standby' }));
    const onStandby = await board(processes[1]!.url);
    await live(onStandby);
    await traffic(sim, 60);
    await identical(onHolder, onStandby);

    const killedAt = Date.now();
    await processes[0]!.stop('SIGKILL');
    // The dead holder never said its link went down; the new holder's own AMI login shows on the board.
    await waitFor(
      () => onStandby.board?.link.ami.up && Date.parse(onStandby.board.link.ami.since!) > killedAt,
      'the new holder live on the board',
      { timeoutMs: 10_000 },
    );
    // TTL 2 s + a try every second + login and resync.
    expect(Date.now() - killedAt).toBeLessThan(4_000);
    expect((await getJson(`${processes[1]!.url}/healthz`)).body).toMatchObject({ leaseHolder: 'standby', readingAmi: true });
    const seq = onStandby.board!.seq;
    await traffic(sim, 60);
    await waitFor(() => onStandby.board!.seq > seq, 'deltas from the new holder');
    const fresh = await board(processes[1]!.url);
    await live(fresh);
    await identical(onStandby, fresh);
  });
});
