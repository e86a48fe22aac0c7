import { Router } from 'express';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { scopeActivity, scopeCallRecords, scopeStats } from '../../server/access/filter.ts';
import { HIDDEN_NUMBER } from '../../server/contract/accounts.ts';
import type { AgentActivityResponse, CallRecordsResponse, StatsResponse } from '../../server/contract/stats.ts';
import type { Fact } from '../../server/domain/facts.ts';
import { createStatsRouter } from '../../server/stats/http.ts';
import { createRetention } from '../../server/stats/redis/retention.ts';
import type { StatsStore } from '../../server/stats/redis/store.ts';
import { loggedIn, startAccessApp, startWith, type AccessApp, type ApiClient } from '../support/access-app.ts';
import { factsInput, stateWith, statsPrefix, statsStore } from '../support/stats.ts';
import { testLogger } from '../support/test-logger.ts';

/**
 * The statistics' API behind real logins on a real Redis: a unit administrator gets the figures, activity and calls
 * of the unit's queues and agents only, the way the server wires them (server/compose.ts).
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
let alice: ApiClient;
let teamId: string;

/** A call of `queue` answered by `agent` after a ring, ended a minute later. */
function answeredCall(id: string, queue: string, agent: string, at: number): Fact[] {
  return [
    { kind: 'joined', at, queue, callId: id },
    { kind: 'rang', at: at + 5_000, queue, callId: id, agent, startedAt: at + 1_000, result: 'answered' },
    { kind: 'answered', at: at + 5_000, queue, callId: id, agent, holdSec: 5 },
    { kind: 'completed', at: at + 65_000, queue, callId: id, agent, talkSec: 60, reason: 'caller' },
    {
      kind: 'callEnded',
      at: at + 65_000,
      record: {
        id,
        queue,
        callerIdNum: '48221234567',
        callerIdName: 'Jan Kowalski',
        dialled: '100',
        joinedAt: at,
        position: 1,
        waitSec: 5,
        outcome: 'answered',
        // Bob was rung first and let it ring out, then the agent answered.
        attempts: [
          { agent: BOB, agentName: 'bob', startedAt: at, ringSec: 1, result: 'noAnswer' },
          { agent, agentName: agent, startedAt: at + 1_000, ringSec: 4, result: 'answered' },
        ],
        answeredAt: at + 5_000,
        agent,
        agentName: agent,
        talkSec: 60,
        endReason: 'caller',
        endedAt: at + 65_000,
      },
    },
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
      router.use(['/stats', '/agents/activity', '/calls'], access.requireUser());
      const scopeOf = (request: Parameters<typeof access.userOf>[0]) => access.scopeOf(access.userOf(request));
      router.use(
        createStatsRouter({
          stats: store,
          retention: createRetention(redis, { prefix, log: testLogger('retention'), clock }),
          state: () => Promise.resolve(live),
          windows: { timeZone: 'UTC', shifts: [0] },
          cut: async (request, body) => scopeStats(await scopeOf(request), body),
          cutActivity: async (request, body) => scopeActivity(await scopeOf(request), body),
          callsScope: async (request) => scopeCallRecords(await scopeOf(request)),
          asker: (request) => access.userOf(request).user.id,
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
  alice = await loggedIn(app.url, 'alice', 'alice password 1');
  const team = await owner.call<{ id: string }>('POST', '/api/teams', {
    name: 'Floor',
    members: [ids.get('ada'), ids.get('alice')],
  });
  teamId = team.body.id;
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
  it('sees the statistics and their series of the unit only', async () => {
    const mine = (await ada.call<StatsResponse>('GET', '/api/stats')).body;
    expect(mine.queues.map((queue) => queue.name)).toEqual(['sales']);
    expect(mine.agents.map((agent) => agent.interface)).toEqual([ALICE]);
    const series = (await ada.call<StatsResponse>('GET', '/api/stats?interval=1h')).body.series;
    expect(series?.queues.map((queue) => queue.name)).toEqual(['sales']);
    expect(
      (await owner.call<StatsResponse>('GET', '/api/stats?interval=1h')).body.series?.queues.map((q) => q.name),
    ).toEqual(['sales', 'support']);
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

  it("sees the calls of the unit's queues only, with legs of the unit's agents only", async () => {
    const all = (await owner.call<CallRecordsResponse>('GET', '/api/calls')).body;
    expect(all.calls.map((call) => `${call.id} ${call.agent} ${call.attempts.length}`)).toEqual([
      `t1 ${ALICE} 2`,
      `s2 ${BOB} 2`,
      `s1 ${ALICE} 2`,
    ]);
    const mine = (await ada.call<CallRecordsResponse>('GET', '/api/calls')).body;
    expect(mine.total).toBe(2);
    expect(mine.calls.map((call) => [call.id, call.agent, call.agentName, call.attempts.map((a) => a.agent)])).toEqual([
      ['s2', null, null, []],
      ['s1', ALICE, ALICE, [ALICE]],
    ]);
    expect(mine.calls.every((call) => call.callerIdNum === '48221234567')).toBe(true);
    expect((await ada.call<CallRecordsResponse>('GET', '/api/calls?queue=support')).body.calls).toEqual([]);
  });

  it('sees caller numbers hidden under "hide phone numbers", except on their own calls', async () => {
    const policy = await owner.call<{ id: string }>('POST', '/api/policies', {
      policy: 'presence.hideNumbers',
      team: teamId,
    });
    expect(policy.status).toBe(201);
    try {
      const mine = (await ada.call<CallRecordsResponse>('GET', '/api/calls')).body;
      expect(mine.calls.map((call) => [call.id, call.callerIdNum, call.callerIdName])).toEqual([
        ['s2', HIDDEN_NUMBER, HIDDEN_NUMBER],
        ['s1', HIDDEN_NUMBER, HIDDEN_NUMBER],
      ]);
      const own = (await alice.call<CallRecordsResponse>('GET', '/api/calls')).body;
      expect(own.calls.map((call) => [call.id, call.callerIdNum])).toEqual([
        ['s2', HIDDEN_NUMBER],
        ['s1', '48221234567'],
      ]);
      const all = (await owner.call<CallRecordsResponse>('GET', '/api/calls')).body;
      expect(all.calls.every((call) => call.callerIdNum === '48221234567')).toBe(true);
    } finally {
      expect((await owner.call('DELETE', `/api/policies/${policy.body.id}`)).status).toBe(204);
    }
  });

  it('is refused without a login', async () => {
    for (const path of ['/api/agents/activity', '/api/calls'])
      expect((await fetch(`${app.url}${path}`)).status, path).toBe(401);
  });
});
