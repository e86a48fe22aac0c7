import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { QueueStats } from '../../server/contract/stats.ts';
import { readQueueLog } from '../support/queue-log.ts';
import {
  agentLogFigures,
  queueFigures,
  queueLogFigures,
  queueLogQueues,
  recordAll,
  recordedThreeWays,
  replaySteps,
  statsPrefix,
  statsStore,
  traceWindow,
} from '../support/stats.ts';
import type { Scenario } from '../support/traces.ts';

/**
 * Recorded traces, played through the real AMI connection and reducer into the statistics store on a real Redis: the
 * whole trace's window must say exactly what queue_log says, per queue and per agent.
 */

let redis: Redis;
beforeAll(() => {
  redis = new Redis(inject('redisUrl'));
});
afterAll(async () => {
  await redis.quit();
});

function compareWithQueueLog(
  scenario: Scenario,
  queues: readonly QueueStats[],
  serviceLevels: Record<string, number>,
): void {
  const log = readQueueLog(scenario);
  const names = queueLogQueues(log);
  expect(names.length).toBeGreaterThan(0);
  for (const name of names) {
    const ours = queues.find((queue) => queue.name === name);
    const want = queueLogFigures(log, name, serviceLevels[name] ?? 0);
    expect(ours, `queue ${name}`).toBeDefined();
    expect(queueFigures(ours), `${scenario} ${name}`).toEqual(want);
    // The averages are these sums divided: the same figures queue_log gives.
    expect(ours?.asaSec).toBeCloseTo(want.answered ? want.holdSecAnswered / want.answered : Number.NaN, 1);
    if (want.completed) expect(ours?.avgTalkSec).toBeCloseTo(want.talkSec / want.completed, 1);
  }
}

describe.each<Scenario>(['09-load', '12-timestamps', '17-cdr-events', '13-asterisk-restart'])(
  'statistics of %s',
  (scenario) => {
    it('equal queue_log over the whole trace, per queue and per agent', async () => {
      const steps = await replaySteps(scenario, 5);
      const { since, until, now } = traceWindow(steps);
      const store = statsStore(redis, statsPrefix(scenario), { clock: () => now });
      try {
        await recordAll(store, steps);
        const live = steps.at(-1)?.reduction.state;
        const serviceLevels = Object.fromEntries(
          Object.values(live?.queues ?? {}).map((q) => [q.name, q.serviceLevelSec]),
        );
        const queues = await store.queueStats({ since, until }, live ? { live } : {});
        compareWithQueueLog(scenario, queues, serviceLevels);
        if (scenario === '13-asterisk-restart') {
          // Asterisk's own counters restarted at zero; ours (and queue_log) go on.
          const sales = queues.find((queue) => queue.name === 'sales');
          expect(live?.queues.sales?.reported?.completed ?? 0).toBeLessThan((sales?.completed ?? 0) / 2);
        }

        // Per agent, queue_log names the member (log_membername_as_agent).
        const log = readQueueLog(scenario);
        const agents = await store.agentStats({ since, until });
        for (const agent of agents) {
          const mine = log.filter((entry) => entry.agent === agent.name);
          expect(
            { answered: agent.answered, missed: agent.missed, talkSec: agent.talkSec },
            `${scenario} agent ${agent.name}`,
          ).toEqual(agentLogFigures(log, agent.name));
          // Per queue too: what a viewer of some of the agent's queues is shown.
          const queues = new Set(
            mine
              .filter((entry) => entry.event === 'CONNECT' || entry.event === 'RINGNOANSWER')
              .map((entry) => entry.queue),
          );
          expect(Object.keys(agent.byQueue).sort(), `${scenario} agent ${agent.name} queues`).toEqual(
            [...queues].sort(),
          );
          for (const queue of queues) {
            expect(
              { answered: agent.byQueue[queue]?.answered, missed: agent.byQueue[queue]?.missed },
              `${scenario} agent ${agent.name} in ${queue}`,
            ).toEqual({
              answered: mine.filter((entry) => entry.queue === queue && entry.event === 'CONNECT').length,
              missed: mine.filter((entry) => entry.queue === queue && entry.event === 'RINGNOANSWER').length,
            });
          }
        }
        expect(agents.reduce((sum, agent) => sum + agent.answered, 0)).toBe(
          log.filter((e) => e.event === 'CONNECT').length,
        );
      } finally {
        await store.close();
      }
    });
  },
);

describe('counting each call once', () => {
  it('records the same facts twice, or resumes after a restart with overlap, and counts nothing twice', async () => {
    const steps = await replaySteps('09-load', 7);
    const { since, until, now } = traceWindow(steps);
    const { once, twice, resumed, close } = await recordedThreeWays(redis, 'counting', steps, { clock: () => now });
    try {
      const window = { since, until };
      const expected = { queues: await once.queueStats(window), agents: await once.agentStats(window) };
      expect(expected.queues.reduce((sum, q) => sum + q.offered, 0)).toBe(120);
      expect({ queues: await twice.queueStats(window), agents: await twice.agentStats(window) }).toEqual(expected);
      expect({ queues: await resumed.queueStats(window), agents: await resumed.agentStats(window) }).toEqual(expected);
    } finally {
      await close();
    }
  });
});
