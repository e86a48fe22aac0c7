import { Writable } from 'node:stream';
import fc from 'fast-check';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LiveStateView } from '../../server/contract/live.ts';
import type { CallRecordsResponse, StatsResponse } from '../../server/contract/stats.ts';
import type { App } from '../../server/compose.ts';
import { DEFAULT_USERNAME, DEMO_SECRET } from '../../server/sim/index.ts';
import { boardConfig, ownerCookie, startBoardApp } from '../support/board-app.ts';
import { eventually, getJson } from '../support/eventually.ts';
import { startFakeAmi, type FakeAmi, type FakeSession } from '../support/fake-ami.ts';
import {
  ALICE,
  amiEvent,
  callerHeaders,
  HUGE,
  listedMember,
  memberHeaders,
  queueParams,
} from '../support/hostile-ami.ts';
import { badValues, readApis } from '../support/read-apis.ts';
import { waitFor } from '../support/wait.ts';

/**
 * The whole pipeline under absurd AMI values: a real AMI peer over TCP (resync lists and events), the connection, the
 * reducer, the publisher (Redis and boards), the statistics writer on a real Redis, and every read API. Whatever the
 * peer sends, nothing throws (the AMI connection logs a consumer that threw as an error: none may be logged), and every
 * read API answers 200 with finite, non-negative figures, no over-long text, and no queue Asterisk did not list.
 */

const LONG = 'x'.repeat(100_000);
const LISTED = ['sales', 'support'];

const absurdNumber = fc.oneof(
  fc.constantFrom(
    HUGE,
    '1e20',
    '-9999999',
    '-1',
    'NaN',
    'Infinity',
    '',
    '1.5',
    '0x10',
    '86401',
    '9007199254740993',
    '99:99:99',
  ),
  fc.integer({ min: -2_000_000_000_000, max: 2_000_000_000_000 }).map(String),
);
const absurdText = fc.oneof(
  fc.constantFrom('', LONG, 'phantom', '__proto__', 'constructor', 'sales', 'support', ALICE, 'Ж'.repeat(300)),
  fc.stringMatching(/^[^\r\n]{0,20}$/),
);
const NUMBER_HEADERS = [
  ...[
    'HoldTime',
    'TalkTime',
    'RingTime',
    'Wait',
    'Position',
    'Count',
    'CallsTaken',
    'LastCall',
    'LastPause',
    'LoginTime',
  ],
  ...['Wrapuptime', 'Status', 'Penalty', 'Timestamp'],
];
const TEXT_HEADERS = [
  ...[
    'Queue',
    'Interface',
    'Uniqueid',
    'Channel',
    'MemberName',
    'CallerIDNum',
    'CallerIDName',
    'PausedReason',
    'Reason',
  ],
  'StateInterface',
];
/** At most four bad values a message: even four 100,000-character ones stay below the AMI client's message limit. */
const overrides = fc.array(
  fc.oneof(
    fc.tuple(fc.constantFrom(...NUMBER_HEADERS), absurdNumber),
    fc.tuple(fc.constantFrom(...TEXT_HEADERS), absurdText),
  ),
  { maxLength: 4 },
);

const agent = { Interface: ALICE, MemberName: 'Alice' };
/** Each handled event as Asterisk sends it, for caller `id`. */
const TEMPLATES: Readonly<Record<string, (id: string) => Record<string, string>>> = {
  QueueCallerJoin: (id) => ({ ...callerHeaders(id), Position: '1', Count: '1' }),
  AgentCalled: (id) => ({ ...callerHeaders(id), ...agent }),
  AgentRingNoAnswer: (id) => ({ ...callerHeaders(id), ...agent, RingTime: '5000' }),
  AgentDump: (id) => ({ ...callerHeaders(id), ...agent }),
  AgentConnect: (id) => ({ ...callerHeaders(id), ...agent, HoldTime: '3', RingTime: '2' }),
  AgentComplete: (id) => ({ ...callerHeaders(id), ...agent, HoldTime: '3', TalkTime: '10', Reason: 'caller' }),
  QueueCallerAbandon: (id) => ({ ...callerHeaders(id), Position: '1', OriginalPosition: '1', HoldTime: '4' }),
  QueueCallerLeave: (id) => ({ ...callerHeaders(id), Position: '1', Count: '0' }),
  Hangup: (id) => ({ Channel: callerHeaders(id).Channel ?? '', Uniqueid: callerHeaders(id).Uniqueid ?? '' }),
  QueueMemberStatus: () => memberHeaders(),
  QueueMemberPause: () => memberHeaders({ Paused: '1', PausedReason: 'Lunch' }),
  QueueMemberAdded: () => memberHeaders({ Queue: 'support', Membership: 'dynamic' }),
  QueueMemberRemoved: () => memberHeaders({ Queue: 'support', Membership: 'dynamic' }),
};

