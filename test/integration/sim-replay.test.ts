import { afterEach, describe, expect, it } from 'vitest';
import { readQueueLog } from '../support/queue-log.ts';
import { callerStories, type Replay, replayTrace, traceEvents } from '../support/sim-scenarios.ts';
import type { Scenario } from '../support/traces.ts';

/**
 * The recorded scenarios' actions replayed against the simulator: each caller must go through the same queue events,
 * hang-up requests and queue variables, in the same order and with the same positions, as on the real Asterisk.
 */
const CASES: { scenario: Scenario; untilMs: number; what: string }[] = [
  { scenario: '02-answered-call', untilMs: 8_500, what: 'an answered call ended by the caller' },
  { scenario: '03-abandon', untilMs: 15_000, what: 'abandons by hang-up, and a call ended by the agent' },
  { scenario: '06-timeout-and-exitkey', untilMs: 6_000, what: 'a MAXWAIT timeout' },
];

let replay: Replay | undefined;

afterEach(async () => {
  replay?.client.close();
  await replay?.sim.close();
  replay = undefined;
});

describe('trace replay', () => {
  for (const { scenario, untilMs, what } of CASES) {
    it(`${scenario}: ${what}`, async () => {
      replay = await replayTrace(scenario, untilMs);
      const recorded = callerStories(traceEvents(scenario, untilMs));
      const simulated = callerStories(replay.client.events());
      expect(recorded.length).toBeGreaterThan(0);
      expect(simulated).toEqual(recorded);
    });

    it(`${scenario}: the queue_log lines of its callers, as Asterisk wrote them`, async () => {
      replay = await replayTrace(scenario, untilMs);
      const until = replay.sim.now() / 1000;
      const written = readQueueLog(scenario)
        .filter((entry) => entry.time <= until && /^\d/.test(entry.callId))
        .map((entry) => [entry.time, entry.callId, entry.queue, entry.agent, entry.event, ...entry.data].join('|'));
      expect(written.length).toBeGreaterThan(1);
      expect(replay.sim.center.queueLog()).toEqual(written);
    });
  }

  it('orders a hang-up abandon, a timeout and an answer as the traces do', () => {
    const stories = [
      ...callerStories(traceEvents('03-abandon')),
      ...callerStories(traceEvents('06-timeout-and-exitkey', 6_000)),
    ].map((s) => s.steps.join(' | '));
    expect(stories).toContain(
      'QueueCallerJoin Position=1 Count=1 | HangupRequest | VarSet ABANDONED=TRUE | QueueCallerAbandon Position=1 OriginalPosition=1 | QueueCallerLeave Position=1 Count=0 | VarSet QUEUEPOSITION=1',
    );
    expect(stories).toContain(
      'QueueCallerJoin Position=1 Count=1 | VarSet ABANDONED=TRUE | QueueCallerAbandon Position=1 OriginalPosition=1 | QueueCallerLeave Position=1 Count=0 | VarSet QUEUEPOSITION=1 | VarSet QUEUESTATUS=TIMEOUT',
    );
    expect(stories).toContain(
      'QueueCallerJoin Position=1 Count=1 | QueueCallerLeave Position=1 Count=0 | VarSet QUEUEPOSITION=1 | AgentConnect MemberName=Alice | AgentComplete MemberName=Alice Reason=agent',
    );
  });
});
