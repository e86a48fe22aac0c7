import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { Calls } from '../../server/domain/calls.ts';
import type { Fact, QueueCallRecord } from '../../server/domain/facts.ts';
import { initialState } from '../../server/domain/reducer.ts';
import type { LiveState, Member } from '../../server/domain/state.ts';
import { Table } from '../../server/domain/table.ts';
import { DEFAULT_USERNAME, DEMO_SECRET } from '../../server/sim/index.ts';
import { redisKeys } from '../../server/store/keys.ts';
import { LiveStateStore } from '../../server/store/live-state.ts';
import { boardConfig, ownerCookie, startBoardApp, uniquePrefix } from '../support/board-app.ts';
import { getJson } from '../support/eventually.ts';
import { startFakeAmi } from '../support/fake-ami.ts';
import { ALICE } from '../support/hostile-ami.ts';
import { badValues, readApis } from '../support/read-apis.ts';
import { factsInput, stateWith, statsStore } from '../support/stats.ts';
import { testLogger } from '../support/test-logger.ts';

/**
 * Values no entry check lets in any more, stored by a server that ran before the checks: a restarted server must
 * still answer every read API, with the bad values shown as the nearest sane figure or left out.
 */

const redisUrl = inject('redisUrl');
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const NOW = Date.now();

function badState(): LiveState {
  const base = stateWith({ sales: 20 });
  const sales = base.queues.sales!;
  const alice: Member = {
    queue: 'sales',
    interface: ALICE,
    name: 'Alice',
    stateInterface: 'Custom:agent1001',
    membership: 'static',
    penalty: 0,
    status: 1,
    paused: false,
    pausedReason: '',
    inCall: false,
    callsTaken: 1,
    lastCall: 1e20,
    lastPause: 0,
    loginTime: 0,
    wrapupSec: 30,
    ringInUse: false,
    since: NOW,
    answered: 1,
    missed: 0,
    talkSec: -9_999_999,
  };
  const call = {
    channel: 'c',
    queue: 'sales',
    callerIdNum: '1',
    callerIdName: 'A',
    dialled: 'sales',
    attempts: [],
    ringing: [],
  };
  return {
    ...initialState(),
    queues: {
      sales: { ...sales, members: Table.from([[ALICE, alice]]), reported: { ...emptyReport, at: 1e23 } },
    },
    calls: Calls.of([
      {
        call: {
          ...call,
          id: 'waiting',
          joinedAt: 1e23,
          joinPosition: 1,
          state: 'waiting',
          hangupRequested: false,
          pressedKey: false,
        },
        position: 1,
      },
      {
        call: {
          ...call,
          id: 'talking',
          joinedAt: -1e23,
          joinPosition: 1,
          state: 'connected',
          agent: ALICE,
          agentName: 'Alice',
          answeredAt: -1e23,
          holdSec: -5,
          hangupRequested: false,
          pressedKey: false,
        },
        position: 0,
      },
    ]),
  };
}

const emptyReport = {
  completed: 0,
  abandoned: 0,
  holdTimeSec: 0,
  talkTimeSec: 0,
  serviceLevelPerf: 0,
  serviceLevelPerf2: 0,
};

function badFacts(): Fact[] {
  const at = NOW - 60_000;
  const record: QueueCallRecord = {
    id: 'old',
    queue: 'sales',
    callerIdNum: '1',
    callerIdName: 'A',
    dialled: 'sales',
    joinedAt: 1e23,
    position: 1,
    waitSec: -3,
    outcome: 'answered',
    attempts: [{ agent: ALICE, agentName: 'Alice', startedAt: -1e23, ringSec: -1e20, result: 'answered' }],
    answeredAt: 1e23,
    agent: ALICE,
    agentName: 'Alice',
    talkSec: -9_999_999,
    endReason: 'caller',
    endedAt: at,
  };
  return [
    { kind: 'joined', at, queue: 'sales', callId: 'old' },
    { kind: 'answered', at, queue: 'sales', callId: 'old', agent: ALICE, holdSec: -50 },
    { kind: 'rang', at, queue: 'sales', callId: 'old', agent: ALICE, startedAt: at - 1e23, result: 'answered' },
    { kind: 'completed', at, queue: 'sales', callId: 'old', agent: ALICE, talkSec: -9_999_999, reason: 'caller' },
    { kind: 'callEnded', at, record },
  ];
}

describe('values stored before the entry checks', () => {
  it('are read without a failure, as finite, non-negative figures, and arm no endless wrap-up timer', async () => {
    const prefix = uniquePrefix();
    const redis = new Redis(redisUrl);
    cleanup.push(() => redis.disconnect());
    await new LiveStateStore(redis, redisKeys(prefix), 'pbx', testLogger()).writeAll(badState(), 1);
    const stats = statsStore(redis, prefix);
    stats.record(NOW, factsInput(badState(), badFacts()));
    await stats.close();

    // A wrap-up timer beyond what Node holds would fire at once, again and again; Node warns of each.
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    cleanup.push(() => process.off('warning', onWarning));

    // An AMI that never answers: the stored state is what the server shows.
    const ami = await startFakeAmi({ username: DEFAULT_USERNAME, secret: DEMO_SECRET, silent: true });
    cleanup.push(() => ami.close());
    const app = await startBoardApp(boardConfig({ redisUrl, amiPort: ami.port, prefix }));
    cleanup.push(() => app.close());
    const cookie = await ownerCookie(app.url);

    const answers = await readApis(app.url, cookie);
    for (const answer of answers) {
      expect(answer.status, answer.path).toBe(200);
      expect(badValues(answer.body), answer.path).toEqual([]);
    }
    const calls = await getJson<{ calls: { talkSec: number; waitSec: number }[] }>(`${app.url}/api/calls`, cookie);
    expect(calls.body.calls).toMatchObject([{ talkSec: 0, waitSec: 0 }]);
    expect(warnings).toEqual([]);
  });
});
