import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardDelta } from '../../server/contract/board.ts';
import type { AmiFields } from '../../server/domain/input.ts';
import { initialState, reduce } from '../../server/domain/reducer.ts';
import type { LiveState } from '../../server/domain/state.ts';
import { Publisher, type BoardSink } from '../../server/live/publisher.ts';
import { redisKeys } from '../../server/store/keys.ts';
import { LiveStateStore } from '../../server/store/live-state.ts';
import { RedisHealth } from '../../server/store/redis.ts';
import { uniquePrefix } from '../support/board-app.ts';
import { startRedisServer, type RedisProcess } from '../support/redis-server.ts';
import { testLogger } from '../support/test-logger.ts';
import { waitFor } from '../support/wait.ts';

/**
 * The publisher's order of delivery, against a redis-server of its own whose writes are held back with CLIENT PAUSE:
 * this process's boards get a delta at once (their snapshots come from the publisher's memory), the other processes'
 * only once Redis holds the state of that seq (their snapshots are read from there).
 */

let server: RedisProcess;
let redis: Redis;
let admin: Redis;
beforeAll(async () => {
  server = await startRedisServer();
  redis = new Redis(server.url);
  admin = new Redis(server.url);
  await redis.ping();
});
afterAll(async () => {
  redis.disconnect();
  admin.disconnect();
  await server.stop();
});

const WINDOW_MS = 10;

const memberPaused = (paused: boolean): AmiFields => ({
  event: 'QueueMemberPause',
  queue: 'sales',
  membername: 'Alice',
  interface: 'PJSIP/1001',
  stateinterface: 'PJSIP/1001',
  membership: 'dynamic',
  penalty: '0',
  callstaken: '0',
  lastcall: '0',
  lastpause: '0',
  logintime: '0',
  incall: '0',
  status: '1',
  paused: paused ? '1' : '0',
  pausedreason: paused ? 'Lunch' : '',
  ringinuse: '0',
  wrapuptime: '0',
});

/** A state after a resync that listed `sales`: member events of queues Asterisk did not list change nothing. */
const resynced = (): LiveState =>
  reduce(initialState(), {
    type: 'resync',
    at: Date.now(),
    lists: { queueStatus: [{ event: 'QueueParams', queue: 'sales' }], queueSummary: [], channels: [] },
  }).state;

interface Delivery {
  readonly seq: number;
  readonly at: number;
  /** The seq Redis held when the delta was delivered (read for the other processes only). */
  stored?: number;
}

function recorder(store?: LiveStateStore): { sink: BoardSink; deliveries: Delivery[] } {
  const deliveries: Delivery[] = [];
  const record = (seq: number): void => {
    const delivery: Delivery = { seq, at: performance.now() };
    deliveries.push(delivery);
    // Read on a connection of its own at once: what a board process asking for a snapshot now would get.
    if (store) void store.load().then((board) => (delivery.stored = board?.seq ?? 0));
  };
  return { sink: { snapshotted: (snapshot) => record(snapshot.seq), changed: (delta: BoardDelta) => record(delta.seq) }, deliveries };
}

describe('publisher', () => {
  it("delivers to this process's boards at once and to the others once Redis holds the seq", async () => {
    const keys = redisKeys(uniquePrefix());
    const store = new LiveStateStore(redis, keys, 'pbx', testLogger());
    const reader = new LiveStateStore(admin, keys, 'pbx', testLogger());
    const local = recorder();
    const others = recorder(reader);
    const publisher = new Publisher({
      store,
      emitter: { local: local.sink, others: others.sink },
      redis: new RedisHealth(redis),
      windowMs: WINDOW_MS,
      log: testLogger(),
    });
    let state: LiveState = resynced();
    publisher.begin(state, 0);
    await waitFor(() => others.deliveries.length === 1, 'the first snapshot everywhere');

    // Writes are held back for 400 ms: the local boards must not wait for them.
    await admin.call('CLIENT', 'PAUSE', '400', 'WRITE');
    const pausedAt = performance.now();
    for (let i = 0; i < 4; i += 1) {
      const reduction = reduce(state, { type: 'event', at: Date.now(), fields: memberPaused(i % 2 === 0) });
      state = reduction.state;
      publisher.update(state, reduction.changes);
      await new Promise((resolve) => setTimeout(resolve, WINDOW_MS * 3));
    }
    await waitFor(() => others.deliveries.length === 5 && others.deliveries.every((d) => d.stored !== undefined), 'every relay');
    await publisher.end(false);

    const localDeltas = local.deliveries.slice(1);
    const relayedDeltas = others.deliveries.slice(1);
    expect(localDeltas.map((d) => d.seq)).toEqual([2, 3, 4, 5]);
    expect(relayedDeltas.map((d) => d.seq)).toEqual([2, 3, 4, 5]);
    for (const delivery of localDeltas) expect(delivery.at - pausedAt).toBeLessThan(300);
    for (const delivery of relayedDeltas) {
      expect(delivery.at - pausedAt).toBeGreaterThanOrEqual(390);
      expect(delivery.stored).toBeGreaterThanOrEqual(delivery.seq);
    }
  });

  it('sends the first change after a quiet spell at once, and then at most one delta per window', async () => {
    const store = new LiveStateStore(redis, redisKeys(uniquePrefix()), 'pbx', testLogger());
    const local = recorder();
    const publisher = new Publisher({
      store,
      emitter: { local: local.sink, others: recorder().sink },
      redis: new RedisHealth(redis),
      windowMs: 200,
      log: testLogger(),
    });
    let state: LiveState = resynced();
    publisher.begin(state, 0);
    await waitFor(() => local.deliveries.length === 1, 'the first snapshot');
    await new Promise((resolve) => setTimeout(resolve, 250));

    const start = performance.now();
    const change = (paused: boolean): void => {
      const reduction = reduce(state, { type: 'event', at: Date.now(), fields: memberPaused(paused) });
      state = reduction.state;
      publisher.update(state, reduction.changes);
    };
    change(true);
    await waitFor(() => local.deliveries.length === 2, 'the first delta');
    // A burst right after it: coalesced into one delta, a window after the first.
    for (let i = 0; i < 50; i += 1) change(i % 2 === 1);
    await waitFor(() => local.deliveries.length === 3, 'the burst');
    await new Promise((resolve) => setTimeout(resolve, 250));
    await publisher.end(false);

    expect(local.deliveries.length).toBe(3);
    expect(local.deliveries[1]!.at - start).toBeLessThan(100);
    expect(local.deliveries[2]!.at - local.deliveries[1]!.at).toBeGreaterThanOrEqual(195);
  });
});
