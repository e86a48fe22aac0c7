import { describe, expect, it } from 'vitest';
import type { AmiFields } from '../../server/domain/input.ts';
import { presentQueueSummary } from '../../server/domain/present.ts';
import type { LiveState } from '../../server/domain/state.ts';
import { queueLogTotals, readQueueLog, type QueueLogEntry } from '../support/queue-log.ts';
import { replayScenario } from '../support/replay.ts';
import { finalQueueStatus, initialQueueStatus } from '../support/trace-snapshot.ts';
import { readTraceMessages, SCENARIOS, type Scenario } from '../support/traces.ts';

/**
 * Every recorded scenario, replayed over TCP through the real AMI connection into the reducer, must end in the state
 * Asterisk itself listed at the end of the trace and in the counts its queue_log wrote. Run one scenario alone with
 * `npx vitest run test/integration/replay.test.ts -t 09-load`.
 */

const text = (fields: AmiFields, key: string): string => {
  const value = fields[key];
  return typeof value === 'string' ? value : '';
};

/** The queue_log lines about calls the recording could see: all of them, except before a mid-traffic login (11). */
function visibleQueueLog(scenario: Scenario): QueueLogEntry[] {
  const loginSecond = Math.floor((readTraceMessages(scenario)[0]?.epoch_ms ?? 0) / 1000);
  const waitingAtLogin = new Set(initialQueueStatus(scenario).entries.map((entry) => text(entry, 'uniqueid')));
  const entries = readQueueLog(scenario);
  const joinedAfter = new Set(
    entries
      .filter((e) => e.event === 'ENTERQUEUE' && e.time >= loginSecond && !waitingAtLogin.has(e.callId))
      .map((e) => e.callId),
  );
  const visibleCall = (e: QueueLogEntry) => waitingAtLogin.has(e.callId) || joinedAfter.has(e.callId);
  return entries.filter((e) => {
    if (e.event === 'ENTERQUEUE') return joinedAfter.has(e.callId);
    if (/^(COMPLETE|BLINDTRANSFER|ATTENDEDTRANSFER)/.test(e.event)) return e.time >= loginSecond;
    return visibleCall(e) && e.time >= loginSecond;
  });
}

function memberFacts(state: LiveState, queue: string) {
  return (state.queues[queue]?.members.values() ?? [])
    .map((m) => ({
      interface: m.interface,
      status: m.status,
      paused: m.paused,
      pausedReason: m.pausedReason,
      inCall: m.inCall,
      callsTaken: m.callsTaken,
    }))
    .sort((a, b) => a.interface.localeCompare(b.interface));
}

function listedMemberFacts(members: readonly AmiFields[], queue: string) {
  return members
    .filter((m) => text(m, 'queue') === queue)
    .map((m) => ({
      interface: text(m, 'location'),
      status: Number(text(m, 'status')),
      paused: text(m, 'paused') === '1',
      pausedReason: text(m, 'pausedreason'),
      inCall: text(m, 'incall') === '1',
      callsTaken: Number(text(m, 'callstaken')),
    }))
    .sort((a, b) => a.interface.localeCompare(b.interface));
}

describe.each(SCENARIOS)('replay of %s', (scenario) => {
  it('ends in the state Asterisk listed and the counts queue_log wrote', async () => {
    const { state, status, player } = await replayScenario(scenario, { seed: 7 });
    expect(status.lastError ?? '').not.toMatch(/Authentication failed/);
    expect(state.stats.unknown).toBe(0);
    expect(state.stats.malformed).toBe(0);

    const final = finalQueueStatus(scenario);
    const initial = initialQueueStatus(scenario);
    const log = visibleQueueLog(scenario);
    expect(Object.keys(state.queues).sort()).toEqual(final.params.map((p) => text(p, 'queue')).sort());

    for (const params of final.params) {
      const name = text(params, 'queue');
      const queue = state.queues[name];
      expect(queue, name).toBeDefined();
      if (!queue) continue;

      expect(memberFacts(state, name), `${name} members`).toEqual(listedMemberFacts(final.members, name));

      const waiting = state.calls
        .waiting(name)
        .map((call) => ({ id: call.id, position: state.calls.position(call.id) }));
      const listedWaiting = final.entries
        .filter((entry) => text(entry, 'queue') === name)
        .map((entry) => ({ id: text(entry, 'uniqueid'), position: Number(text(entry, 'position')) }));
      expect(waiting, `${name} waiting callers`).toEqual(listedWaiting);

      const { counters } = queue;
      expect(presentQueueSummary(queue).counters, `${name} counters against queue_log`).toEqual(
        queueLogTotals(log, name, queue.serviceLevelSec),
      );

      // Asterisk's own counters restart with Asterisk; within one Asterisk run ours must follow them exactly.
      if (player.sessions === 1) {
        const start = initial.params.find((p) => text(p, 'queue') === name);
        const asNumber = (fields: AmiFields | undefined, key: string) => Number(fields ? text(fields, key) : '0');
        expect(counters.asteriskCompleted, `${name} Completed`).toBe(
          asNumber(params, 'completed') - asNumber(start, 'completed'),
        );
        expect(counters.asteriskAbandoned, `${name} Abandoned`).toBe(
          asNumber(params, 'abandoned') - asNumber(start, 'abandoned'),
        );
      }
    }
  });
});
