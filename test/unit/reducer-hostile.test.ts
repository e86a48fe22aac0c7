import { describe, expect, it } from 'vitest';
import type { AmiFields, ResyncLists } from '../../server/domain/input.ts';
import { presentEntities, presentState } from '../../server/domain/present.ts';
import { initialState, reduce, type Reduction } from '../../server/domain/reducer.ts';
import type { LiveState } from '../../server/domain/state.ts';

/** The hostile values of the attack on a running server, each in an otherwise real event of the recorded traces. */

const AT = 1_795_842_900_000;
const HUGE = '100000000000000000000';
const ALICE = 'Local/1001@agents';

const member = (extra: Record<string, string> = {}): AmiFields => ({
  queue: 'sales',
  interface: ALICE,
  membername: 'Alice',
  stateinterface: 'Custom:agent1001',
  membership: 'static',
  penalty: '0',
  callstaken: '0',
  lastcall: '0',
  lastpause: '0',
  logintime: '1795842892',
  incall: '0',
  status: '1',
  paused: '0',
  pausedreason: '',
  ringinuse: '0',
  wrapuptime: '0',
  ...extra,
});

const caller = {
  channel: 'Local/sales@callers-00000000;2',
  calleridnum: '5552001',
  calleridname: 'Ann Caller',
  exten: 'sales',
  uniqueid: '1795842893.1',
  queue: 'sales',
};

function lists(entries: AmiFields[] = []): ResyncLists {
  const params = {
    event: 'QueueParams',
    queue: 'sales',
    strategy: 'rrmemory',
    servicelevel: '20',
    max: '0',
    weight: '0',
  };
  const { interface: location, membername: name, ...rest } = member();
  return {
    queueStatus: [params, { event: 'QueueMember', ...rest, location, name }, ...entries],
    queueSummary: [],
    channels: [],
  };
}

/** A state that has resynced with `sales` and Alice, then the events. */
function run(events: AmiFields[], entries: AmiFields[] = []): { state: LiveState; steps: Reduction[] } {
  let state = initialState();
  const steps: Reduction[] = [];
  const inputs = [
    { type: 'link' as const, at: AT, up: true },
    { type: 'resync' as const, at: AT, lists: lists(entries) },
    ...events.map((fields, i) => ({ type: 'event' as const, at: AT + (i + 1) * 1_000, fields })),
  ];
  for (const input of inputs) {
    const step = reduce(state, input);
    steps.push(step);
    state = step.state;
  }
  return { state, steps };
}

/** What any reader shows of a state: the API's view and the board's, at a time after the events. */
function shown(state: LiveState) {
  const now = AT + 60_000;
  return { view: presentState(state, now), entities: presentEntities(state, now) };
}

const rejected = (steps: Reduction[]) =>
  steps.flatMap((step) => step.rejected.map(({ field, reason, refused }) => ({ field, reason, refused })));