const withBadValues = (headers: Record<string, string>, bad: [string, string][]) => ({
  ...headers,
  ...Object.fromEntries(bad),
});
const callerId = fc.constantFrom('1', '2', '3');
const hostileEvent = fc
  .tuple(fc.constantFrom(...Object.keys(TEMPLATES)), callerId, overrides)
  .map(([name, id, bad]) => amiEvent(name, withBadValues(TEMPLATES[name]!(id), bad)));
/** What the next resync lists: both queues (their figures absurd), Alice, and waiting callers. */
const hostileLists = fc
  .tuple(overrides, overrides, fc.array(fc.tuple(callerId, overrides), { maxLength: 3 }))
  .map(([params, member, entries]) => [
    // Only its figures: a bad name or id drops the whole message, and the marker call needs sales listed.
    withBadValues(
      queueParams('sales'),
      params.filter(([key]) => NUMBER_HEADERS.includes(key)),
    ),
    queueParams('support'),
    withBadValues(listedMember(), member),
    ...entries.map(([id, bad]) =>
      withBadValues({ Event: 'QueueEntry', ...callerHeaders(id), Position: '1', Wait: '5' }, bad),
    ),
  ]);

let ami: FakeAmi;
let app: App;
let cookie: string;
let session: FakeSession | undefined;
const queueStatus: Record<string, string>[] = [queueParams('sales'), queueParams('support'), listedMember()];
/** Error lines of the app's log: a throw anywhere below the AMI connection is logged there. */
const errors: string[] = [];

beforeAll(async () => {
  ami = await startFakeAmi({
    username: DEFAULT_USERNAME,
    secret: DEMO_SECRET,
    lists: { QueueStatus: queueStatus },
    onLogin: (s) => (session = s),
  });
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      errors.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const root = pino({ level: 'error' }, sink);
  app = await startBoardApp(boardConfig({ redisUrl: inject('redisUrl'), amiPort: ami.port }), {
    logger: (part) => root.child({ part }),
  });
  cookie = await ownerCookie(app.url);
  await waitFor(() => session, 'the first AMI login');
});

afterAll(async () => {
  await app.close();
  await ami.close();
});

/** A legitimate call after the hostile input: once its record is stored, everything before it has been applied. */
async function markAndWait(run: number): Promise<void> {
  const id = `mark.${run}`;
  const caller = { ...callerHeaders('0'), Uniqueid: id };
  session!.send(
    amiEvent('QueueCallerJoin', { ...caller, Position: '1', Count: '1' }) +
      amiEvent('AgentConnect', { ...caller, ...agent, HoldTime: '1', RingTime: '1' }) +
      amiEvent('AgentComplete', { ...caller, ...agent, HoldTime: '1', TalkTime: '2', Reason: 'agent' }),
  );
  await eventually(async () => {
    const page = await getJson<CallRecordsResponse>(`${app.url}/api/calls?limit=1000`, cookie);
    return page.body.calls?.some((call) => call.id === id);
  }, `the marker call ${id} stored`);
}

describe('the pipeline under absurd AMI values', () => {
  it('never throws, and every read API answers 200 with finite, non-negative figures', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(hostileLists, fc.array(hostileEvent, { minLength: 1, maxLength: 8 }), async (lists, events) => {
        run += 1;
        // A new connection resyncs with the hostile lists, then the events follow.
        queueStatus.splice(0, queueStatus.length, ...lists);
        const logins = ami.logins();
        session!.socket.destroy();
        await waitFor(() => ami.logins() > logins, 'the AMI client back');
        session!.send(events.join(''));
        await markAndWait(run);

        for (const answer of await readApis(app.url, cookie)) {
          expect(answer.status, answer.path).toBe(200);
          expect(badValues(answer.body), answer.path).toEqual([]);
        }
        const stats = (await getJson<StatsResponse>(`${app.url}/api/stats`, cookie)).body;
        const state = (await getJson<LiveStateView>(`${app.url}/api/state`, cookie)).body;
        expect(stats.queues.map((queue) => queue.name)).toEqual(LISTED);
        expect(state.queues.map((queue) => queue.name)).toEqual(LISTED);
        expect(errors).toEqual([]);
      }),
      { numRuns: 8 },
    );
  });
});
