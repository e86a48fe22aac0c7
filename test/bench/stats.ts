import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import type { Fact } from '../../server/domain/facts.ts';
import { createStatsStore } from '../../server/stats/redis/store.ts';
import { resolveSince } from '../../server/stats/counting/windows.ts';
import { startRedisServer } from '../support/redis-server.ts';
import { factsInput, stateWith } from '../support/stats.ts';
import { testLogger } from '../support/test-logger.ts';

/**
 * Statistics reads: a day of a big call centre (100k calls over 50 queues, 10 agents each, every kind of fact) written
 * through the store into a fresh redis-server, then the board's query, every queue's figures for a window, timed
 * again and again. "Today" starts at midnight in Europe/Warsaw (an hour boundary in UTC: two buckets per queue);
 * "24h" starts at an odd second (about 50 buckets per queue here; never more than about 140). Then all 500 agents, the
 * queues' series per 15 minutes since today, the first page of today's call records, and all of today's agent activity.
 */

export interface StatsBenchOptions {
  readonly calls: number;
  readonly queues: number;
  readonly repeats: number;
}

export interface StatsBenchResult {
  readonly facts: number;
  readonly loadMs: number;
  /** ms per query of all queues, by window. */
  readonly today: number[];
  readonly rolling24h: number[];
  /** ms per query of all agents since today. */
  readonly agents: number[];
  /** ms per query of all queues since today with a series per 15 minutes, as a live board repeats it... */
  readonly series: number[];
  /** ...and the first one, which reads the closed intervals that the next ones keep (stats/counting/settled.ts). */
  readonly seriesFirstMs: number;
  /** ms per read of the first page (100) of today's call records, and of every agent activity span since today. */
  readonly calls: number[];
  readonly activity: number[];
}

const AGENTS_PER_QUEUE = 10;

function syntheticDay(start: number, options: StatsBenchOptions): Fact[] {
  let seed = 11;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const facts: Fact[] = [];
  for (let q = 0; q < options.queues; q++) {
    for (let a = 0; a < AGENTS_PER_QUEUE; a++) {
      const agent = `Local/${1000 + q * AGENTS_PER_QUEUE + a}@agents`;
      const name = agent.slice(6, 10);
      facts.push({
        kind: 'member',
        at: start,
        queue: `q${q}`,
        agent,
        name,
        present: true,
        paused: false,
        pausedReason: '',
        status: 1,
        inCall: false,
      });
    }
  }
  for (let i = 0; i < options.calls; i++) {
    const queue = `q${i % options.queues}`;
    const agent = `Local/${1000 + (i % options.queues) * AGENTS_PER_QUEUE + Math.floor(random() * AGENTS_PER_QUEUE)}@agents`;
    const callId = `call-${i}`;
    const joinedAt = start + Math.floor(random() * 23.5 * 3_600_000);
    const holdSec = Math.floor(random() * 90);
    const leftAt = joinedAt + holdSec * 1000;
    facts.push({ kind: 'joined', at: joinedAt, queue, callId });
    if (random() < 0.2) facts.push({ kind: 'ringNoAnswer', at: joinedAt + 15_000, queue, callId, agent, ringSec: 15 });
    const base = {
      id: callId,
      queue,
      callerIdNum: '48221234567',
      callerIdName: 'Caller',
      dialled: '100',
      joinedAt,
      position: 1,
      waitSec: holdSec,
    };
    if (random() < 0.8) {
      const talkSec = Math.floor(random() * 400);
      const endedAt = leftAt + talkSec * 1000;
      const attempt = { agent, agentName: agent, startedAt: leftAt - 5_000, ringSec: 5, result: 'answered' } as const;
      facts.push({ kind: 'rang', at: leftAt, queue, callId, agent, startedAt: attempt.startedAt, result: 'answered' });
      facts.push({ kind: 'answered', at: leftAt, queue, callId, agent, holdSec });
      facts.push({ kind: 'completed', at: endedAt, queue, callId, agent, talkSec, reason: 'caller' });
      const answered = {
        outcome: 'answered',
        attempts: [attempt],
        answeredAt: leftAt,
        agent,
        agentName: agent,
        talkSec,
      } as const;
      facts.push({ kind: 'callEnded', at: endedAt, record: { ...base, ...answered, endReason: 'caller', endedAt } });
    } else {
      facts.push({ kind: 'exited', at: leftAt, queue, callId, outcome: 'abandoned', holdSec });
      const unanswered = {
        outcome: 'abandoned',
        attempts: [],
        answeredAt: null,
        agent: null,
        agentName: null,
        talkSec: null,
      } as const;
      facts.push({
        kind: 'callEnded',
        at: leftAt,
        record: { ...base, ...unanswered, endReason: null, endedAt: leftAt },
      });
    }
  }
  return facts.sort((x, y) => x.at - y.at);
}

