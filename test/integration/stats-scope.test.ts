import { Router } from 'express';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { scopeActivity, scopeStats } from '../../server/access/filter.ts';
import type { AgentActivityResponse, StatsResponse } from '../../server/contract/stats.ts';
import type { Fact } from '../../server/domain/facts.ts';
import { createStatsRouter } from '../../server/stats/http.ts';
import { createRetention } from '../../server/stats/retention.ts';
import type { StatsStore } from '../../server/stats/store.ts';
import { loggedIn, startAccessApp, startWith, type AccessApp, type ApiClient } from '../support/access-app.ts';
import { factsInput, stateWith, statsPrefix, statsStore } from '../support/stats.ts';
import { testLogger } from '../support/test-logger.ts';

/**
 * The statistics' API behind real logins on a real Redis: a unit administrator gets the figures, activity and calls
 * of the unit's queues and agents only, the way the server wires them (server/main.ts).
 */

const now = Date.parse('2026-06-10T12:00:00Z');
const live = stateWith({ sales: 20, support: 30 });
const ALICE = 'PJSIP/1001';
const BOB = 'PJSIP/1002';

let app: AccessApp;
let redis: Redis;
let store: StatsStore;
let owner: ApiClient;
let ada: ApiClient;

/** A call of `queue` answered by `agent` after a ring, ended a minute later. */
function answeredCall(id: string, queue: string, agent: string, at: number): Fact[] {
  return [
    { kind: 'joined', at, queue, callId: id },
    { kind: 'rang', at: at + 5_000, queue, callId: id, agent, startedAt: at + 1_000, result: 'answered' },
    { kind: 'answered', at: at + 5_000, queue, callId: id, agent, holdSec: 5 },
    { kind: 'completed', at: at + 65_000, queue, callId: id, agent, talkSec: 60, reason: 'caller' },
  ];
}

beforeAll(async () => {
  const clock = () => now;
  redis = new Redis(inject('redisUrl'));
  app = await startAccessApp({
    redisUrl: inject('redisUrl'),
    routes: (access) => {
      const prefix = statsPrefix('scope');
      store = statsStore(redis, prefix, { clock });
      const router = Router();
      router.use(['/stats', '/agents/activity'], access.requireUser());
      const scopeOf = (request: Parameters<typeof access.userOf>[0]) => access.scopeOf(access.userOf(request));
      router.use(
        createStatsRouter({
          stats: store,
          retention: createRetention(redis, { prefix, log: testLogger('retention'), clock }),
          state: () => Promise.resolve(live),
          windows: { timeZone: 'UTC', shifts: [0] },
          cut: async (request, body) => scopeStats(await scopeOf(request), body),
          cutActivity: async (request, body) => scopeActivity(await scopeOf(request), body),
          clock,
        }),
      );
      return router;
    },
  });
  const ids = await startWith(app, [
    ['owner', 'owner'],
    ['ada', 'administrator'],
    ['alice', 'agent', { interfaces: [ALICE] }],
    ['bob', 'agent', { interfaces: [BOB] }],
  ]);
  owner = await loggedIn(app.url, 'owner', 'owner password 1');
  const unit = await owner.call('POST', '/api/units', {
    name: 'Sales',
    members: [ids.get('alice')],
    administrators: [ids.get('ada')],
    queues: ['sales'],
  });
  expect(unit.status).toBe(201);
  ada = await loggedIn(app.url, 'ada', 'ada password 1');
  const hour = now - 3_600_000;
  store.record(
    now,
    factsInput(live, [
      ...answeredCall('s1', 'sales', ALICE, hour),
      ...answeredCall('s2', 'sales', BOB, hour + 100_000),
      ...answeredCall('t1', 'support', ALICE, hour + 200_000),
    ]),
  );
  await store.flush();
});

afterAll(async () => {
  await store.close();
  await app.close();
  await redis.quit();
});

describe('a unit administrator', () => {
  it('sees the statistics of the unit only (as before)', async () => {
    const mine = (await ada.call<StatsResponse>('GET', '/api/stats')).body;
    expect(mine.queues.map((queue) => queue.name)).toEqual(['sales']);
    expect(mine.agents.map((agent) => agent.interface)).toEqual([ALICE]);
  });

  it("sees the activity of the unit's agents in the unit's queues, where the owner sees all", async () => {
    const all = (await owner.call<AgentActivityResponse>('GET', '/api/agents/activity')).body;
    const spans = (body: AgentActivityResponse) => body.spans.map((span) => `${span.agent} ${span.kind} ${span.queue}`);
    expect(spans(all)).toEqual([
      `${ALICE} ringing sales`,
      `${ALICE} onCall sales`,
      `${BOB} ringing sales`,
      `${BOB} onCall sales`,
      `${ALICE} ringing support`,
      `${ALICE} onCall support`,
    ]);
    const mine = (await ada.call<AgentActivityResponse>('GET', '/api/agents/activity')).body;
    expect(spans(mine)).toEqual([`${ALICE} ringing sales`, `${ALICE} onCall sales`]);
    const asked = (await ada.call<AgentActivityResponse>('GET', `/api/agents/activity?agent=${BOB}`)).body;
    expect(asked.spans).toEqual([]);
  });

  it('is refused without a login', async () => {
    const anonymous = await fetch(`${app.url}/api/agents/activity`);
    expect(anonymous.status).toBe(401);
  });
});
