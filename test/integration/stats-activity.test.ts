import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AgentActivitySpan } from '../../server/contract/stats.ts';
import { DEFAULT_STATS_SETTINGS, type StatsSettings } from '../../server/stats/counting/settings.ts';
import { readQueueLog, type QueueLogEntry } from '../support/queue-log.ts';
import { recordAll, recordedThreeWays, replaySteps, statsPrefix, statsStore, traceWindow } from '../support/stats.ts';
import type { Scenario } from '../support/traces.ts';

/**
 * Agent activity from recorded traces, played through the real AMI connection and reducer into the store on a real
 * Redis: per agent, the on-call spans are queue_log's talk, the rings queue_log's RINGNOANSWER and CONNECT lines, the
 * paused spans the paused time the statistics show; and recording the facts again (a restart) adds no span.
 */

let redis: Redis;
beforeAll(() => {
  redis = new Redis(inject('redisUrl'));
});
afterAll(async () => {
  await redis.quit();
});

/** The queues' wrap-up as the traces' queues.conf sets it (Asterisk does not report it). */
const TRACE_SETTINGS: StatsSettings = {
  ...DEFAULT_STATS_SETTINGS,
  queues: { sales: { wrapupSec: 3 }, billing: { wrapupSec: 2 } },
};

const seconds = (span: AgentActivitySpan, now: number): number =>
  ((span.end === null ? now : Date.parse(span.end)) - Date.parse(span.start)) / 1000;

/** What queue_log says one agent (by member name) did. */
function queueLogActivity(log: readonly QueueLogEntry[], name: string) {
  const mine = log.filter((entry) => entry.agent === name);
  // COMPLETE*: holdtime|calltime|origposition; *TRANSFER: target|context|holdtime|calltime|origposition.
  const talk = mine.flatMap((entry) => {
    if (entry.event === 'COMPLETECALLER' || entry.event === 'COMPLETEAGENT') return [Number(entry.data[1])];
    if (entry.event.endsWith('TRANSFER')) return [Number(entry.data[3])];
    return [];
  });
  return {
    calls: talk.length,
    talkSec: talk.reduce((sum, sec) => sum + sec, 0),
    answeredRings: mine.filter((entry) => entry.event === 'CONNECT').length,
    unansweredRings: mine.filter((entry) => entry.event === 'RINGNOANSWER').length,
  };
}

describe.each<Scenario>(['05-pause-and-membership', '08-wrapup-transfer', '09-load', '12-timestamps', '17-cdr-events'])(
  'agent activity of %s',
  (scenario) => {
    it('has queue_log talk and rings, and the paused time of the statistics, per agent', async () => {
      const steps = await replaySteps(scenario, 5);
      const { since, now } = traceWindow(steps);
      const store = statsStore(redis, statsPrefix(`activity-${scenario}`), {
        clock: () => now,
        settings: TRACE_SETTINGS,
      });
      try {
        await recordAll(store, steps);
        const window = { since, until: null };
        const spans = await store.agentActivity(window);
        const agents = await store.agentStats(window);
        const log = readQueueLog(scenario);
        expect(agents.length).toBeGreaterThan(0);
        for (const agent of agents) {
          const mine = spans.filter((span) => span.agent === agent.interface);
          const of = (kind: AgentActivitySpan['kind'], reason?: string) =>
            mine.filter((span) => span.kind === kind && (reason === undefined || span.reason === reason));
          const onCall = of('onCall');
          expect(
            {
              calls: onCall.length,
              talkSec: onCall.reduce((sum, span) => sum + seconds(span, now), 0),
              answeredRings: of('ringing', 'answered').length,
              unansweredRings: of('ringing', 'noAnswer').length,
            },
            `${scenario} ${agent.name}`,
          ).toEqual(queueLogActivity(log, agent.name));
          expect(onCall.every((span) => span.queue && span.callId && span.end)).toBe(true);
          // Wrap-up follows each call for the wrap-up time the statistics count.
          expect(of('wrapUp').reduce((sum, span) => sum + seconds(span, now), 0)).toBe(agent.wrapSec);
          const paused = of('paused').reduce((sum, span) => sum + seconds(span, now), 0);
          expect(Math.abs(paused - agent.pausedSec), `${scenario} ${agent.name} paused`).toBeLessThanOrEqual(1);
        }
        if (scenario === '08-wrapup-transfer') expect(spans.some((span) => span.kind === 'wrapUp')).toBe(true);
        if (scenario === '09-load') {
          expect(spans.filter((span) => span.kind === 'ringing' && span.reason === 'cancelled').length).toBeGreaterThan(
            0,
          );
        }
      } finally {
        await store.close();
      }
    });
  },
);

describe('agent activity recorded again', () => {
  it('has every span once after the same facts twice, or a restart that replays an overlap', async () => {
    const steps = await replaySteps('09-load', 7);
    const { since, now } = traceWindow(steps);
    const { once, twice, resumed, close } = await recordedThreeWays(redis, 'activity', steps, { clock: () => now });
    try {
      const window = { since, until: null };
      const expected = await once.agentActivity(window);
      expect(expected.filter((span) => span.kind === 'onCall').length).toBeGreaterThan(50);
      expect(await twice.agentActivity(window)).toEqual(expected);
      expect(await resumed.agentActivity(window)).toEqual(expected);
    } finally {
      await close();
    }
  });

  it('cuts a bounded window and picks agents', async () => {
    const steps = await replaySteps('09-load', 7);
    const { since, now } = traceWindow(steps);
    const store = statsStore(redis, statsPrefix('activity-window'), { clock: () => now });
    try {
      await recordAll(store, steps);
      const all = await store.agentActivity({ since, until: null });
      const middle = since + (now - since) / 2;
      const firstHalf = await store.agentActivity({ since, until: middle });
      expect(firstHalf).toEqual(all.filter((span) => Date.parse(span.start) < middle));
      const secondHalf = await store.agentActivity({ since: middle, until: null });
      expect(secondHalf).toEqual(all.filter((span) => span.end === null || Date.parse(span.end) > middle));
      const agent = all[0]?.agent ?? '';
      expect(await store.agentActivity({ since, until: null }, [agent])).toEqual(
        all.filter((span) => span.agent === agent),
      );
    } finally {
      await store.close();
    }
  });
});
