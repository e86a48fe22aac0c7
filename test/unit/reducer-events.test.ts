import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IGNORED_EVENTS } from '../../server/domain/event-names.ts';
import type { AmiFields, DomainInput } from '../../server/domain/input.ts';
import { HANDLED_EVENTS, initialState, reduce } from '../../server/domain/reducer.ts';
import { plainState } from '../support/plain-state.ts';
import { readTraceMessages, SCENARIOS } from '../support/traces.ts';

describe('event coverage', () => {
  const seen = new Set<string>();
  for (const scenario of SCENARIOS) {
    for (const message of readTraceMessages(scenario))
      if (message.kind === 'event' && message.name) seen.add(message.name);
  }

  it('handles or knowingly ignores every event name in the recorded traces', () => {
    const unaccounted = [...seen].filter((name) => !HANDLED_EVENTS.has(name) && !IGNORED_EVENTS.has(name));
    expect(unaccounted).toEqual([]);
  });

  it('never both handles and ignores an event', () => {
    expect([...HANDLED_EVENTS].filter((name) => IGNORED_EVENTS.has(name))).toEqual([]);
  });

  it('counts unknown events and messages without an event name instead of throwing', () => {
    let state = initialState();
    state = reduce(state, { type: 'event', at: 1, fields: { event: 'SomethingNew', queue: 'x' } }).state;
    state = reduce(state, { type: 'event', at: 2, fields: { response: 'Success' } }).state;
    state = reduce(state, { type: 'event', at: 3, fields: { event: ['QueueCallerJoin', 'Hangup'] } }).state;
    expect(state.stats).toMatchObject({ unknown: 1, malformed: 2, events: 0 });
    expect(state.queues).toEqual({});
  });
});

/** Field values as a broken peer could deliver them: text, repeated keys, variable maps, numbers out of range. */
const fieldValue = fc.oneof(
  fc.constantFrom('', '0', '1', '-1', '99999999999999999999', 'sales', 'support', 'Local/1001@agents', '1795842900.1'),
  fc.string({ maxLength: 12 }),
  fc.array(fc.constantFrom('sales', '1', ''), { minLength: 2, maxLength: 3 }),
  fc.dictionary(fc.constantFrom('QUEUESTATUS', 'X'), fc.constantFrom('', 'TIMEOUT')),
);
const fieldKeys = fc.constantFrom(
  'queue',
  'uniqueid',
  'channel',
  'interface',
  'location',
  'position',
  'holdtime',
  'talktime',
  'status',
  'paused',
  'incall',
  'callstaken',
  'variable',
  'value',
  'reason',
  'membername',
  'wait',
  'bridgeid',
  'application',
  'applicationdata',
  'duration',
);
const eventInput: fc.Arbitrary<DomainInput> = fc.record({
  type: fc.constant('event' as const),
  at: fc.integer({ min: 0, max: 2_000_000_000_000 }),
  fields: fc
    .tuple(fc.constantFrom(...HANDLED_EVENTS, 'Newchannel', 'Bogus'), fc.dictionary(fieldKeys, fieldValue))
    .map(([event, rest]): AmiFields => ({ ...rest, event })),
});
const resyncInput: fc.Arbitrary<DomainInput> = fc.record({
  type: fc.constant('resync' as const),
  at: fc.integer({ min: 0, max: 2_000_000_000_000 }),
  lists: fc.record({
    queueStatus: fc.array(
      fc
        .tuple(fc.constantFrom('QueueParams', 'QueueMember', 'QueueEntry'), fc.dictionary(fieldKeys, fieldValue))
        .map(([event, rest]): AmiFields => ({ ...rest, event })),
      { maxLength: 8 },
    ),
    queueSummary: fc.constant([]),
    channels: fc.array(fc.dictionary(fieldKeys, fieldValue), { maxLength: 6 }),
  }),
});
const linkInput: fc.Arbitrary<DomainInput> = fc.record({
  type: fc.constant('link' as const),
  at: fc.integer({ min: 0, max: 2_000_000_000_000 }),
  up: fc.boolean(),
});

describe('reducer under arbitrary input', () => {
  it('never throws, never mutates the state it was given, and keeps its model consistent', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof({ weight: 8, arbitrary: eventInput }, resyncInput, linkInput), { maxLength: 60 }),
        (inputs) => {
          let state = initialState();
          for (const input of inputs) {
            const before = JSON.stringify(plainState(state));
            const next = reduce(state, input).state;
            expect(JSON.stringify(plainState(state))).toBe(before);
            state = next;
          }
          for (const call of state.calls.values()) {
            expect(['waiting', 'connected', 'leaving']).toContain(call.state);
          }
          for (const queue of Object.values(state.queues)) {
            for (const value of Object.values(queue.counters)) expect(Number.isFinite(value)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
