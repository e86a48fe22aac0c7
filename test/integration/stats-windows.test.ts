import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Fact } from '../../server/domain/facts.ts';
import { queueIncrement, QUEUE_MAXIMA, type QueueTotals } from '../../server/domain/metrics.ts';
import { QUEUE_LAYOUT } from '../../server/stats/counting/entries.ts';
import type { StatsStore } from '../../server/stats/redis/store.ts';
import { toRecord, zero } from '../../server/stats/counting/vector.ts';
import { resolveSince } from '../../server/stats/counting/windows.ts';
import { factsInput, stateWith, statsPrefix, statsStore } from '../support/stats.ts';

/**
 * Windows at their edges, with facts we make up (they are plain data): exact to the second wherever `since` falls,
 * each event counted at its own time, and local midnight on the days the clocks change.
 */

const T = 20;
const state = stateWith({ sales: T, support: T });
const at = (iso: string) => Date.parse(iso);

let redis: Redis;
beforeAll(() => {
  redis = new Redis(inject('redisUrl'));
});
afterAll(async () => {
  await redis.quit();
});

async function storeWith(facts: readonly Fact[], now: number): Promise<StatsStore> {
  const store = statsStore(redis, statsPrefix('windows'), { clock: () => now });
  store.record(now, factsInput(state, facts));
  await store.flush();
  return store;
}

/** One answered call: joined, answered after `holdSec`, completed after `talkSec`. */
function answeredCall(id: string, joinedAt: number, holdSec: number, talkSec: number, queue = 'sales'): Fact[] {
  const answeredAt = joinedAt + holdSec * 1000;
  return [
    { kind: 'joined', at: joinedAt, queue, callId: id },
    { kind: 'answered', at: answeredAt, queue, callId: id, agent: 'Local/1001@agents', holdSec },
    {
      kind: 'completed',
      at: answeredAt + talkSec * 1000,
      queue,
      callId: id,
      agent: 'Local/1001@agents',
      talkSec,
      reason: 'caller',
    },
  ];
}

describe('statistics windows', () => {
  it('counts each event at its own time: joined before since, answered after', async () => {
    const since = at('2026-06-10T10:00:00Z');
    const store = await storeWith(answeredCall('c1', since - 15_000, 25, 60), since + 3_600_000);
    try {
      const [sales] = await store.queueStats({ since, until: null }, { queues: ['sales'] });
      expect(sales).toMatchObject({
        offered: 0,
        answered: 1,
        answeredWithinSl: 0,
        holdSecAnswered: 25,
        completed: 1,
        talkSec: 60,
      });
      const [before] = await store.queueStats({ since: since - 60_000, until: since }, { queues: ['sales'] });
      expect(before).toMatchObject({ offered: 1, answered: 0, completed: 0 });
    } finally {
      await store.close();
    }
  });

  it('is exact to the second when since falls mid-minute', async () => {
    const minute = at('2026-06-10T10:07:00Z');
    const joins = [0, 29_999, 30_000, 30_400, 59_999, 60_000, 95_000].map((offset, i): Fact => ({
      kind: 'joined',
      at: minute + offset,
      queue: 'sales',
      callId: `j${i}`,
    }));
    const store = await storeWith(joins, minute + 600_000);
    try {
      const offered = async (since: number, until: number | null = null) =>
        (await store.queueStats({ since, until }, { queues: ['sales'] }))[0]?.offered;
      expect(await offered(minute + 30_000)).toBe(5);
      expect(await offered(minute + 30_999)).toBe(5); // since is taken to its second
      expect(await offered(minute + 31_000)).toBe(3);
      expect(await offered(minute + 30_000, minute + 60_000)).toBe(3);
      expect(await offered(minute)).toBe(7);
      expect(await offered(minute + 96_000)).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('starts "today" at local midnight on the days the clocks change (Europe/Warsaw)', async () => {
    const windows = { timeZone: 'Europe/Warsaw', shifts: [0] };
    const hour = 3_600_000;
    for (const [midnight, dayLength] of [
      ['2026-03-28T23:00:00Z', 23 * hour],
      ['2026-10-24T22:00:00Z', 25 * hour],
    ] as const) {
      // Just before midnight (yesterday), at midnight, and in the last seconds of the 23- or 25-hour day.
      const facts: Fact[] = [-1_000, 0, dayLength - 2_000].map((offset, i) => ({
        kind: 'joined',
        at: at(midnight) + offset,
        queue: 'support',
        callId: `${midnight}-${i}`,
      }));
      const now = at(midnight) + dayLength - 1_000;
      expect(resolveSince('today', now, windows)).toEqual({ since: at(midnight) });
      expect(resolveSince('today', now + 1_000, windows)).toEqual({ since: at(midnight) + dayLength });
      const store = await storeWith(facts, now);
      try {
        const [support] = await store.queueStats({ since: at(midnight), until: null }, { queues: ['support'] });
        expect(support?.offered, midnight).toBe(2);
      } finally {
        await store.close();
      }
    }
  });

  it('equals counting the facts one by one, for any window', async () => {
    const start = at('2026-06-10T21:30:00Z');
    const facts = syntheticDay(start, 400);
    const store = await storeWith(facts, start + 2 * 86_400_000);
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: -60_000, max: 30 * 3_600_000 }),
          fc.option(fc.integer({ min: 0, max: 30 * 3_600_000 }), { nil: null }),
          async (offset, length) => {
            const since = start + offset;
            const until = length === null ? null : since + length;
            const [sales] = await store.queueStats({ since, until }, { queues: ['sales'], live: state });
            const { serviceLevelSec, ...totals } = sales ?? {};
            expect(serviceLevelSec).toBe(T);
            expect(totals).toMatchObject(countOneByOne(facts, since, until));
          },
        ),
        { numRuns: 40, seed: 42 },
      );
    } finally {
      await store.close();
    }
  });

  it('merges the longest wait over the window, not only the sums', async () => {
    const base = at('2026-06-10T08:00:00Z');
    const store = await storeWith(
      [
        ...answeredCall('w1', base, 90, 10),
        ...answeredCall('w2', base + 3_600_000, 12, 10),
        ...answeredCall('w3', base + 7_200_000, 30, 10),
      ],
      base + 10 * 3_600_000,
    );
    try {
      const maxWait = async (since: number) =>
        (await store.queueStats({ since, until: null }, { queues: ['sales'] }))[0]?.maxWaitSec;
      expect(await maxWait(base)).toBe(90);
      expect(await maxWait(base + 91_000)).toBe(30);
      expect(await maxWait(base + 7_200_000 + 31_000)).toBe(0);
    } finally {
      await store.close();
    }
  });
});

