import { refuseAgentActions } from '../support/agent-actions.ts';
import { refuseMonitoring } from '../support/monitoring.ts';
import { refuseCallbacks } from '../support/callbacks.ts';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ClientEvents, ServerEvents } from '../../server/contract/events.ts';
import type { Result } from '../../server/contract/result.ts';
import type { QueueStats, StatsInterval, StatsResponse } from '../../server/contract/stats.ts';
import type { Fact } from '../../server/domain/facts.ts';
import { dispatchCommands } from '../../server/realtime/commands.ts';
import { Transport, type Admission, type BoardServer } from '../../server/realtime/transport.ts';
import { statsKeys } from '../../server/store/keys.ts';
import { createLiveStats, WATCHES_PER_USER, type LiveStatsOptions } from '../../server/stats/live.ts';
import { readStats, statsQuery } from '../../server/stats/read.ts';
import type { StatsStore } from '../../server/stats/redis/store.ts';
import { factsInput, stateWith, statsPrefix, statsStore } from '../support/stats.ts';
import { eventually } from '../support/eventually.ts';
import { testLogger } from '../support/test-logger.ts';
import { quietPeriod, waitFor } from '../support/wait.ts';

/**
 * Statistics pushed to watching boards over real sockets, a real Redis (adapter, pub/sub, statistics) and the real
 * store: a watch is answered with the figures, facts written are one coalesced update per window, and a process that
 * writes nothing still updates its own boards.
 */

const redisUrl = inject('redisUrl');
const prefix = statsPrefix('live');
const windows = { timeZone: 'UTC', shifts: [0] };
const state = stateWith({ sales: 20, support: 30 });
const COALESCE_MS = 150;
let now = Date.parse('2026-06-10T12:00:00Z');
const clock = () => now;

type Client = Socket<ServerEvents, ClientEvents>;

interface Board {
  readonly url: string;
  /** The room of every read of figures, in order. */
  readonly reads: string[];
  close(): Promise<void>;
}

const redis = new Redis(redisUrl);
const closing: (() => Promise<void>)[] = [];
const channel = statsKeys(prefix).written;
/** Boards started so far: each subscribes to the "written" channel once, none stops before the end. */
let started = 0;
const sockets: Client[] = [];

/** One board process: its own Socket.IO server on the shared adapter channel, its own live statistics. */
async function startBoard(
  store: StatsStore,
  options: Partial<LiveStatsOptions> = {},
  admission?: Admission,
): Promise<Board> {
  const [pub, sub, subscriber] = [new Redis(redisUrl), new Redis(redisUrl), new Redis(redisUrl)];
  const http = createServer();
  const io: BoardServer = new Server(http, { adapter: createAdapter(pub, sub, { key: `${prefix}:socket.io` }) });
  const transport = new Transport(io, { othersReachable: () => true });
  if (admission) transport.admitWith(admission);
  const reads: string[] = [];
  const live = createLiveStats({
    transport,
    stats: store,
    state: () => Promise.resolve(state),
    windows,
    prefix,
    redis,
    subscriber,
    log: testLogger('stats-live'),
    coalesceMs: COALESCE_MS,
    refreshMs: 60_000,
    clock,
    onRead: (room) => reads.push(room),
    ...options,
  });
  const refuse = () => Promise.reject(new Error('not in this test'));
  const others = {
    'board:snapshot': refuse,
    'layout:watch': refuse,
    'layouts:watch': refuse,
    'chat:send': refuse,
    'chat:history': refuse,
    'chat:contacts': refuse,
    ...refuseMonitoring(),
    ...refuseAgentActions(),
    ...refuseCallbacks(),
    'calls:watch': () => Promise.reject(new Error('no call list in this test')),
    'alerts:watch': refuse,
  };
  io.on('connection', (socket) =>
    dispatchCommands(socket, { ...others, ...live.commands(socket) }, testLogger('realtime')),
  );
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  // The subscription is not awaited at start (a board starts while Redis is away): wait until Redis counts it.
  const boards = (started += 1);
  await eventually(async () => Number((await redis.pubsub('NUMSUB', channel))[1]) >= boards, 'subscribed');
  const board = {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    reads,
    async close() {
      live.close();
      await io.close();
      for (const client of [pub, sub, subscriber]) client.disconnect();
    },
  };
  closing.push(() => board.close());
  return board;
}

interface Watcher {
  readonly socket: Client;
  readonly updates: StatsResponse[];
  watch(since: string, queues?: string[], interval?: StatsInterval): Promise<Result<StatsResponse>>;
}

function watcher(board: Board, auth: Record<string, string> = {}): Watcher {
  const socket: Client = connect(board.url, { transports: ['websocket'], auth });
  const updates: StatsResponse[] = [];
  socket.on('stats:updated', (stats) => updates.push(stats));
  sockets.push(socket);
  return {
    socket,
    updates,
    watch: (since, queues, interval) =>
      socket
        .timeout(5_000)
        .emitWithAck('stats:watch', { since, ...(queues && { queues }), ...(interval && { interval }) }),
  };
}

