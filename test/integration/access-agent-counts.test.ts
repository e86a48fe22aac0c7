import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { UserView } from '../../server/contract/accounts.ts';
import type { AgentView, LiveStateView } from '../../server/contract/live.ts';
import type { AgentStats, StatsResponse } from '../../server/contract/stats.ts';
import type { App } from '../../server/compose.ts';
import { buildLayout, DEMO_SECRET, type Simulator } from '../../server/sim/index.ts';
import { loggedIn, type ApiClient } from '../support/access-app.ts';
import { boardConfig, startBoardApp, startQuietSimulator, TEST_OWNER } from '../support/board-app.ts';
import { BoardClient } from '../support/board-client.ts';
import { SimClient } from '../support/sim-client.ts';
import { eventually } from '../support/eventually.ts';
import { waitFor } from '../support/wait.ts';

/**
 * One agent serving two queues of two units: the administrators of each unit are shown that agent's answered, missed
 * and talk figures over their own unit's queue only, on the board's socket, in `GET /api/state` and in the statistics;
 * the Owner the sum of both.
 */
const CAROL = 'Local/1003@agents';
const TALK_SEC = 20;
/** Calls answered by Carol, per queue: the units' figures differ, so a viewer shown another's would be caught. */
const CALLS = { sales: 1, support: 2 };

let sim: Simulator;
let ami: SimClient;
let app: App;
let owner: ApiClient;
const viewers = new Map<'sales' | 'support', { api: ApiClient; board: BoardClient }>();

beforeAll(async () => {
  const { queues, agents } = buildLayout();
  sim = await startQuietSimulator({
    layout: { queues, agents: agents.filter((agent) => agent.ext === '1003') },
    behaviour: {
      answerDelay: [1, 1],
      noAnswerProbability: 0,
      talkTime: [TALK_SEC, TALK_SEC],
      agentHangupProbability: 0,
      pauseEvery: 0,
    },
  });
  ami = await SimClient.connect(sim.port);
  await ami.login(DEMO_SECRET);
  app = await startBoardApp(boardConfig({ redisUrl: inject('redisUrl'), amiPort: sim.port }));
  owner = await loggedIn(app.url, TEST_OWNER.username, TEST_OWNER.password);
  // Carol's user is a member of both units: each unit's viewers see her, and her calls of their own queue.
  const carol = await owner.call<UserView>('POST', '/api/users', {
    username: 'carol',
    password: 'carol password 1',
    role: 'agent',
    interfaces: [CAROL],
  });
  expect(carol.status, JSON.stringify(carol.body)).toBe(201);
  for (const queue of ['sales', 'support'] as const) {
    const username = `${queue}-admin`;
    const created = await owner.call<UserView>('POST', '/api/users', {
      username,
      password: `${username} password 1`,
      role: 'administrator',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const unit = await owner.call('POST', '/api/units', {
      name: `${queue} floor`,
      members: [carol.body.id],
      administrators: [created.body.id],
      queues: [queue],
    });
    expect(unit.status, JSON.stringify(unit.body)).toBe(201);
    const api = await loggedIn(app.url, username, `${username} password 1`);
    const board = BoardClient.connect(app.url, { extraHeaders: { Cookie: api.cookie! } });
    viewers.set(queue, { api, board });
    await waitFor(() => board.board?.agents.get(CAROL), `${username}'s board with Carol`);
  }
  for (const [queue, count] of Object.entries(CALLS)) {
    for (let call = 0; call < count; call++) await answeredCall(queue);
  }
}, 60_000);

afterAll(async () => {
  for (const { board } of viewers.values()) board.close();
  ami?.close();
  await app?.close();
  await sim?.close();
});

/** A caller into `queue`, answered by Carol and hung up after TALK_SEC, as the whole board's statistics count it. */
async function answeredCall(queue: string): Promise<void> {
  const before = (await statsOf(owner))?.answered ?? 0;
  await ami.response(
    ami.sendAction('Originate', [
      ['Channel', `Local/${queue}@callers`],
      ['Application', 'Wait'],
      ['Data', '3600'],
      ['CallerID', `"Caller" <55600${before}>`],
      ['Async', 'true'],
    ]),
  );
  await eventually(async () => {
    sim.advance(1_000);
    const carol = await statsOf(owner);
    return carol !== undefined && carol.answered > before && carol.completed > before;
  }, `a ${queue} call answered and ended`);
}

async function statsOf(viewer: ApiClient): Promise<AgentStats | undefined> {
  const stats = await viewer.call<StatsResponse>('GET', '/api/stats?since=1h');
  return stats.body.agents.find((agent) => agent.interface === CAROL);
}

async function liveOf(viewer: ApiClient): Promise<AgentView | undefined> {
  const state = await viewer.call<LiveStateView>('GET', '/api/state');
  return state.body.agents.find((agent) => agent.interface === CAROL);
}

const talk = (calls: number) => calls * TALK_SEC;

describe('an agent of two units’ queues', () => {
  it('is counted for the Owner over both queues', async () => {
    const calls = CALLS.sales + CALLS.support;
    expect(await statsOf(owner)).toMatchObject({ answered: calls, missed: 0, completed: calls });
    expect((await statsOf(owner))?.talkSec).toBeGreaterThanOrEqual(talk(calls));
    expect(await liveOf(owner)).toMatchObject({ answered: calls, missed: 0 });
  });

  for (const queue of ['sales', 'support'] as const) {
    const other = queue === 'sales' ? 'support' : 'sales';
    it(`is counted for the ${queue} unit over ${queue} only: statistics, /api/state and the board`, async () => {
      const { api, board } = viewers.get(queue)!;
      const stats = await statsOf(api);
      expect(stats).toMatchObject({ answered: CALLS[queue], missed: 0, completed: CALLS[queue] });
      expect(Object.keys(stats!.byQueue)).toEqual([queue]);
      expect(stats!.talkSec).toBe(stats!.byQueue[queue]!.talkSec);
      expect(stats!.talkSec).toBeLessThan(talk(CALLS[queue] + 1));

      const live = await liveOf(api);
      expect(live).toMatchObject({ answered: CALLS[queue], missed: 0, queues: [queue] });
      expect(Object.keys(live!.byQueue)).toEqual([queue]);
      expect(live!.talkSec).toBe(live!.byQueue[queue]!.talkSec);

      const onBoard = await waitFor(() => {
        const agent = board.board?.agents.get(CAROL);
        return agent?.answered === CALLS[queue] ? agent : undefined;
      }, `the ${queue} unit's board counting Carol's ${queue} calls`);
      expect(onBoard).toMatchObject({ answered: CALLS[queue], talkSec: live!.talkSec });
      expect(JSON.stringify([stats, live, board.snapshots, board.deltas])).not.toContain(`"${other}"`);
    });
  }
});
