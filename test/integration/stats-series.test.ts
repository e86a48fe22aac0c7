import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { errorHandler } from '../../server/http/errors.ts';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { StatsResponse } from '../../server/contract/stats.ts';
import type { Fact } from '../../server/domain/facts.ts';
import { createStatsRouter } from '../../server/stats/http.ts';
import { createRetention } from '../../server/stats/redis/retention.ts';
import { DEFAULT_STATS_SETTINGS } from '../../server/stats/counting/settings.ts';
import type { StatsStore } from '../../server/stats/redis/store.ts';
import { statsKeys } from '../../server/store/keys.ts';
import { factsInput, stateWith, statsPrefix, statsStore } from '../support/stats.ts';
import { testLogger } from '../support/test-logger.ts';

/**
 * `GET /api/stats?interval=…` over a real Redis: a series per interval, exact from the buckets to the millisecond at
 * each interval's edges, adding up to the window's totals, on the board's wall clock also on a day the clocks change.
 */

const live = stateWith({ sales: 20, support: 30 });
const servers: Server[] = [];
const stores: StatsStore[] = [];
let redis: Redis;

/** The statistics API on a store of its own, its clock stopped at `now`, in the board's time zone. */
async function api(now: number, timeZone: string, facts: readonly Fact[]) {
  const prefix = statsPrefix('series');
  const clock = () => now;
  const store = statsStore(redis, prefix, { clock, settings: { ...DEFAULT_STATS_SETTINGS, timeZone } });
  stores.push(store);
  store.record(now, factsInput(live, facts));
  await store.flush();
  const router = createStatsRouter({
    stats: store,
    retention: createRetention(redis, { prefix, log: testLogger('retention'), clock }),
    state: () => Promise.resolve(live),
    windows: { timeZone, shifts: [0] },
    cut: (_request, body) => Promise.resolve(body),
    asker: () => 'tester',
    cutActivity: (_request, body) => Promise.resolve(body),
    callsScope: () => Promise.resolve({ sees: () => true, cut: (calls) => [...calls] }),
    clock,
  });
  const server = createServer(
    express()
      .use('/api', router)
      .use(errorHandler(testLogger('http'), () => 'en')),
  );
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return async (query: string) => {
    const response = await fetch(`${base}/api/stats?${query}`);
    return { status: response.status, body: (await response.json()) as StatsResponse & { error?: string } };
  };
}

const joined = (id: string, at: string): Fact => ({ kind: 'joined', at: Date.parse(at), queue: 'sales', callId: id });
const answered = (id: string, at: string, holdSec: number): Fact => ({
  kind: 'answered',
  at: Date.parse(at),
  queue: 'sales',
  callId: id,
  agent: 'PJSIP/1001',
  holdSec,
});
const abandoned = (id: string, at: string, holdSec: number): Fact => ({
  kind: 'exited',
  at: Date.parse(at),
  queue: 'sales',
  callId: id,
  outcome: 'abandoned',
  holdSec,
});

beforeAll(() => {
  redis = new Redis(inject('redisUrl'));
});
afterAll(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  for (const store of stores) await store.close();
  await redis.quit();
});

