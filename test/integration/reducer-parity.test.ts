import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AmiFields, DomainInput } from '../../server/domain/input.ts';
import { initialState, reduce } from '../../server/domain/reducer.ts';
import type { LiveState } from '../../server/domain/state.ts';
import * as reference from '../support/reference-reducer/reducer.ts';
import type { LiveState as ReferenceState } from '../support/reference-reducer/state.ts';
import { plainState } from '../support/plain-state.ts';
import { replayScenario } from '../support/replay.ts';
import { SCENARIOS } from '../support/traces.ts';

/**
 * The reducer against the one it replaced (test/support/reference-reducer: plain objects copied on every write, each
 * waiting caller's position stored on the call): the same inputs must give the same states, changes, facts and
 * rejections at every step. States are compared as plain objects. One difference is by design: a caller who is not
 * waiting has position 0 (the old state kept a leaving caller's last position on the call, which nothing read).
 */

function referenceView(state: ReferenceState) {
  const calls = Object.fromEntries(
    Object.entries(state.calls).map(([id, call]) => [id, call.state === 'waiting' ? call : { ...call, position: 0 }]),
  );
  return { ...state, calls };
}

/** Both reducers over `inputs`, step by step; the first difference fails with its step. */
function expectSameSteps(inputs: readonly DomainInput[]): void {
  let state: LiveState = initialState();
  let old: ReferenceState = reference.initialState();
  inputs.forEach((input, step) => {
    const ours = reduce(state, input);
    const theirs = reference.reduce(old, input);
    const at = `step ${step} (${input.type === 'event' ? JSON.stringify(input.fields.event) : input.type})`;
    expect(ours.changes, at).toEqual(theirs.changes);
    expect(ours.facts, at).toEqual(theirs.facts);
    expect(ours.rejected, at).toEqual(theirs.rejected);
    expect(plainState(ours.state), at).toEqual(referenceView(theirs.state));
    state = ours.state;
    old = theirs.state;
  });
}

describe('the reducer gives what the reference reducer gave', () => {
  for (const scenario of SCENARIOS) {
    it(`on the recorded trace ${scenario}`, async () => {
      const { inputs } = await replayScenario(scenario);
      expect(inputs.length).toBeGreaterThan(0);
      expectSameSteps(inputs);
    });
  }

  it('on random streams of queue events, resyncs and link changes', () => {
    fc.assert(
      fc.property(resync, fc.array(input, { maxLength: 80 }), (first, rest) =>
        // A second apart each; the stream starts with the lists, as every connection does.
        expectSameSteps([first, ...rest].map((each, i) => ({ ...each, at: 1_800_000_000_000 + i * 1_000 }))),
      ),
      { numRuns: 400 },
    );
  });
});

// A small center, so that random events meet: two queues, three agents, five callers.
const queueName = fc.constantFrom('sales', 'support', 'gone');
const agent = fc.constantFrom('PJSIP/1001', 'PJSIP/1002', 'PJSIP/1003');
const callId = fc.constantFrom('1.1', '1.2', '1.3', '1.4', '1.5');
const small = (max: number) => fc.integer({ min: 0, max }).map(String);

const member = (event: string): fc.Arbitrary<AmiFields> =>
  fc.record({
    event: fc.constant(event),
    queue: queueName,
    interface: agent,
    membername: fc.constantFrom('Alice', 'Bob'),
    status: small(8),
    paused: fc.constantFrom('0', '1'),
    pausedreason: fc.constantFrom('', 'Lunch'),
    incall: fc.constantFrom('0', '1'),
    callstaken: small(4),
    lastcall: fc.constantFrom('0', '1795842900'),
    wrapuptime: small(10),
  });

const caller = (event: string, extra: Record<string, fc.Arbitrary<string>> = {}): fc.Arbitrary<AmiFields> =>
  fc.record({
    event: fc.constant(event),
    queue: queueName,
    uniqueid: callId,
    channel: fc.constantFrom('PJSIP/trunk-1', 'PJSIP/trunk-2'),
    calleridnum: fc.constantFrom('600100200', ''),
    calleridname: fc.constantFrom('Ada', ''),
    exten: fc.constantFrom('500', ''),
    ...extra,
  });