describe('agent time windows', () => {
  const member = (agent: string, queue: string, iso: string, present: boolean, paused = false, reason = ''): Fact => ({
    kind: 'member',
    at: at(iso),
    queue,
    agent,
    name: agent.slice(6, 10),
    present,
    paused,
    pausedReason: reason,
    status: 1,
    inCall: false,
  });
  const alice = 'Local/1001@agents';
  const bob = 'Local/1002@agents';

  it('counts logged-in and paused time inside the window, open intervals up to now', async () => {
    const facts: Fact[] = [
      member(alice, 'sales', '2026-06-10T08:00:00Z', true),
      member(alice, 'support', '2026-06-10T08:00:00Z', true),
      member(bob, 'sales', '2026-06-10T09:00:00Z', true),
      member(alice, 'sales', '2026-06-10T12:00:00Z', true, true, 'lunch'),
      member(alice, 'support', '2026-06-10T12:00:05Z', true, true, 'lunch'), // paused everywhere from here
      member(alice, 'sales', '2026-06-10T12:30:00Z', true),
      member(alice, 'support', '2026-06-10T12:30:00Z', true),
      {
        kind: 'completed',
        at: at('2026-06-10T15:00:00Z'),
        queue: 'sales',
        callId: 'c',
        agent: alice,
        talkSec: 3_600,
        reason: 'agent',
      },
      member(alice, 'sales', '2026-06-10T16:00:00Z', false),
      member(alice, 'support', '2026-06-10T16:00:00Z', false),
    ];
    const store = await storeWith(facts, at('2026-06-10T18:00:00Z'));
    try {
      const agents = await store.agentStats({ since: at('2026-06-10T10:00:00Z'), until: null });
      expect(
        agents.map((agent) => [
          agent.name,
          agent.loggedInSec,
          agent.pausedSec,
          agent.pausedSecByReason,
          agent.occupancyPct,
        ]),
      ).toEqual([
        ['1001', 6 * 3_600, 1_795, { lunch: 1_795 }, 18.2],
        ['1002', 8 * 3_600, 0, {}, 0],
      ]);
      const afterLunchStart = await store.agentStats({ since: at('2026-06-10T12:15:00Z'), until: null }, [alice]);
      expect(afterLunchStart[0]).toMatchObject({ loggedInSec: 13_500, pausedSec: 900, talkSec: 3_600, completed: 1 });
      // Bob only: Alice is neither logged in nor did anything after 16:00.
      expect(
        (await store.agentStats({ since: at('2026-06-10T17:00:00Z'), until: null })).map((agent) => agent.name),
      ).toEqual(['1002']);
    } finally {
      await store.close();
    }
  });
});

/** Calls over a day and a bit, every outcome, with a deterministic generator. */
function syntheticDay(start: number, calls: number): Fact[] {
  let seed = 7;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const facts: Fact[] = [];
  for (let i = 0; i < calls; i++) {
    const joinedAt = start + Math.floor(random() * 28 * 3_600_000);
    const holdSec = Math.floor(random() * 60);
    const roll = random();
    if (roll < 0.7) facts.push(...answeredCall(`s${i}`, joinedAt, holdSec, Math.floor(random() * 600)));
    else {
      const outcome = roll < 0.9 ? 'abandoned' : 'timedOut';
      facts.push({ kind: 'joined', at: joinedAt, queue: 'sales', callId: `s${i}` });
      facts.push({ kind: 'exited', at: joinedAt + holdSec * 1000, queue: 'sales', callId: `s${i}`, outcome, holdSec });
    }
  }
  return facts;
}

/** The reference: every fact in the window's whole seconds, counted by the metric definitions directly. */
function countOneByOne(facts: readonly Fact[], since: number, until: number | null): QueueTotals {
  const from = Math.floor(since / 1000) * 1000;
  const to = until === null ? Number.POSITIVE_INFINITY : Math.ceil(until / 1000) * 1000;
  const totals = toRecord(QUEUE_LAYOUT, zero(QUEUE_LAYOUT));
  const maxima = new Set<string>(QUEUE_MAXIMA);
  for (const fact of facts) {
    if (fact.at < from || fact.at >= to) continue;
    for (const [name, value] of Object.entries(
      queueIncrement(fact, { serviceLevelSec: T, shortAbandonSec: 5, wrapupSec: 0 }) ?? {},
    )) {
      const key = name as keyof QueueTotals;
      totals[key] = maxima.has(name) ? Math.max(totals[key], value) : totals[key] + value;
    }
  }
  return totals;
}
