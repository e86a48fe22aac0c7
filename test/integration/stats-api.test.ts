import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type {
  AgentActivityResponse,
  CallRecordsResponse,
  CallRecordView,
  RetentionRules,
  StatsResponse,
} from '../../server/contract/stats.ts';
import type { Fact, QueueCallRecord } from '../../server/domain/facts.ts';
import { recordsByEnd, statsKeys } from '../../server/store/keys.ts';
import { createStatsRouter, QUERIES_PER_USER } from '../../server/stats/http.ts';
import { createRetention, type Retention } from '../../server/stats/redis/retention.ts';
import type { StatsStore } from '../../server/stats/redis/store.ts';
import { factsInput, stateWith, statsPrefix, statsStore } from '../support/stats.ts';
import { errorHandler } from '../../server/http/errors.ts';
import { waitFor } from '../support/wait.ts';
import { testLogger } from '../support/test-logger.ts';

/** The REST API over a real Redis: statistics since, parameter errors, retention rules, purge and "Delete all". */

const now = Date.parse('2026-06-10T12:00:00Z');
const day = 86_400_000;
const live = stateWith({ sales: 20, support: 30 });
const prefix = statsPrefix('api');

let redis: Redis;
let store: StatsStore;
let retention: Retention;
let server: Server;
let base: string;

function record(id: string, endedAt: number): QueueCallRecord {
  return {
    id,
    queue: 'sales',
    callerIdNum: '5550001',
    callerIdName: 'Caller',
    dialled: 'sales',
    joinedAt: endedAt - 30_000,
    position: 1,
    waitSec: 30,
    outcome: 'abandoned',
    attempts: [],
    answeredAt: null,
    agent: null,
    agentName: null,
    talkSec: null,
    endReason: null,
    endedAt,
  };
}

