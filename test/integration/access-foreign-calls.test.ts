import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { UserView } from '../../server/contract/accounts.ts';
import type { LiveStateView } from '../../server/contract/live.ts';
import type { StatsResponse } from '../../server/contract/stats.ts';
import type { App } from '../../server/compose.ts';
import { buildLayout, DEMO_SECRET, type Simulator } from '../../server/sim/index.ts';
import { loggedIn, type ApiClient } from '../support/access-app.ts';
import { boardConfig, startBoardApp, startQuietSimulator, TEST_OWNER } from '../support/board-app.ts';
import { BoardClient } from '../support/board-client.ts';
import { SimClient } from '../support/sim-client.ts';
import { eventually } from '../support/eventually.ts';
import { waitFor } from '../support/wait.ts';
import { steadyBehaviour } from '../support/sim-scenarios.ts';

/**
 * A unit's agent who also serves a queue outside the unit: while they talk to a caller of that queue, the unit's
 * viewers see that they are on a call, and nothing of the foreign queue (its name, the caller) on the board's
 * snapshot and deltas or in `GET /api/state`, whether the agent's phone is one of the viewer's own or a unit member's.
 */
const ALICE = 'Local/1001@agents';
const CAROL = 'Local/1003@agents';
const CALLER = { name: 'Foreign Caller', number: '5560033' };
/** Whatever would tell the viewer about the support queue or its caller. */
const FOREIGN = ['support', CALLER.name, CALLER.number];

let sim: Simulator;
let ami: SimClient;
let app: App;
let owner: ApiClient;
const boards: BoardClient[] = [];
const viewers = new Map<string, ApiClient>();

beforeAll(async () => {
  const { queues, agents } = buildLayout();
  // Alice serves sales only; Carol serves sales and support, and is paused in sales so only support rings her.
  sim = await startQuietSimulator({
    layout: { queues, agents: agents.filter((agent) => ['1001', '1003'].includes(agent.ext)) },
    behaviour: steadyBehaviour(1, 3600),
  });
  ami = await SimClient.connect(sim.port);
  await ami.login(DEMO_SECRET);
  await ami.action('QueuePause', [
    ['Interface', CAROL],
    ['Paused', 'true'],
    ['Queue', 'sales'],
  ]);
  app = await startBoardApp(boardConfig({ redisUrl: inject('redisUrl'), amiPort: sim.port }));
  owner = await loggedIn(app.url, TEST_OWNER.username, TEST_OWNER.password);
  const user = async (username: string, role: string, interfaces: string[]): Promise<string> => {
    const created = await owner.call<UserView>('POST', '/api/users', {
      username,
      password: `${username} password 1`,
      role,
      interfaces,
    });
    if (created.status !== 201) throw new Error(`${username}: ${JSON.stringify(created.body)}`);
    return created.body.id;
  };
  // Carol's phone is one of lead's own, and for una that of a member of the unit she administers.
  const lead = await user('lead', 'administrator', [ALICE, CAROL]);
  const una = await user('una', 'administrator', []);
  const unit = await owner.call('POST', '/api/units', {
    name: 'Sales floor',
    members: [lead],
    administrators: [lead, una],
    queues: ['sales'],
  });
  expect(unit.status).toBe(201);
  for (const name of ['lead', 'una']) {
    const viewer = await loggedIn(app.url, name, `${name} password 1`);
    viewers.set(name, viewer);
    const board = BoardClient.connect(app.url, { extraHeaders: { Cookie: viewer.cookie! } });
    boards.push(board);
    await waitFor(() => board.board?.agents.get(CAROL), `${name}'s board with Carol`);
  }
  await carolOnASupportCall();
}, 60_000);

afterAll(async () => {
  for (const board of boards) board.close();
  ami?.close();
  await app?.close();
  await sim?.close();
});

/** A caller into support answered by Carol, as the whole board shows it. */
async function carolOnASupportCall(): Promise<void> {
  const id = ami.sendAction('Originate', [
    ['Channel', 'Local/support@callers'],
    ['Application', 'Wait'],
    ['Data', '3600'],
    ['CallerID', `"${CALLER.name}" <${CALLER.number}>`],
    ['Async', 'true'],
  ]);
  await ami.response(id);
  await eventually(async () => {
    sim.advance(100);
    const state = (await owner.call<LiveStateView>('GET', '/api/state')).body;
    return state.agents.some((agent) => agent.interface === CAROL && agent.call?.queue === 'support');
  }, 'Carol talking to a support caller on the whole board');
}

describe('an agent of a unit on a call of a queue outside it', () => {
  it('shows the unit’s viewers that the agent is on a call, on sockets and /api/state', async () => {
    for (const [index, name] of ['lead', 'una'].entries()) {
      const board = boards[index]!;
      const carol = await waitFor(() => {
        const agent = board.board?.agents.get(CAROL);
        return agent?.state === 'onCall' ? agent : undefined;
      }, `${name}'s board showing Carol on a call`);
      expect(carol, name).toMatchObject({ call: null, queues: ['sales'] });
      const state = (await viewers.get(name)!.call<LiveStateView>('GET', '/api/state')).body;
      expect(
        state.agents.find((agent) => agent.interface === CAROL),
        name,
      ).toMatchObject({ state: 'onCall', call: null });
    }
  });

  it('counts the call for the whole board only: the unit’s viewers see counts of their queues, live and in statistics', async () => {
    const answeredOf = async (viewer: ApiClient) => {
      const stats = await viewer.call<StatsResponse>('GET', '/api/stats?since=1h');
      const state = await viewer.call<LiveStateView>('GET', '/api/state');
      return {
        stats: stats.body.agents.find((agent) => agent.interface === CAROL)?.answered ?? 0,
        live: state.body.agents.find((agent) => agent.interface === CAROL)?.answered,
      };
    };
    await eventually(async () => (await answeredOf(owner)).stats === 1, 'the answered call in the statistics');
    expect(await answeredOf(owner)).toEqual({ stats: 1, live: 1 });
    for (const [index, name] of ['lead', 'una'].entries()) {
      expect(await answeredOf(viewers.get(name)!), name).toEqual({ stats: 0, live: 0 });
      expect(boards[index]!.board?.agents.get(CAROL)?.answered, name).toBe(0);
    }
  });

  it('sends them nothing of the foreign queue or its caller: not in snapshots, deltas or /api/state', async () => {
    for (const [index, name] of ['lead', 'una'].entries()) {
      const board = boards[index]!;
      const fresh = await board.request();
      const state = await viewers.get(name)!.call('GET', '/api/state');
      const received = JSON.stringify([board.snapshots, board.deltas, fresh, state.body]);
      for (const word of FOREIGN) expect(received, `${name}: ${word}`).not.toContain(word);
    }
  });
});