describe('a series per interval', () => {
  it('counts each event in the interval it happened in, to the millisecond at the edges', async () => {
    const get = await api(Date.parse('2026-06-10T09:00:00Z'), 'UTC', [
      joined('a', '2026-06-10T08:07:29.999Z'), // before the window
      joined('b', '2026-06-10T08:07:30.000Z'),
      joined('c', '2026-06-10T08:14:59.999Z'),
      joined('d', '2026-06-10T08:15:00.000Z'),
      answered('b', '2026-06-10T08:20:00Z', 10),
      answered('c', '2026-06-10T08:50:00Z', 40),
      abandoned('d', '2026-06-10T08:50:00Z', 30),
      joined('e', '2026-06-10T08:59:59.999Z'),
    ]);
    const { status, body } = await get('since=2026-06-10T08:07:30Z&interval=15m&queue=sales,support');
    expect(status).toBe(200);
    expect(body.series?.interval).toBe('15m');
    expect(body.series?.starts).toEqual([
      '2026-06-10T08:07:30.000Z',
      '2026-06-10T08:15:00.000Z',
      '2026-06-10T08:30:00.000Z',
      '2026-06-10T08:45:00.000Z',
    ]);
    const sales = body.series?.queues.find((queue) => queue.name === 'sales');
    expect(sales).toEqual({
      name: 'sales',
      offered: [2, 1, 0, 1],
      answered: [0, 1, 0, 1],
      abandoned: [0, 0, 0, 1],
      // excludeShort with T = 20 s: b within, c not, d abandoned after T.
      serviceLevelMet: [0, 1, 0, 0],
      serviceLevelOf: [0, 1, 0, 2],
      serviceLevelPct: [null, 100, null, 0],
    });
    const totals = body.queues.find((queue) => queue.name === 'sales');
    const sum = (values: number[] = []) => values.reduce((total, value) => total + value, 0);
    expect([sum(sales?.offered), sum(sales?.answered), sum(sales?.abandoned)]).toEqual([
      totals?.offered,
      totals?.answered,
      totals?.abandoned,
    ]);
    expect(body.series?.queues.map((queue) => queue.name)).toEqual(['sales', 'support']);
    expect((await get('since=2026-06-10T08:07:30Z')).body.series).toBeUndefined();
  });

  it('follows the wall clock on the day the clocks go forward', async () => {
    const get = await api(Date.parse('2026-03-29T12:00:00Z'), 'Europe/Warsaw', [
      joined('a', '2026-03-29T00:59:59.999Z'), // 01:59:59 CET
      joined('b', '2026-03-29T01:00:00.000Z'), // 03:00:00 CEST
    ]);
    const { body } = await get('since=today&interval=1h');
    expect(body.window.since).toBe('2026-03-28T23:00:00.000Z');
    expect(body.series?.starts.slice(0, 4)).toEqual([
      '2026-03-28T23:00:00.000Z',
      '2026-03-29T00:00:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-03-29T02:00:00.000Z',
    ]);
    expect(body.series?.starts).toHaveLength(13);
    expect(body.series?.queues.find((queue) => queue.name === 'sales')?.offered.slice(0, 4)).toEqual([0, 1, 1, 0]);
  });

  it('refuses an interval it does not offer with 400 saying which it does', async () => {
    const get = await api(Date.parse('2026-06-10T09:00:00Z'), 'UTC', []);
    const { status, body } = await get('interval=7m');
    expect(status).toBe(400);
    expect(body.error).toBe('Interval must be one of 5m, 15m, 30m, 1h.');
  });
});

describe('closed intervals', () => {
  it('are read from Redis once, and again after late facts or a purge changed them', async () => {
    const prefix = statsPrefix('settled');
    let now = Date.parse('2026-06-10T09:00:00Z');
    const clock = () => now;
    const store = statsStore(redis, prefix, { clock });
    stores.push(store);
    const since = Date.parse('2026-06-10T08:00:00Z');
    const offered = async () => (await store.queueSeries(since, '15m', { live, queues: ['sales'] })).queues[0]?.offered;
    store.record(now, factsInput(live, [joined('a', '2026-06-10T08:05:00Z'), joined('b', '2026-06-10T08:50:00Z')]));
    await store.flush();
    expect(await offered()).toEqual([1, 0, 0, 1]);

    // A bucket of the closed 08:00 interval changed behind the reader's back: it keeps what it read.
    const minute = `m${8 * 60 + 5}:sales`;
    const day = statsKeys(prefix).queueDay('2026-06-10');
    const stored = await redis.hget(day, minute);
    await redis.hdel(day, minute);
    now += 1_000;
    expect(await offered()).toEqual([1, 0, 0, 1, 0]);
    await redis.hset(day, minute, stored!);

    // A late fact (Redis was away when it happened) lands in the closed interval: it is read again.
    now += 60_000;
    store.record(now, factsInput(live, [joined('c', '2026-06-10T08:10:00Z')]));
    await store.flush();
    expect(await offered()).toEqual([2, 0, 0, 1, 0]);

    // So does a purge.
    const retention = createRetention(redis, { prefix, log: testLogger('retention'), clock });
    await retention.deleteAll('statistics');
    expect(await offered()).toEqual([0, 0, 0, 0, 0]);
  });
});
