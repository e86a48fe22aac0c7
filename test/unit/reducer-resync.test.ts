import { describe, expect, it } from 'vitest';
import type { Fact } from '../../server/domain/facts.ts';
import type { AmiFields, DomainInput } from '../../server/domain/input.ts';
import { initialState, reduce } from '../../server/domain/reducer.ts';
import type { LiveState } from '../../server/domain/state.ts';

/**
 * The calls held when the AMI link went down, settled by the next resync: AMI keeps no events for us, so what became
 * of each is read from the lists and counted once, timed up to the moment the link went down.
 */

const AT = 1_795_842_900_000;
const DOWN = AT + 60_000;
const UP = AT + 90_000;
const ALICE = 'Local/1001@agents';

const params = { event: 'QueueParams', queue: 'sales', strategy: 'rrmemory', servicelevel: '20', max: '0' };
const alice = {
  event: 'QueueMember',
  queue: 'sales',
  name: 'Alice',
  location: ALICE,
  stateinterface: 'Custom:agent1001',
  membership: 'static',
  callstaken: '0',
  status: '1',
  paused: '0',
};
const caller = { uniqueid: '1795842893.1', calleridnum: '5552001', calleridname: 'Ann Caller', exten: 'sales' };
const waiting = { event: 'QueueEntry', queue: 'sales', position: '1', wait: '5', ...caller };

/** CoreShowChannels of the caller talking to Alice: on the phone for `callerSec`, with Alice for `agentSec`. */
const talking = (callerSec: number, agentSec: number): AmiFields[] => [
  {
    event: 'CoreShowChannel',
    channel: 'Local/sales@callers-00000000;2',
    application: 'Queue',
    applicationdata: 'sales,,,,',
    bridgeid: 'b1',
    duration: `00:00:${String(callerSec).padStart(2, '0')}`,
    ...caller,
  },
  {
    event: 'CoreShowChannel',
    channel: 'Local/1001@agents-00000001;1',
    uniqueid: '1795842894.2',
    application: 'AppQueue',
    applicationdata: '(Outgoing Line)',
    bridgeid: 'b1',
    duration: `00:00:${String(agentSec).padStart(2, '0')}`,
  },
];

const resync = (at: number, entries: AmiFields[], channels: AmiFields[] = []): DomainInput => ({
  type: 'resync',
  at,
  lists: { queueStatus: [params, alice, ...entries], queueSummary: [], channels },
});

/** Connected with `before`, cut at DOWN, connected again at UP with `after`; the facts of the last resync. */
function outage(before: DomainInput, after: DomainInput): { state: LiveState; facts: readonly Fact[] } {
  let state = initialState();
  for (const input of [
    { type: 'link', at: AT, up: true } as const,
    before,
    { type: 'link', at: DOWN, up: false } as const,
  ]) {
    state = reduce(state, input).state;
  }
  state = reduce(state, { type: 'link', at: UP, up: true }).state;
  const { state: next, facts } = reduce(state, after);
  return { state: next, facts };
}

const counted = (facts: readonly Fact[]) => facts.filter((fact) => fact.kind !== 'member' && fact.kind !== 'rang');

describe('a resync after the link was down', () => {
  it('a caller talking at the cut and gone after it: completed once, talking until the link went down', () => {
    const { state, facts } = outage(resync(AT, [], talking(40, 30)), resync(UP, []));
    const answeredAt = AT - 30_000;
    expect(counted(facts)).toMatchObject([
      { kind: 'completed', at: UP, queue: 'sales', callId: caller.uniqueid, agent: ALICE, talkSec: 90, reason: '' },
      { kind: 'callEnded', at: UP, record: { outcome: 'answered', answeredAt, talkSec: (DOWN - answeredAt) / 1000 } },
    ]);
    expect(state.calls.size).toBe(0);
    expect(state.queues.sales?.counters).toMatchObject({ asteriskCompleted: 1, talkSec: 90 });
    // The next resync finds nothing more to settle.
    expect(counted(reduce(state, resync(UP + 1_000, [])).facts)).toEqual([]);
  });

  it('a caller waiting at the cut and talking after it: answered once, by the agent the lists show', () => {
    const { state, facts } = outage(resync(AT, [waiting]), resync(UP, [], talking(95, 20)));
    expect(counted(facts)).toEqual([
      { kind: 'answered', at: UP, queue: 'sales', callId: caller.uniqueid, agent: ALICE, holdSec: 75 },
    ]);
    expect(state.calls.get(caller.uniqueid)).toMatchObject({
      state: 'connected',
      agent: ALICE,
      answeredAt: UP - 20_000,
    });
    expect(state.queues.sales?.counters).toMatchObject({ answered: 1, holdSecAnswered: 75 });
    expect(state.queues.sales?.members.get(ALICE)?.answered).toBe(1);
  });

  it('a caller waiting at the cut and gone after it: left once, waiting until the link went down', () => {
    const { state, facts } = outage(resync(AT, [waiting]), resync(UP, []));
    const joinedAt = AT - 5_000;
    expect(counted(facts)).toMatchObject([
      { kind: 'exited', at: UP, queue: 'sales', callId: caller.uniqueid, outcome: 'left', holdSec: 65 },
      { kind: 'callEnded', at: UP, record: { outcome: 'left', joinedAt, waitSec: (DOWN - joinedAt) / 1000 } },
    ]);
    expect(state.queues.sales?.counters).toMatchObject({ left: 1 });
  });

  it('calls the lists still show as they were: nothing is counted', () => {
    const { facts } = outage(resync(AT, [waiting]), resync(UP, [waiting]));
    expect(counted(facts)).toEqual([]);
  });

  it("a caller seen joining keeps the queue's members at its join through a resync, into its record", () => {
    let state = reduce(initialState(), { type: 'link', at: AT, up: true }).state;
    state = reduce(state, resync(AT, [])).state;
    const join = { event: 'QueueCallerJoin', queue: 'sales', position: '1', count: '1', channel: 'c', ...caller };
    state = reduce(state, { type: 'event', at: AT + 1_000, fields: join }).state;
    state = reduce(state, resync(AT + 2_000, [waiting])).state;
    state = reduce(state, resync(AT + 3_000, [], talking(10, 1))).state;
    expect(state.calls.get(caller.uniqueid)).toMatchObject({ state: 'connected', joinMembers: 1 });
    const { facts } = reduce(state, resync(AT + 4_000, []));
    expect(facts.find((fact) => fact.kind === 'callEnded')).toMatchObject({ record: { members: 1 } });
  });
});