describe('the reducer against hostile values', () => {
  it('QueueEntry with Wait 1e20 in the resync: the caller waits from the resync, the list is noted', () => {
    const { state, steps } = run([], [{ event: 'QueueEntry', ...caller, position: '1', wait: HUGE }]);
    expect(state.calls.get(caller.uniqueid)).toMatchObject({ state: 'waiting', joinedAt: AT });
    expect(rejected(steps)).toEqual([{ field: 'wait', reason: 'out of range', refused: false }]);
    expect(shown(state).view.queues[0]?.waiting[0]?.joinedAt).toBe(new Date(AT).toISOString());
  });

  it('AgentConnect with HoldTime 1e20: answered with no wait, nothing turned into a date', () => {
    const { state, steps } = run([
      { event: 'QueueCallerJoin', ...caller, position: '1', count: '1' },
      { event: 'AgentConnect', ...caller, interface: ALICE, membername: 'Alice', holdtime: HUGE, ringtime: '2' },
    ]);
    const answered = steps.flatMap((step) => step.facts).find((fact) => fact.kind === 'answered');
    expect(answered).toMatchObject({ holdSec: 0 });
    expect(state.calls.get(caller.uniqueid)).toMatchObject({ state: 'connected', holdSec: 0, joinedAt: AT + 1_000 });
    expect(state.queues.sales?.counters).toMatchObject({ answered: 1, holdSecAnswered: 0 });
    expect(rejected(steps)).toEqual([{ field: 'holdtime', reason: 'out of range', refused: false }]);
    expect(shown(state).view.queues[0]?.connected[0]).toMatchObject({
      holdSec: 0,
      answeredAt: new Date(AT + 2_000).toISOString(),
    });
  });

  it('AgentRingNoAnswer with RingTime 1e20: the ring counts, timed from what we saw', () => {
    const { steps } = run([
      { event: 'QueueCallerJoin', ...caller, position: '1', count: '1' },
      { event: 'AgentCalled', ...caller, interface: ALICE, membername: 'Alice' },
      { event: 'AgentRingNoAnswer', ...caller, interface: ALICE, membername: 'Alice', ringtime: HUGE },
    ]);
    const facts = steps.flatMap((step) => step.facts);
    expect(facts.find((fact) => fact.kind === 'ringNoAnswer')).toMatchObject({ ringSec: 0 });
    expect(facts.find((fact) => fact.kind === 'rang')).toMatchObject({ startedAt: AT + 3_000, at: AT + 3_000 });
  });

  it('AgentComplete with TalkTime -9999999: completed with no talk time, never a negative one', () => {
    const { state, steps } = run([
      { event: 'QueueCallerJoin', ...caller, position: '1', count: '1' },
      { event: 'AgentConnect', ...caller, interface: ALICE, membername: 'Alice', holdtime: '2', ringtime: '2' },
      { event: 'AgentComplete', ...caller, interface: ALICE, holdtime: '2', talktime: '-9999999', reason: 'caller' },
    ]);
    const facts = steps.flatMap((step) => step.facts);
    expect(facts.find((fact) => fact.kind === 'completed')).toMatchObject({ talkSec: 0 });
    expect(facts.find((fact) => fact.kind === 'callEnded')).toMatchObject({ record: { talkSec: 0, waitSec: 2 } });
    expect(state.queues.sales?.counters).toMatchObject({ asteriskCompleted: 1, talkSec: 0 });
    expect(state.queues.sales?.members.get(ALICE)?.talkSec).toBe(0);
  });

  it('QueueMemberStatus with LastCall 1e20: the rest of the event applies, the member has no last call', () => {
    const status = member({ lastcall: HUGE, paused: '1', pausedreason: 'Lunch', wrapuptime: '30' });
    const { state, steps } = run([{ event: 'QueueMemberStatus', ...status }]);
    expect(state.queues.sales?.members.get(ALICE)).toMatchObject({ lastCall: 0, paused: true, pausedReason: 'Lunch' });
    expect(rejected(steps)).toEqual([{ field: 'lastcall', reason: 'not a time', refused: false }]);
    expect(shown(state).view.queues[0]?.members[0]).toMatchObject({ lastCallAt: null, state: 'paused' });
  });

  it('an event of a queue Asterisk did not list creates no queue, call, member or fact', () => {
    const { state, steps } = run([
      { event: 'QueueCallerJoin', ...caller, uniqueid: '9.1', queue: 'phantom', position: '1', count: '1' },
      { event: 'QueueMemberAdded', ...member({ queue: 'phantom' }) },
      { event: 'AgentRingNoAnswer', ...caller, queue: 'phantom', interface: ALICE, ringtime: '5000' },
      { event: 'QueueCallerAbandon', ...caller, queue: 'phantom', holdtime: '5' },
      {
        event: 'AgentConnect',
        ...caller,
        uniqueid: '9.2',
        queue: 'phantom',
        interface: ALICE,
        holdtime: '1',
        ringtime: '1',
      },
      {
        event: 'AgentComplete',
        ...caller,
        queue: 'phantom',
        interface: ALICE,
        holdtime: '1',
        talktime: '5',
        reason: 'agent',
      },
    ]);
    expect(Object.keys(state.queues)).toEqual(['sales']);
    expect(state.calls.size).toBe(0);
    expect(steps.slice(2).flatMap((step) => step.facts)).toEqual([]);
    expect(rejected(steps)).toEqual(new Array(6).fill({ field: 'queue', reason: 'unknown queue', refused: true }));
  });

  it('a QueueMemberAdded with a 100,000-character interface is refused whole, not cut into another name', () => {
    const iface = `${ALICE}${'x'.repeat(100_000)}`;
    const { state, steps } = run([{ event: 'QueueMemberAdded', ...member({ interface: iface }) }]);
    expect(state.queues.sales?.members.keys()).toEqual([ALICE]);
    expect(state.stats.malformed).toBe(1);
    expect(steps.at(-1)?.changes).toEqual([]);
    expect(rejected(steps)).toEqual([{ field: 'interface', reason: 'too long', refused: true }]);
  });

  it('a resync item of an unlisted queue or with an over-long name is left out', () => {
    const { state, steps } = run(
      [],
      [
        { event: 'QueueEntry', ...caller, queue: 'phantom', position: '1', wait: '3' },
        { event: 'QueueEntry', ...caller, uniqueid: 'x'.repeat(100_000), position: '2', wait: '3' },
      ],
    );
    expect(state.calls.size).toBe(0);
    expect(rejected(steps)).toEqual([
      { field: 'uniqueid', reason: 'too long', refused: true },
      { field: 'queue', reason: 'unknown queue', refused: true },
    ]);
  });
});
