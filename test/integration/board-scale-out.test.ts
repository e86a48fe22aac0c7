import { afterEach, describe, expect, inject, it } from 'vitest';
import type { App } from '../../server/compose.ts';
import type { Simulator } from '../../server/sim/index.ts';
import { boardConfig, ownerCookie, startBoardApp, startQuietSimulator, uniquePrefix } from '../support/board-app.ts';
import { BoardClient } from '../support/board-client.ts';
import { expectIdenticalBoards as identical, liveBoard as live, traffic } from '../support/sim-traffic.ts';
import { eventually, getJson } from '../support/eventually.ts';
import { startTcpProxy } from '../support/tcp-proxy.ts';
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
    await waitFor(() => onSecond.board!.link.ami.up && onSecond.board!.seq > before, 'the new holder live', {
      timeoutMs: 5_000,
    });
    await traffic(sim, 60);
    const later = await board(second.url);
    await live(later);
    await identical(onSecond, later);
    expect(onSecond.gaps).toBe(0);
  });

  it('catches up the boards of a process whose Redis link was down while deltas were relayed, without a new delta', async () => {
    const sim = await simulator();
    const prefix = uniquePrefix();
    const first = await startBoardApp(boardConfig({ redisUrl, amiPort: sim.port, prefix, instanceId: 'first' }));
    cleanup.push(() => first.close());
    // The second process reaches Redis through a relay the test cuts: its adapter misses what is published meanwhile.
    const proxy = await startTcpProxy(Number(new URL(redisUrl).port));
    cleanup.push(() => proxy.close());
    const throughProxy = `redis://127.0.0.1:${proxy.port}`;
    const second = await startBoardApp(
      boardConfig({ redisUrl: throughProxy, amiPort: sim.port, prefix, instanceId: 'second' }),
    );
    cleanup.push(() => second.close());
    const onFirst = await board(first.url);
    await live(onFirst);
    const onSecond = await board(second.url);
    await live(onSecond);
    await traffic(sim, 30);
    await identical(onFirst, onSecond);

    proxy.refuse(true);
    proxy.drop();
    await eventually(async () => (await getJson(`${second.url}/healthz`)).status === 503, 'the second without Redis');
    const before = onFirst.board!.seq;
    await traffic(sim, 30);
    await waitFor(() => onFirst.board!.seq > before, 'deltas the second process cannot hear');
    const missed = onFirst.board!.seq;
    proxy.refuse(false);

    // No traffic from here on: no later delta reveals the gap.
    await identical(onFirst, onSecond);
    expect(onSecond.board!.seq).toBeGreaterThanOrEqual(missed);
  });
});