/** A call that abandoned at `endedAt`, with its record, and an agent logged in for an hour before. */
function abandonedCall(id: string, endedAt: number): Fact[] {
  const member = (at: number, present: boolean): Fact => ({
    kind: 'member',
    at,
    queue: 'sales',
    agent: `Local/${id}@agents`,
    name: id,
    present,
    paused: false,
    pausedReason: '',
    status: 1,
    inCall: false,
  });
  return [
    member(endedAt - 3_600_000, true),
    { kind: 'joined', at: endedAt - 30_000, queue: 'sales', callId: id },
    {
      kind: 'rang',
      at: endedAt,
      queue: 'sales',
      callId: id,
      agent: `Local/${id}@agents`,
      startedAt: endedAt - 20_000,
      result: 'cancelled',
    },
    { kind: 'exited', at: endedAt, queue: 'sales', callId: id, outcome: 'abandoned', holdSec: 30 },
    { kind: 'callEnded', at: endedAt, record: record(id, endedAt) },
    member(endedAt, false),
  ];
}

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${base}${path}`, {
    method,
    ...(body !== undefined && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return { status: response.status, json: await response.json() };
}

beforeAll(async () => {
  redis = new Redis(inject('redisUrl'));
  const clock = () => now;
  store = statsStore(redis, prefix, { clock });
  retention = createRetention(redis, { prefix, log: testLogger('retention'), clock });
  store.record(now, factsInput(live, [...abandonedCall('old', now - 10 * day), ...abandonedCall('new', now - 60_000)]));
  await store.flush();
  const app = express()
    .use(
      '/api',
      createStatsRouter({
        stats: store,
        retention,
        state: () => Promise.resolve(live),
        windows: { timeZone: 'UTC', shifts: [0] },
        cut: (_request, body) => Promise.resolve(body),
        cutActivity: (_request, body) => Promise.resolve(body),
        callsScope: () => Promise.resolve({ sees: () => true, cut: (calls) => [...calls] }),
        asker: () => 'tester',
        clock,
      }),
    )
    .use(errorHandler(testLogger('http'), () => 'en'));
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await store.close();
  await redis.quit();
});

describe('GET /api/stats', () => {
  it('answers since today by default, for every queue', async () => {
    const { status, json } = await call('GET', '/api/stats');
    expect(status).toBe(200);
    const body = json as StatsResponse;
    expect(body.window).toEqual({ since: '2026-06-10T00:00:00.000Z', until: '2026-06-10T12:00:00.000Z' });
    expect(body.queues.map((queue) => [queue.name, queue.offered, queue.abandoned, queue.serviceLevelSec])).toEqual([
      ['sales', 1, 1, 20],
      ['support', 0, 0, 30],
    ]);
    expect(body.agents.map((agent) => [agent.name, agent.loggedInSec])).toEqual([['new', 3_600]]);
  });

  it('picks queues, repeated or comma separated, and any since', async () => {
    const repeated = (await call('GET', '/api/stats?queue=support&queue=sales&since=24h')).json as StatsResponse;
    const listed = (await call('GET', '/api/stats?queue=support,sales&since=2026-06-09T12:00:00Z'))
      .json as StatsResponse;
    expect(repeated.queues.map((queue) => queue.name)).toEqual(['support', 'sales']);
    expect(listed).toEqual(repeated);
    const week = (await call('GET', '/api/stats?since=2026-05-01T00:00:00Z&queue=sales')).json as StatsResponse;
    expect(week.queues[0]).toMatchObject({ offered: 2, abandoned: 2, abandonedAfterSl: 2, maxWaitSec: 30 });
  });

  it('refuses bad parameters with 400 saying what is wrong', async () => {
    const cases: [string, RegExp][] = [
      ['since=yesterday', /^Statistics since must be today, shift, 15m, 1h, 4h, 24h or an ISO date-time/],
      ['since=2026-06-11T00:00:00Z', /^Statistics since is in the future\.$/],
      ['since=2026-02-30T00:00', /^Statistics since must be/],
      ['window=1h', /^The request has an unknown field "window"\.$/],
    ];
    for (const [query, message] of cases) {
      const { status, json } = await call('GET', `/api/stats?${query}`);
      expect(status, query).toBe(400);
      expect((json as { error: string }).error, query).toMatch(message);
    }
  });
});

describe('GET /api/agents/activity', () => {
  const iso = (ms: number) => new Date(ms).toISOString();

  it('answers the spans of today by default, and of any window and agent', async () => {
    const { status, json } = await call('GET', '/api/agents/activity');
    expect(status).toBe(200);
    const body = json as AgentActivityResponse;
    expect(body.window).toEqual({ since: '2026-06-10T00:00:00.000Z', until: '2026-06-10T12:00:00.000Z' });
    const agent = 'Local/new@agents';
    expect(body.spans).toEqual([
      {
        agent,
        kind: 'loggedIn',
        start: iso(now - 3_660_000),
        end: iso(now - 60_000),
        queue: null,
        callId: null,
        reason: '',
      },
      {
        agent,
        kind: 'ringing',
        start: iso(now - 80_000),
        end: iso(now - 60_000),
        queue: 'sales',
        callId: 'new',
        reason: 'cancelled',
      },
    ]);
    const old = (
      await call(
        'GET',
        `/api/agents/activity?since=2026-05-01T00:00:00Z&until=2026-06-01T00:00:00Z&agent=Local/old@agents`,
      )
    ).json as AgentActivityResponse;
    expect(old.spans.map((span) => [span.agent, span.kind])).toEqual([
      ['Local/old@agents', 'loggedIn'],
      ['Local/old@agents', 'ringing'],
    ]);
    const cut = (await call('GET', `/api/agents/activity?since=${iso(now - 70_000)}&until=${iso(now - 65_000)}`))
      .json as AgentActivityResponse;
    expect(cut.spans.map((span) => span.kind)).toEqual(['loggedIn', 'ringing']);
    const none = (await call('GET', `/api/agents/activity?since=${iso(now - 30_000)}`)).json as AgentActivityResponse;
    expect(none.spans).toEqual([]);
  });

  it('refuses bad parameters with 400 saying what is wrong', async () => {
    const cases: [string, RegExp][] = [
      ['since=yesterday', /^Statistics since must be today/],
      ['until=2026-06-11T00:00:00Z', /^The end time is in the future\.$/],
      ['since=2026-06-10T10:00:00Z&until=2026-06-10T09:00:00Z', /^The end time must be after since\.$/],
      ['since=1h&until=1h', /^The end time must be after since\.$/],
      ['queue=sales', /^The request has an unknown field "queue"\.$/],
    ];
    for (const [query, message] of cases) {
      const { status, json } = await call('GET', `/api/agents/activity?${query}`);
      expect(status, query).toBe(400);
      expect((json as { error: string }).error, query).toMatch(message);
    }
  });
});

describe('GET /api/calls', () => {
  const page = async (query: string) => (await call('GET', `/api/calls?${query}`)).json as CallRecordsResponse;

  it('answers the calls that ended today by default, newest first, with their times as ISO instants', async () => {
    const { status, json } = await call('GET', '/api/calls');
    expect(status).toBe(200);
    expect(json).toEqual({
      window: { since: '2026-06-10T00:00:00.000Z', until: '2026-06-10T12:00:00.000Z' },
      total: 1,
      offset: 0,
      limit: 100,
      calls: [
        {
          ...record('new', now - 60_000),
          joinedAt: '2026-06-10T11:58:30.000Z',
          endedAt: '2026-06-10T11:59:00.000Z',
          attempts: [],
          answeredAt: null,
        } satisfies CallRecordView,
      ],
    });
  });

  it('picks the window by the end of each call, queues, and pages', async () => {
    const all = await page('since=2026-05-15T00:00:00Z');
    expect(all.calls.map((c) => c.id)).toEqual(['new', 'old']);
    expect((await page('since=2026-05-15T00:00:00Z&queue=support')).calls).toEqual([]);
    expect((await page('since=2026-05-15T00:00:00Z&queue=support,sales')).total).toBe(2);
    expect(
      (await page(`since=2026-05-15T00:00:00Z&until=${new Date(now - 60_000).toISOString()}`)).calls.map((c) => c.id),
    ).toEqual(['old']);
    const first = await page('since=2026-05-15T00:00:00Z&limit=1');
    const second = await page('since=2026-05-15T00:00:00Z&limit=1&offset=1');
    expect([first.total, second.total, first.limit, second.offset]).toEqual([2, 2, 1, 1]);
    expect([...first.calls, ...second.calls]).toEqual(all.calls);
    expect((await page('since=2026-05-15T00:00:00Z&offset=2')).calls).toEqual([]);
  });

  it('refuses bad parameters with 400 saying what is wrong', async () => {
    const cases: [string, RegExp][] = [
      ['since=last-week', /^Statistics since must be today/],
      ['since=2026-06-10T10:00:00Z&until=2026-06-10T10:00:00Z', /^The end time must be after since\.$/],
      ['limit=0', /^Limit must be at least 1\.$/],
      ['limit=1001', /^Limit must be at most 1000\.$/],
      ['limit=ten', /^Limit must be a whole number from 1 to 1000\.$/],
      ['offset=-1', /^Offset must be at least 0\.$/],
      ['offset=1.5', /^Offset must be a whole number/],
      ['agent=PJSIP/1001', /^The request has an unknown field "agent"\.$/],
    ];
    for (const [query, message] of cases) {
      const { status, json } = await call('GET', `/api/calls?${query}`);
      expect(status, query).toBe(400);
      expect((json as { error: string }).error, query).toMatch(message);
    }
  });
});

describe('retention', () => {
  it('keeps everything forever until told otherwise, and validates rules', async () => {
    expect((await call('GET', '/api/retention')).json).toEqual({
      callRecords: { days: null },
      queueCallReports: { days: null },
      agentActivity: { days: null },
      statistics: { days: null },
      chatMessages: { days: null },
      monitoringLog: { days: null },
      agentActionsLog: { days: null },
      alertHistory: { days: null },
      recordings: { days: null },
    });
    for (const body of [
      { statistics: { days: 0 } },
      { statistics: { days: 1000 } },
      { statistics: { days: '30' } },
      { chat: { days: 3 } },
    ]) {
      const { status, json } = await call('PUT', '/api/retention', body);
      expect(status, JSON.stringify(body)).toBe(400);
      expect((json as { error: string }).error).toMatch(
        /^(Statistics, days must|The request has an unknown field "chat")/,
      );
    }
  });

  it('purges what is older than the rules keep, idempotently', async () => {
    const keys = statsKeys(prefix);
    const rules = { callRecords: { days: 3 }, agentActivity: { days: 3 }, statistics: { days: 3 } };
    expect((await call('PUT', '/api/retention', rules)).json).toEqual({
      ...rules,
      queueCallReports: { days: null },
      chatMessages: { days: null },
      monitoringLog: { days: null },
      agentActionsLog: { days: null },
      alertHistory: { days: null },
      recordings: { days: null },
    } satisfies RetentionRules);
    const first = await retention.purge();
    expect(first).toEqual([
      { category: 'callRecords', deleted: 1 },
      { category: 'agentActivity', deleted: 2 },
      { category: 'statistics', deleted: 1 },
    ]);
    expect((await retention.purge()).every((purged) => purged.deleted === 0)).toBe(true);
    expect(await redis.zcard(keys.recordDays)).toBe(1);
    // The old day's records went with the index that pages them; today's stay with theirs.
    expect(await redis.exists(recordsByEnd(keys.records('2026-05-31')))).toBe(0);
    expect(await redis.zcard(recordsByEnd(keys.records('2026-06-10')))).toBe(1);
    const week = (await call('GET', '/api/stats?since=2026-05-01T00:00:00Z&queue=sales')).json as StatsResponse;
    expect(week.queues[0]).toMatchObject({ offered: 1, abandoned: 1 });
    await call('PUT', '/api/retention', { callRecords: { days: null } });
    expect(((await call('GET', '/api/retention')).json as RetentionRules).callRecords).toEqual({ days: null });
  });

  it('deletes all of a category only after YES, or TAK in Polish', async () => {
    for (const body of [undefined, {}, { confirm: 'yes' }, { confirm: 'NO' }]) {
      const { status, json } = await call('DELETE', '/api/retention/statistics', body);
      expect(status, JSON.stringify(body)).toBe(400);
      expect((json as { error: string }).error).toMatch(
        /^Confirm type YES \(TAK in Polish\) to delete every record of this category\.$/,
      );
    }
    expect((await call('DELETE', '/api/retention/chat', { confirm: 'YES' })).status).toBe(400);
    const before = (await call('GET', '/api/stats?queue=sales')).json as StatsResponse;
    expect(before.queues[0]?.offered).toBe(1);

    const { status, json } = await call('DELETE', '/api/retention/statistics', { confirm: 'YES' });
    expect(status).toBe(200);
    expect(json).toEqual({ category: 'statistics', deleted: 1 }); // the queue's day (abandons count for no agent)
    const after = (await call('GET', '/api/stats?queue=sales')).json as StatsResponse;
    expect(after.queues[0]?.offered).toBe(0);
    expect((await call('DELETE', '/api/retention/callRecords', { confirm: 'YES' })).json).toEqual({
      category: 'callRecords',
      deleted: 1,
    });
    expect((await call('DELETE', '/api/retention/agentActivity', { confirm: 'TAK' })).json).toEqual({
      category: 'agentActivity',
      deleted: 2,
    });
  });
});

describe('bounds on what one query may cost', () => {
  it('refuses windows and series beyond the bounds with a 400 naming the parameter, and answers those within', async () => {
    const refused: [string, string][] = [
      [
        '/api/stats?since=1970-01-01T00:00:00Z&interval=5m',
        'Statistics since reaches back more than 92 days, the longest window.',
      ],
      ['/api/stats?since=2026-03-01T00:00:00Z', 'Statistics since reaches back more than 92 days, the longest window.'],
      [
        '/api/stats?since=2026-06-08T00:00:00Z&interval=5m',
        'Interval 5m makes more than 300 intervals of this window: choose a longer interval or a later since.',
      ],
      ['/api/calls?since=2026-05-01T00:00:00Z', 'Statistics since must be at most 31 days before the end time.'],
      [
        '/api/calls?since=2025-01-01T00:00:00Z&until=2025-03-01T00:00:00Z',
        'Statistics since must be at most 31 days before the end time.',
      ],
      [
        '/api/agents/activity?since=1970-01-01T00:00:00Z',
        'Statistics since must be at most 31 days before the end time.',
      ],
    ];
    for (const [path, error] of refused)
      expect(await call('GET', path), path).toEqual({ status: 400, json: { ok: false, error } });
    for (const path of [
      '/api/stats?since=2026-03-11T12:00:00Z',
      '/api/stats?since=2026-06-08T00:00:00Z&interval=1h',
      '/api/stats?since=today&interval=5m',
      '/api/calls?since=2026-05-10T12:00:00Z',
      '/api/agents/activity?since=2026-05-10T12:00:00Z',
    ]) {
      expect((await call('GET', path)).status, path).toBe(200);
    }
  });

  it('runs QUERIES_PER_USER queries of one user at once and refuses one more with 429, while others may ask', async () => {
    // The figures of the first ones are held back until the one too many has been answered.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered = 0;
    const slow: StatsStore = {
      ...store,
      queueStats: async (...args) => {
        entered++;
        await held;
        return store.queueStats(...args);
      },
    };
    const router = createStatsRouter({
      stats: slow,
      retention,
      state: () => Promise.resolve(live),
      windows: { timeZone: 'UTC', shifts: [0] },
      cut: (_request, body) => Promise.resolve(body),
      cutActivity: (_request, body) => Promise.resolve(body),
      callsScope: () => Promise.resolve({ sees: () => true, cut: (calls) => [...calls] }),
      asker: (request) => request.get('x-user') ?? '',
      clock: () => now,
    });
    const app = express()
      .use('/api', router)
      .use(errorHandler(testLogger('http'), () => 'en'));
    const limited = createServer(app);
    await new Promise<void>((resolve) => limited.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(limited.address() as AddressInfo).port}/api/stats`;
    const ask = (user: string) => fetch(url, { headers: { 'x-user': user, 'accept-language': 'en' } });
    try {
      const running = Array.from({ length: QUERIES_PER_USER }, () => ask('alice'));
      await waitFor(() => entered === QUERIES_PER_USER, 'the queries allowed running');
      const third = await ask('alice');
      expect(third.status).toBe(429);
      expect(third.headers.get('retry-after')).toBe('1');
      expect(await third.json()).toEqual({
        ok: false,
        error: `Too many statistics queries at once: at most ${QUERIES_PER_USER} per user, wait for the others.`,
      });
      const bob = ask('bob');
      release();
      expect((await Promise.all([...running, bob])).map((answer) => answer.status)).toEqual(
        Array(QUERIES_PER_USER + 1).fill(200),
      );
      expect((await ask('alice')).status).toBe(200);
    } finally {
      await new Promise((resolve) => limited.close(resolve));
    }
  });
});
