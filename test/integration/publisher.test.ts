import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardDelta } from '../../server/contract/board.ts';
import type { AmiFields } from '../../server/domain/input.ts';
import { initialState, reduce } from '../../server/domain/reducer.ts';
import type { LiveState } from '../../server/domain/state.ts';
import { PUBLISHED_EVERY_MS, Publisher } from '../../server/live/publisher.ts';
import type { BoardFacts } from '../../server/realtime/boards.ts';
import { redisKeys } from '../../server/store/keys.ts';
import { LiveStateStore } from '../../server/store/live-state.ts';
import { RedisHealth } from '../../server/store/redis.ts';
import { uniquePrefix } from '../support/board-app.ts';
import { startRedisServer, type RedisProcess } from '../support/redis-server.ts';
import { testLogger } from '../support/test-logger.ts';
import { ManualTimers } from '../support/manual-timers.ts';
import { waitFor } from '../support/wait.ts';

/**
 * The publisher's order of delivery, against a redis-server of its own whose writes are held back with CLIENT PAUSE:
 * this process's boards get a delta at once (their snapshots come from the publisher's memory), the other processes'
 * only once Redis holds the state of that seq (their snapshots are read from there). Its window runs on timers the
 * tests move by hand.
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
  /** The seq Redis held when the delta was delivered (read for the other processes only). */
  stored?: number;
}

/**
 * Deliveries to one set of boards; each is also written to `order` (`local 2`, `others 2`, `others published 2` and
 * the test's own marks).
 */
function recorder(
  name: string,
  order: string[],
  store?: LiveStateStore,
): { sink: BoardFacts['others']; deliveries: Delivery[] } {
  const deliveries: Delivery[] = [];
  const record = (seq: number): void => {
    const delivery: Delivery = { seq };
    deliveries.push(delivery);
    order.push(`${name} ${seq}`);
    // Read on a connection of its own at once: what a board process asking for a snapshot now would get.
    if (store) void store.load().then((board) => (delivery.stored = board?.seq ?? 0));
  };
  return {
    sink: {
      snapshotted: (snapshot) => record(snapshot.seq),
      changed: (delta: BoardDelta) => record(delta.seq),
      published: (seq) => void order.push(`${name} published ${seq}`),
    },
    deliveries,
  };
}

function publisherOn(
  keys: ReturnType<typeof redisKeys>,
  timers: ManualTimers,
  windowMs: number,
  order: string[],
  reader?: LiveStateStore,
) {
  const local = recorder('local', order);
  const others = recorder('others', order, reader);
  const publisher = new Publisher({
    store: new LiveStateStore(redis, keys, 'pbx', testLogger()),
    emitter: { local: local.sink, others: others.sink },
    redis: new RedisHealth(redis),
    windowMs,
    log: testLogger(),
    timers,
  });
  return { publisher, local, others };
}

describe('publisher', () => {
  it("delivers to this process's boards at once and to the others once Redis holds the seq, then says the seq", async () => {
    const keys = redisKeys(uniquePrefix());
    const timers = new ManualTimers();
    const order: string[] = [];
    const { publisher, others } = publisherOn(
      keys,
      timers,
      WINDOW_MS,
      order,
      new LiveStateStore(admin, keys, 'pbx', testLogger()),
    );
    let state: LiveState = resynced();
    publisher.begin(state, 0);
    timers.advance(0);
    await waitFor(() => others.deliveries.length === 1, 'the first snapshot everywhere');

    // Writes are held back until the test lets them through: the local boards must not wait for them.
    await admin.call('CLIENT', 'PAUSE', '3600000', 'WRITE');
    for (let i = 0; i < 4; i += 1) {
      const reduction = reduce(state, { type: 'event', at: Date.now(), fields: memberPaused(i % 2 === 0) });
      state = reduction.state;
      publisher.update(state, reduction.changes);
      timers.advance(WINDOW_MS);
    }
    // The seq reached is said only after the relays issued before it.
    timers.advance(PUBLISHED_EVERY_MS);
    order.push('writes let through');
    await admin.call('CLIENT', 'UNPAUSE');
    await waitFor(
      () => others.deliveries.length === 5 && others.deliveries.every((d) => d.stored !== undefined),
      'every relay',
    );
    await waitFor(() => order.at(-1) === 'others published 5', 'the seq said');
    // And again while nothing changes: a relay lost after it would otherwise stay unknown.
    timers.advance(PUBLISHED_EVERY_MS);
    await waitFor(() => order.filter((entry) => entry === 'others published 5').length === 2, 'the seq said again');
    await publisher.end(false);
    timers.advance(PUBLISHED_EVERY_MS * 3);

    expect(order).toEqual([
      'local 1',
      'others 1',
      'local 2',
      'local 3',
      'local 4',
      'local 5',
      'writes let through',
      'others 2',
      'others 3',
      'others 4',
      'others 5',
      'others published 5',
      'others published 5',
    ]);
    for (const delivery of others.deliveries) expect(delivery.stored).toBeGreaterThanOrEqual(delivery.seq);
  });

  it('sends the first change after a quiet spell at once, and then at most one delta per window', async () => {
    const timers = new ManualTimers();
    const { publisher, local } = publisherOn(redisKeys(uniquePrefix()), timers, 200, []);
    let state: LiveState = resynced();
    const change = (paused: boolean): void => {
      const reduction = reduce(state, { type: 'event', at: Date.now(), fields: memberPaused(paused) });
      state = reduction.state;
      publisher.update(state, reduction.changes);
    };
    publisher.begin(state, 0);
    timers.advance(0);
    expect(local.deliveries.map((d) => d.seq)).toEqual([1]);
    timers.advance(250);

    change(true);
    timers.advance(0);
    expect(local.deliveries.map((d) => d.seq)).toEqual([1, 2]);
    // A burst right after it: coalesced into one delta, a whole window after the first.
    for (let i = 0; i < 50; i += 1) change(i % 2 === 1);
    timers.advance(199);
    expect(local.deliveries).toHaveLength(2);
    timers.advance(1);
    expect(local.deliveries.map((d) => d.seq)).toEqual([1, 2, 3]);
    timers.advance(1_000);
    expect(local.deliveries).toHaveLength(3);
    await publisher.end(false);
  });

  it('sends a change made while a delta is due with that delta, not a window later', async () => {
    const timers = new ManualTimers();
    const { publisher, local } = publisherOn(redisKeys(uniquePrefix()), timers, 100, []);
    let state: LiveState = resynced();
    publisher.begin(state, 0);
    timers.advance(0);
    const reduction = reduce(state, { type: 'event', at: Date.now(), fields: memberPaused(true) });
    state = reduction.state;
    publisher.update(state, reduction.changes);
    timers.advance(40);
    const again = reduce(state, { type: 'event', at: Date.now(), fields: memberPaused(false) });
    publisher.update(again.state, again.changes);
    timers.advance(60);
    expect(local.deliveries.map((d) => d.seq)).toEqual([1, 2]);
    timers.advance(1_000);
    expect(local.deliveries).toHaveLength(2);
    await publisher.end(false);
  });
});