function figures(result: Result<StatsResponse>): StatsResponse {
  if (!result.ok) throw new Error(result.error);
  return result.data;
}

const queue = (stats: StatsResponse, name: string): QueueStats => stats.queues.find((row) => row.name === name)!;

/** One caller in `queue`: joined 30 s ago, then answered after 12 s; handed over as separate batches. */
async function answeredCall(store: StatsStore, id: string, name = 'sales'): Promise<void> {
  const steps: Fact[] = [
    { kind: 'joined', at: now - 30_000, queue: name, callId: id },
    { kind: 'answered', at: now - 18_000, queue: name, callId: id, agent: 'Local/1001@agents', holdSec: 12 },
  ];
  for (const fact of steps) {
    store.record(fact.at, factsInput(state, [fact]));
    await store.flush();
  }
}

let store: StatsStore;
let board: Board;

beforeAll(async () => {
  store = statsStore(redis, prefix, { clock });
  closing.push(() => store.close());
  await answeredCall(store, 'before');
  board = await startBoard(store);
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  for (const close of closing.reverse()) await close();
  await redis.quit();
});

describe('stats:watch', () => {
  it('answers with the figures GET /api/stats gives', async () => {
    const answer = figures(await watcher(board).watch('today', ['sales', 'support']));
    const expected = await readStats(
      { stats: store, state: () => Promise.resolve(state), windows },
      statsQuery(now, windows).parse({ queue: 'sales,support' }),
      now,
    );
    expect(answer).toEqual(expected);
    expect(answer.window).toEqual({ since: '2026-06-10T00:00:00.000Z', until: '2026-06-10T12:00:00.000Z' });
    expect(queue(answer, 'sales')).toMatchObject({ offered: 1, answered: 1, holdSecAnswered: 12 });
  });

  it('answers and follows a series per interval when asked for one', async () => {
    const client = watcher(board);
    const answer = figures(await client.watch('1h', ['sales'], '15m'));
    const query = statsQuery(now, windows).parse({ since: '1h', queue: 'sales', interval: '15m' });
    expect(answer).toEqual(await readStats({ stats: store, state: () => Promise.resolve(state), windows }, query, now));
    expect(answer.series?.starts).toEqual([
      '2026-06-10T11:00:00.000Z',
      '2026-06-10T11:15:00.000Z',
      '2026-06-10T11:30:00.000Z',
      '2026-06-10T11:45:00.000Z',
    ]);
    const answeredBefore = answer.series?.queues[0]?.answered.at(-1) ?? 0;
    await answeredCall(store, 'series');
    await waitFor(() => client.updates.length === 1, 'the series updated');
    expect(client.updates[0]?.series?.queues[0]?.answered.at(-1)).toBe(answeredBefore + 1);
    expect((await client.watch('1h', undefined, '7m' as StatsInterval)).ok).toBe(false);
  });

  it('refuses a bad since with the message of the REST API, keeping the window watched before', async () => {
    const client = watcher(board);
    await client.watch('1h');
    expect(await client.watch('2026-06-11T00:00:00Z')).toEqual({
      ok: false,
      error: 'Statistics since is in the future.',
    });
    expect(await client.watch('yesterday')).toEqual({
      ok: false,
      error:
        'Statistics since must be today, shift, 15m, 1h, 4h, 24h or an ISO date-time such as 2026-03-29T08:00:00+02:00.',
    });
    await answeredCall(store, 'refused');
    await waitFor(() => client.updates.length === 1, 'the 1h window updated');
    expect(client.updates[0]?.window.since).toBe('2026-06-10T11:00:00.000Z');
  });
});

describe('stats:watch bounds', () => {
  it('refuses a window longer than 92 days and a series of more than 300 intervals, naming the parameter', async () => {
    const client = watcher(board);
    expect(await client.watch('1970-01-01T00:00:00Z', undefined, '5m')).toEqual({
      ok: false,
      error: 'Statistics since reaches back more than 92 days, the longest window.',
    });
    expect(await client.watch('2026-06-08T00:00:00Z', undefined, '5m')).toEqual({
      ok: false,
      error: 'Interval 5m makes more than 300 intervals of this window: choose a longer interval or a later since.',
    });
    expect((await client.watch('2026-06-08T00:00:00Z', undefined, '1h')).ok).toBe(true);
  });
});

