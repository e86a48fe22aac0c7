import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainInput } from '../../server/domain/input.ts';
import { initialState, reduce } from '../../server/domain/reducer.ts';
import { startClient } from '../support/ami-client.ts';
import { amiMessage } from '../support/ami-wire.ts';
import { startFakeAmi, type FakeAmi, type FakeSession } from '../support/fake-ami.ts';
import { waitFor } from '../support/wait.ts';

const LIMIT = 8 * 1024;

const headerName = fc.oneof(
  fc.constantFrom('Event', 'Response', 'ActionID', 'Privilege', 'EventList', 'Variable', 'ChanVariable', 'Timestamp'),
  fc.constantFrom('__proto__', 'constructor', 'Output', 'Uniqueid', 'Channel', 'ListItems'),
  fc.string({ minLength: 0, maxLength: 12 }),
);
const headerValue = fc.oneof(
  fc.constantFrom('Success', 'Error', 'start', 'Complete', 'call,all', 'a=b', '1795843699.551684', 'tablica-x-1', ''),
  fc.string({ maxLength: 40 }),
);
const line = fc.tuple(headerName, headerValue).map(([key, value]) => `${key}: ${value}`);
const message = fc.array(line, { minLength: 1, maxLength: 8 }).map((lines) => `${lines.join('\r\n')}\r\n\r\n`);
const event = fc
  .constantFrom('Newchannel', 'Hangup', 'QueueCallerJoin', 'AgentConnect', 'VarSet')
  .map((name) =>
    amiMessage({ Event: name, Privilege: 'call,all', Uniqueid: '1.1', Queue: 'sales', Channel: 'Local/x;1' }),
  );
// Fragments stay strings or short byte arrays so that a failing case prints readably; sizes stand for long runs.
type Fragment = string | Uint8Array | { readonly oversized: number };
const fragment: fc.Arbitrary<Fragment> = fc.oneof(
  { weight: 4, arbitrary: event },
  { weight: 4, arbitrary: message },
  // Truncated messages, bare newlines, garbage bytes (invalid UTF-8 included).
  { weight: 2, arbitrary: message.chain((text) => fc.nat(text.length).map((cut) => text.slice(0, cut))) },
  { weight: 1, arbitrary: fc.constantFrom('\n', '\r\n', '\n\n', '\r', 'Asterisk Call Manager/11.0.0\r\n') },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 300 }) },
  // More than the limit without a blank line, sometimes far more than one socket read.
  { weight: 1, arbitrary: fc.integer({ min: LIMIT - 200, max: 20 * LIMIT }).map((oversized) => ({ oversized })) },
);
function toBytes(part: Fragment): Buffer {
  if (typeof part === 'string' || part instanceof Uint8Array) return Buffer.from(part);
  return Buffer.from(`X: ${'y'.repeat(part.oversized)}`);
}
const stream = fc.array(fragment, { maxLength: 30 });

/** The longest run of text without a blank line, as the parser splits it. */
function longestRun(text: string): number {
  return Math.max(0, ...text.split(/\n\r?\n/).map((part) => part.length));
}

describe('AMI connection under arbitrary input', () => {
  let server: FakeAmi;
  const ready: FakeSession[] = [];

  beforeAll(async () => {
    server = await startFakeAmi({ onLogin: (session) => ready.push(session) });
  });
  afterAll(() => server.close());

  it('never throws, reduces whatever it delivers, and drops oversized input', async () => {
    await fc.assert(
      fc.asyncProperty(stream, async (fragments) => {
        const bytes = Buffer.concat(fragments.map(toBytes));
        const inputs: DomainInput[] = [];
        let state = initialState();
        const c = startClient(server.port, { maxMessageBytes: LIMIT, reconnect: { minMs: 60_000, maxMs: 60_000 } });
        try {
          await waitFor(() => c.connection.status().state === 'live', 'live');
          const session = ready.shift()!;
          const seen = c.inputs.length;
          session.send(bytes);
          session.socket.end();
          await waitFor(() => c.connection.status().state === 'disconnected', 'the end of the stream');
          for (const input of c.inputs.slice(seen)) {
            inputs.push(input);
            state = reduce(state, input).state;
          }
          // Exact to a few characters: a blank line split across reads may be seen one or two characters early.
          const longest = longestRun(bytes.toString('utf8'));
          const guarded = (c.connection.status().lastError ?? '').includes('without a message boundary');
          if (longest > LIMIT + 2) expect(guarded).toBe(true);
          if (longest <= LIMIT - 2) expect(guarded).toBe(false);
          for (const input of inputs) {
            if (input.type !== 'event') continue;
            expect(Object.getPrototypeOf(input.fields)).toBe(Object.prototype);
            expect(typeof input.fields.event).toBe('string');
            expect(Number.isFinite(input.at)).toBe(true);
          }
        } finally {
          await c.connection.stop();
        }
      }),
      { numRuns: 60 },
    );
  });
});
