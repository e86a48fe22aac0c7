import { describe, expect, it } from 'vitest';
import type { QueueCallRecord } from '../../server/domain/facts.ts';
import { initialState, reduce } from '../../server/domain/reducer.ts';
import { readQueueLog } from '../support/queue-log.ts';
import { replayScenario } from '../support/replay.ts';
import { readTraceMessages, type Scenario } from '../support/traces.ts';

/**
 * Every queue call the reducer records must agree with the line queue_log wrote when that call ended: the outcome,
 * the agent who answered, the wait and the talk time (the waits of key exits are measured by us and not compared:
 * Asterisk reports none on AMI and replays run faster than the recording).
 */

const OUTCOME_BY_EVENT: Record<string, QueueCallRecord['outcome']> = {
  COMPLETECALLER: 'answered',
  COMPLETEAGENT: 'answered',
  BLINDTRANSFER: 'answered',
  ATTENDEDTRANSFER: 'answered',
  ABANDON: 'abandoned',
  EXITWITHTIMEOUT: 'timedOut',
  EXITWITHKEY: 'exitedWithKey',
  EXITEMPTY: 'exitedEmpty',
  WITHDRAW: 'withdrawn',
};

interface Expected {
  outcome: QueueCallRecord['outcome'];
  agentName: string | null;
  waitSec: number | null;
  talkSec: number | null;
}

function expectedFromQueueLog(scenario: Scenario): Map<string, Expected> {
  const expected = new Map<string, Expected>();
  const answeredBy = new Map<string, string>();
  for (const entry of readQueueLog(scenario)) {
    if (entry.event === 'CONNECT') answeredBy.set(entry.callId, entry.agent);
    const outcome = OUTCOME_BY_EVENT[entry.event];
    if (!outcome) continue;
    const [a = '', b = '', c = '', d = ''] = entry.data;
    if (outcome === 'answered') {
      const transfer = entry.event.endsWith('TRANSFER');
      expected.set(entry.callId, {
        outcome,
        agentName: answeredBy.get(entry.callId) ?? entry.agent,
        waitSec: Number(transfer ? c : a),
        talkSec: Number(transfer ? d : b),
      });
    } else {
      // position|origposition|waittime for every unanswered exit but EXITWITHKEY (key|position|origposition|waittime).
      expected.set(entry.callId, {
        outcome,
        agentName: null,
        waitSec: outcome === 'exitedWithKey' ? null : Number(c),
        talkSec: null,
      });
    }
  }
  return expected;
}

describe.each<Scenario>([
  '06-timeout-and-exitkey',
  '08-wrapup-transfer',
  '09-load',
  '11-midstream',
  '13-asterisk-restart',
  '17-cdr-events',
])('call records of %s', (scenario) => {
  it('match the final queue_log line of every call', async () => {
    const { inputs } = await replayScenario(scenario, { seed: 3 });
    let state = initialState();
    const records: QueueCallRecord[] = [];
    for (const input of inputs) {
      const reduction = reduce(state, input);
      state = reduction.state;
      for (const fact of reduction.facts) if (fact.kind === 'callEnded') records.push(fact.record);
    }
    const expected = expectedFromQueueLog(scenario);
    expect(new Set(records.map((r) => r.id)).size, 'one record per call').toBe(records.length);
    for (const record of records) {
      const want = expected.get(record.id);
      expect(want, `queue_log line for ${record.id}`).toBeDefined();
      expect(
        {
          outcome: record.outcome,
          agentName: record.agentName,
          waitSec: want?.waitSec === null ? null : record.waitSec,
          talkSec: record.talkSec,
        },
        `record ${record.id}`,
      ).toEqual(want);
    }
    // Every call that ended while the recording was connected has its record (11 logged in mid-traffic).
    const loginSecond = Math.floor((readTraceMessages(scenario)[0]?.epoch_ms ?? 0) / 1000);
    const recorded = new Set(records.map((r) => r.id));
    const missing = readQueueLog(scenario).filter(
      (entry) => OUTCOME_BY_EVENT[entry.event] && !recorded.has(entry.callId) && entry.time > loginSecond,
    );
    expect(missing.map((m) => `${m.callId} ${m.event}`)).toEqual([]);
    expect(records.length).toBeGreaterThan(0);
  });
});