async function timeQueries(run: () => Promise<unknown>, repeats: number): Promise<number[]> {
  for (let i = 0; i < 5; i++) await run(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times;
}

export async function benchStats(options: StatsBenchOptions): Promise<StatsBenchResult> {
  const server = await startRedisServer();
  const redis = new Redis(server.url);
  const windows = { timeZone: 'Europe/Warsaw', shifts: [0] };
  const midnight = Date.parse('2026-06-09T22:00:00Z');
  const now = midnight + 23.9 * 3_600_000;
  const store = createStatsStore(redis, { prefix: 'bench', source: 'pbx', log: testLogger('bench'), clock: () => now });
  try {
    const names = Array.from({ length: options.queues }, (_, q) => `q${q}`);
    const live = stateWith(Object.fromEntries(names.map((name) => [name, 20])));
    const facts = syntheticDay(midnight, options);
    const started = performance.now();
    // Flushed every 100,000 facts: a whole day handed over at once would overflow the writer's backlog.
    for (let i = 0; i < facts.length; i += 1_000) {
      store.record(now, factsInput(live, facts.slice(i, i + 1_000)));
      if ((i + 1_000) % 100_000 === 0) await store.flush();
    }
    await store.flush();
    const loadMs = performance.now() - started;

    const since = (spec: string) => {
      const resolved = resolveSince(spec, now, windows);
      if (!('since' in resolved)) throw new Error(resolved.error);
      return resolved.since;
    };
    const query = (from: number) => () => store.queueStats({ since: from, until: null }, { queues: names, live });
    const today = await timeQueries(query(since('today')), options.repeats);
    const rolling24h = await timeQueries(query(since('24h') + 17_000), options.repeats);
    const agents = await timeQueries(
      () => store.agentStats({ since: since('today'), until: null }),
      Math.ceil(options.repeats / 4),
    );
    const seriesQuery = () => store.queueSeries(since('today'), '15m', { queues: names, live });
    const firstStarted = performance.now();
    await seriesQuery();
    const seriesFirstMs = performance.now() - firstStarted;
    const series = await timeQueries(seriesQuery, Math.ceil(options.repeats / 4));
    const page = { sees: () => true, offset: 0, limit: 100 };
    const calls = await timeQueries(
      () => store.callRecords({ since: since('today'), until: now }, page),
      Math.ceil(options.repeats / 4),
    );
    const activity = await timeQueries(
      () => store.agentActivity({ since: since('today'), until: null }),
      Math.ceil(options.repeats / 20),
    );
    const check = await store.queueStats({ since: since('today'), until: null }, { queues: names, live });
    const offered = check.reduce((sum, queue) => sum + queue.offered, 0);
    if (offered !== options.calls) throw new Error(`expected ${options.calls} calls offered today, read ${offered}`);
    return { facts: facts.length, loadMs, today, rolling24h, agents, series, seriesFirstMs, calls, activity };
  } finally {
    await store.close();
    await redis.quit();
    await server.stop();
  }
}
