import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { UserView } from '../../server/contract/accounts.ts';
import type { App } from '../../server/compose.ts';
import { DEFAULT_USERNAME, DEMO_SECRET, type Simulator } from '../../server/sim/index.ts';
import { type ApiClient, loggedIn } from '../support/access-app.ts';
import { boardConfig, startBoardApp, startQuietSimulator, TEST_OWNER } from '../support/board-app.ts';
import { ALICE, callAnsweredByAlice, MonitorClient, pauseAllButAlice } from '../support/monitoring.ts';
import { SimClient } from '../support/sim-client.ts';
import { freshLayout, steadyBehaviour } from '../support/sim-scenarios.ts';
import { waitFor } from '../support/wait.ts';

/**
 * Monitoring on a board fed by two PBXs (east and west, with the same names): ChanSpy sees only its own PBX, so a
 * supervisor's phone names its PBX as the board names agents (`east/PJSIP/2005`), is rung on that PBX only, and
 * monitors only agents of that PBX; a phone that names no PBX is refused with a sentence saying how to write it.
 */
const BEHAVIOUR = steadyBehaviour(1, 3600);
const sims: Record<'east' | 'west', Simulator | undefined> = { east: undefined, west: undefined };
const rung: Record<'east' | 'west', string[]> = { east: [], west: [] };
let app: App;
let owner: ApiClient;
const clients: MonitorClient[] = [];
const EAST_ALICE = `east/${ALICE}`;

beforeAll(async () => {
  for (const name of ['east', 'west'] as const) {
    const sim = await startQuietSimulator({ layout: freshLayout(), phones: ['PJSIP/2005'], behaviour: BEHAVIOUR });
    const originateSpy = sim.center.originateSpy.bind(sim.center);
    sim.center.originateSpy = (options) => {
      rung[name].push(options.device);
      originateSpy(options);
    };
    sims[name] = sim;
  }
  const endpoint = (id: 'east' | 'west') => ({
    id,
    host: '127.0.0.1',
    port: sims[id]!.port,
    username: DEFAULT_USERNAME,
    secret: DEMO_SECRET,
  });
  app = await startBoardApp({
    ...boardConfig({ redisUrl: inject('redisUrl'), amiPort: 0 }),
    ami: { endpoints: [endpoint('east'), endpoint('west')], qualified: true },
  });
  owner = await loggedIn(app.url, TEST_OWNER.username, TEST_OWNER.password);
  const user = async (username: string, extra: Record<string, unknown>) => {
    const created = await owner.call<UserView>('POST', '/api/users', {
      username,
      password: `${username} password 1`,
      ...extra,
    });
    if (created.status !== 201) throw new Error(`${username}: ${JSON.stringify(created.body)}`);
    return created.body.id;
  };
  const alice = await user('alice', { role: 'agent', interfaces: [EAST_ALICE] });
  const monitors = [
    await user('bare', { role: 'supervisor', phone: 'PJSIP/2005', monitorCalls: true }),
    await user('westerner', { role: 'supervisor', phone: 'west/PJSIP/2005', monitorCalls: true }),
    await user('easterner', { role: 'supervisor', phone: 'east/PJSIP/2005', monitorCalls: true }),
  ];
  await owner.call('POST', '/api/monitoring/groups', { name: 'Floor', monitored: [alice], monitors });

  const ami = await SimClient.connect(sims.east!.port);
  await ami.login(DEMO_SECRET);
  await pauseAllButAlice(ami);
  const { callId } = await callAnsweredByAlice(sims.east!, ami);
  ami.close();
  await waitFor(async () => {
    const state = (
      await owner.call<{ queues: { connected: { id: string; agentInterface: string }[] }[] }>('GET', '/api/state')
    ).body;
    return state.queues.some((queue) =>
      queue.connected.some((call) => call.id === `east/${callId}` && call.agentInterface === EAST_ALICE),
    );
  }, 'Alice on the call on the east PBX');
}, 30_000);

afterAll(async () => {
  for (const client of clients) client.close();
  await app?.close();
  await sims.east?.close();
  await sims.west?.close();
});

async function socketOf(username: string): Promise<MonitorClient> {
  const api = await loggedIn(app.url, username, `${username} password 1`);
  const client = await MonitorClient.open(app.url, api.cookie!);
  clients.push(client);
  return client;
}

describe('call monitoring with several PBXs', () => {
  it("refuses a phone that names no PBX, and one on another PBX than the agent's call, ringing nothing", async () => {
    expect(await (await socketOf('bare')).start(EAST_ALICE)).toEqual({
      ok: false,
      error: 'Your phone must name its PBX, as in pbx1/PJSIP/2005, since Tablica reads several PBXs.',
    });
    expect(await (await socketOf('westerner')).start(EAST_ALICE)).toEqual({
      ok: false,
      error: "Your phone is on another PBX than the agent's call: monitoring does not cross PBXs.",
    });
    expect(rung).toEqual({ east: [], west: [] });
  });

  it("rings the phone on the agent's PBX, under the name that PBX knows, and follows the session there", async () => {
    const sup = await socketOf('easterner');
    const started = await sup.start(EAST_ALICE);
    if (!started.ok) throw new Error(started.error);
    expect(rung).toEqual({ east: ['PJSIP/2005'], west: [] });
    const active = await waitFor(() => {
      const session = sup.latest(started.data.id);
      return session?.state === 'active' ? session : undefined;
    }, 'listening on the east PBX');
    expect(active).toMatchObject({ agent: EAST_ALICE, queue: 'east/sales', mode: 'listen' });
    expect(await sup.mode('barge')).toMatchObject({ ok: true });
    await waitFor(() => sup.latest(started.data.id)?.mode === 'barge' || undefined, 'barge on the east PBX');
    expect(await sup.stop()).toMatchObject({ ok: true });
    const ended = await waitFor(() => {
      const session = sup.latest(started.data.id);
      return session?.state === 'ended' ? session : undefined;
    }, 'stopped');
    expect(ended.end).toBe('stopped');
  });
});