describe('stats:watch per user', () => {
  it(`lets one user watch on ${WATCHES_PER_USER} sockets at once, refuses one more with a sentence, and frees a place on disconnect`, async () => {
    const counted = await startBoard(store, { watcher: (socket) => socket.handshake.auth.user as string | undefined });
    const mine = Array.from({ length: WATCHES_PER_USER }, () => watcher(counted, { user: 'u1' }));
    for (const client of mine) expect((await client.watch('today')).ok).toBe(true);
    // Watching another window from a socket already counted takes no second place.
    expect((await mine[0]!.watch('1h')).ok).toBe(true);

    const extra = watcher(counted, { user: 'u1' });
    const refused = await extra.watch('today');
    expect(refused).toEqual({
      ok: false,
      error: `You are already watching statistics on ${WATCHES_PER_USER} screens, the most one user may: close one of them to watch here.`,
    });
    expect((await watcher(counted, { user: 'u2' }).watch('today')).ok).toBe(true);
    expect((await watcher(counted).watch('today')).ok).toBe(true);

    mine[1]!.socket.disconnect();
    await eventually(async () => (await extra.watch('today')).ok, 'a place freed by the disconnect');
  });
});

describe('stats:updated', () => {
  it('follows a new call with one update carrying its numbers, read once for every socket of the window', async () => {
    // Two spellings of one instant share a room.
    const [first, second] = [watcher(board), watcher(board)];
    const before = figures(await first.watch('2026-06-10T08:00:00+02:00', ['sales']));
    await second.watch('2026-06-10T06:00Z', ['sales']);
    const room = 'stats:2026-06-10T06:00:00.000Z:sales';
    const readsBefore = board.reads.filter((read) => read === room).length;

    await answeredCall(store, 'new');
    await waitFor(() => first.updates.length > 0 && second.updates.length > 0, 'both sockets updated');
    await quietPeriod(COALESCE_MS * 2);
    expect([first.updates.length, second.updates.length]).toEqual([1, 1]);
    expect(board.reads.filter((read) => read === room).length - readsBefore).toBe(1);
    expect(second.updates[0]).toEqual(first.updates[0]);
    const after = queue(first.updates[0]!, 'sales');
    expect(after.offered - queue(before, 'sales').offered).toBe(1);
    expect(after.answered - queue(before, 'sales').answered).toBe(1);
  });

  it('follows only the latest window of a socket, and nothing once it is gone', async () => {
    const client = watcher(board);
    await client.watch('4h', ['support']);
    await client.watch('24h', ['support']);
    const watched = (from: number) => board.reads.slice(from).filter((room) => /^stats:(4h|24h):/.test(room));
    let from = board.reads.length;
    await answeredCall(store, 'replaced', 'support');
    await waitFor(() => client.updates.length === 1, 'the 24h window updated');
    expect(watched(from)).toEqual(['stats:24h:support']);

    client.socket.disconnect();
    await quietPeriod(100);
    from = board.reads.length;
    await answeredCall(store, 'unwatched', 'support');
    await quietPeriod(COALESCE_MS * 2);
    expect(watched(from)).toEqual([]);
  });

  it('refreshes a rolling window without new calls as its start moves', async () => {
    const rolling = await startBoard(store, { refreshMs: 100 });
    const client = watcher(rolling);
    const answer = figures(await client.watch('15m', ['sales']));
    expect(queue(answer, 'sales').offered).toBeGreaterThan(0);
    now += 15 * 60_000;
    const since = new Date(now - 15 * 60_000).toISOString();
    const update = await waitFor(() => client.updates.find((stats) => stats.window.since === since), 'a refresh');
    expect(queue(update, 'sales')).toMatchObject({ offered: 0, answered: 0 });
  });

  it('reaches the boards of a process that writes nothing, once each, cut to their scope', async () => {
    // Another process: a store of its own that only reads, and an admission standing in for access control.
    const reader = statsStore(redis, prefix, { clock });
    closing.push(() => reader.close());
    const other = await startBoard(
      reader,
      {},
      {
        admit: () => Promise.resolve(null),
        viewerOf: (socket) => {
          const shown = String(socket.handshake.auth.queue);
          return {
            key: shown,
            locale: 'en',
            cuts: {
              'stats:updated': (stats) => ({ ...stats, queues: stats.queues.filter((row) => row.name === shown) }),
            },
          };
        },
      },
    );
    const here = watcher(board);
    const there = watcher(other, { queue: 'support' });
    await here.watch('today');
    const cut = figures(await there.watch('today'));
    expect(cut.queues.map((row) => row.name)).toEqual(['support']);

    await answeredCall(store, 'elsewhere', 'support');
    await waitFor(() => here.updates.length > 0 && there.updates.length > 0, 'both processes updated');
    await quietPeriod(COALESCE_MS * 2);
    expect([here.updates.length, there.updates.length]).toEqual([1, 1]);
    expect(there.updates[0]!.queues.map((row) => row.name)).toEqual(['support']);
    expect(queue(there.updates[0]!, 'support').offered).toBe(queue(cut, 'support').offered + 1);
    expect(other.reads.filter((room) => room === 'stats:today')).toHaveLength(2);
  });
});
