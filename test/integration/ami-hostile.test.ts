import { afterEach, describe, expect, inject, it } from 'vitest';
import type { LiveStateView } from '../../server/contract/live.ts';
import type { CallRecordsResponse, StatsResponse } from '../../server/contract/stats.ts';
import { DEFAULT_USERNAME, DEMO_SECRET } from '../../server/sim/index.ts';
import { ownerCookie, uniquePrefix } from '../support/board-app.ts';
import { simulatorBoardEnv, spawnBoard } from '../support/board-process.ts';
import { eventually, getJson } from '../support/eventually.ts';
import { startFakeAmi, type FakeSession } from '../support/fake-ami.ts';
import {
  ALICE,
  amiEvent as event,
  callerHeaders,
  HUGE,
  listedMember,
  memberHeaders as member,
  queueParams,
} from '../support/hostile-ami.ts';
import { badValues, readApis } from '../support/read-apis.ts';
import { waitFor } from '../support/wait.ts';

/**
 * The AMI events of the attack on a running server, sent by a real AMI peer over TCP to `npm start` (its own process)
 * on a real Redis: the process lives on, and every read API answers with sane figures.
 */

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

describe('hostile AMI input against a running board', () => {
  it('keeps the process up, logs each bad kind once and answers every read API with sane figures', async () => {
    let session: FakeSession | undefined;
    const ami = await startFakeAmi({
      username: DEFAULT_USERNAME,
      secret: DEMO_SECRET,
      lists: {
        QueueStatus: [
          queueParams('sales'),
          listedMember(),
          // Crashed the process at every resync.
          { Event: 'QueueEntry', ...callerHeaders('1'), Position: '1', Wait: HUGE },
        ],
      },
      onLogin: (s) => (session = s),
    });
    cleanup.push(() => ami.close());
    const board = await spawnBoard(simulatorBoardEnv(ami.port, inject('redisUrl'), uniquePrefix(), 3_000));
    cleanup.push(() => board.stop());
    const cookie = await ownerCookie(board.url);
    const state = () => getJson<LiveStateView>(`${board.url}/api/state`, cookie);
    await eventually(
      async () => (await state()).body.queues?.[0]?.waiting.length === 1,
      'the resync with Wait 1e20 shown',
    );
    await waitFor(() => session, 'the AMI session');

    const agent = { Interface: ALICE, MemberName: 'Alice' };
    session!.send(
      [
        event('AgentConnect', { ...callerHeaders('1'), ...agent, HoldTime: HUGE, RingTime: '2' }),
        event('AgentComplete', {
          ...callerHeaders('1'),
          ...agent,
          HoldTime: '2',
          TalkTime: '-9999999',
          Reason: 'caller',
        }),
        event('QueueCallerJoin', { ...callerHeaders('2'), Position: '1', Count: '1' }),
        event('AgentCalled', { ...callerHeaders('2'), ...agent }),
        event('AgentRingNoAnswer', { ...callerHeaders('2'), ...agent, RingTime: HUGE }),
        event('QueueMemberStatus', member({ LastCall: HUGE, Wrapuptime: '30' })),
        event('QueueMemberStatus', member({ LastCall: HUGE, Wrapuptime: '30', Status: '2' })),
        event('QueueCallerJoin', { ...callerHeaders('3'), Queue: 'phantom', Position: '1', Count: '1' }),
        event('QueueMemberAdded', member({ Interface: `PJSIP/${'9'.repeat(100_000)}` })),
        // Last: once it shows, everything before it was applied.
        event('QueueMemberPause', member({ Paused: '1', PausedReason: 'done' })),
      ].join(''),
    );
    await eventually(async () => (await state()).body.agents?.[0]?.pausedReason === 'done', 'the events applied');
    await eventually(async () => {
      const calls = await getJson<CallRecordsResponse>(`${board.url}/api/calls`, cookie);
      return calls.body.total === 1;
    }, 'the completed call in the statistics');

    expect(board.child.exitCode).toBeNull();
    for (const answer of await readApis(board.url, cookie)) {
      expect(answer.status, answer.path).toBe(200);
      expect(badValues(answer.body), answer.path).toEqual([]);
    }
    const stats = await getJson<StatsResponse>(`${board.url}/api/stats`, cookie);
    expect(stats.body.queues.map((queue) => queue.name)).toEqual(['sales']);
    expect(stats.body.agents.map((a) => a.interface)).toEqual([ALICE]);
    const sales = { offered: 1, answered: 1, completed: 1, talkSec: 0, holdSecAnswered: 0, asaSec: 0 };
    expect(stats.body.queues[0]).toMatchObject(sales);
    const view = (await state()).body;
    expect(view.queues.map((queue) => queue.name)).toEqual(['sales']);
    expect(view.queues[0]?.members.map((m) => [m.interface, m.lastCallAt])).toEqual([[ALICE, null]]);

    // One line per kind of bad value, however often it came.
    const dropped = board
      .log()
      .split('\n')
      .filter((line) => line.includes('"field":"lastcall"'));
    expect(dropped).toHaveLength(1);
    expect(board.log()).toMatch(/"field":"queue","reason":"unknown queue"/);
    expect(board.log()).toMatch(/"field":"interface","reason":"too long"/);
  });
});