const event: fc.Arbitrary<AmiFields> = fc.oneof(
  { weight: 4, arbitrary: caller('QueueCallerJoin', { position: small(6), count: small(6) }) },
  { weight: 3, arbitrary: caller('QueueCallerLeave', { position: small(6), count: small(6) }) },
  caller('QueueCallerAbandon', { holdtime: small(90), position: small(6), originalposition: small(6) }),
  { weight: 2, arbitrary: caller('AgentCalled', { interface: agent, membername: fc.constant('Alice') }) },
  caller('AgentRingNoAnswer', { interface: agent, ringtime: small(20_000) }),
  caller('AgentDump', { interface: agent }),
  { weight: 3, arbitrary: caller('AgentConnect', { interface: agent, holdtime: small(60), ringtime: small(10) }) },
  {
    weight: 2,
    arbitrary: caller('AgentComplete', {
      interface: agent,
      holdtime: small(60),
      talktime: small(300),
      reason: fc.constantFrom('caller', 'agent', 'transfer'),
    }),
  },
  // After a Redirect of the agent leg, AgentComplete comes without the caller's fields.
  fc.record({ event: fc.constant('AgentComplete'), queue: queueName, interface: agent, talktime: small(300) }),
  { weight: 2, arbitrary: member('QueueMemberStatus') },
  member('QueueMemberAdded'),
  member('QueueMemberPause'),
  fc.record({ event: fc.constant('QueueMemberRemoved'), queue: queueName, interface: agent }),
  fc.record({ event: fc.constantFrom('HangupRequest', 'SoftHangupRequest', 'Hangup', 'Newexten'), uniqueid: callId }),
  fc.record({ event: fc.constant('DTMFEnd'), uniqueid: callId, digit: fc.constant('1') }),
  fc.record({
    event: fc.constant('VarSet'),
    uniqueid: callId,
    variable: fc.constant('QUEUESTATUS'),
    value: fc.constantFrom('TIMEOUT', 'LEAVEEMPTY', 'WITHDRAW', 'CONTINUE', 'JOINEMPTY'),
  }),
  fc.record({ event: fc.constant('Newchannel'), uniqueid: callId }),
);

const queueParams = (queue: string): AmiFields => ({
  event: 'QueueParams',
  queue,
  strategy: 'ringall',
  servicelevel: '20',
  completed: '0',
  abandoned: '0',
});

const resyncLists = fc.record({
  queueStatus: fc
    .tuple(
      fc.subarray(['sales', 'support'], { minLength: 1 }),
      fc.array(member('QueueMember').map((m) => ({ ...m, location: m.interface ?? '', name: 'Alice' }))),
      fc.array(caller('QueueEntry', { position: small(5), wait: small(100) }), { maxLength: 4 }),
    )
    .map(([queues, members, entries]) => [...queues.map(queueParams), ...members, ...entries]),
  queueSummary: fc.constant([]),
  channels: fc
    .array(
      fc.tuple(callId, agent, queueName, fc.constantFrom('B1', 'B2')).chain(([id, iface, queue, bridge]) =>
        fc.constant([
          {
            uniqueid: id,
            channel: 'PJSIP/trunk-1',
            application: 'Queue',
            applicationdata: `${queue},t`,
            bridgeid: bridge,
            duration: '00:01:10',
          },
          {
            uniqueid: `${id}0`,
            channel: `${iface}-0001`,
            application: 'AppQueue',
            bridgeid: bridge,
            duration: '00:00:40',
          },
        ]),
      ),
      { maxLength: 3 },
    )
    .map((pairs) => pairs.flat()),
});

const resync = resyncLists.map((lists): DomainInput => ({ type: 'resync', at: 0, lists }));
const input: fc.Arbitrary<DomainInput> = fc.oneof(
  { weight: 30, arbitrary: event.map((fields): DomainInput => ({ type: 'event', at: 0, fields })) },
  { weight: 2, arbitrary: resync },
  fc.boolean().map((up): DomainInput => ({ type: 'link', at: 0, up })),
);
