import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Config } from '../../server/config.ts';
import type { LiveStateView } from '../../server/contract/live.ts';
import type { App } from '../../server/compose.ts';
import type { Simulator } from '../../server/sim/index.ts';
import { DEMO_SECRET, DEFAULT_USERNAME } from '../../server/sim/index.ts';
import { boardConfig, ownerCookie, startBoardApp, startQuietSimulator, uniquePrefix } from '../support/board-app.ts';
import { BoardClient } from '../support/board-client.ts';
import { eventually, getJson } from '../support/eventually.ts';
import { waitFor } from '../support/wait.ts';

/**
 * One board fed by two Asterisks whose queues and phones have the same names (both simulated centers have queues
 * billing/sales/support and agents Local/1001@agents…): each PBX's names are shown qualified, a change on one PBX
 * shows on its entities only, a PBX going away is named on the board and in /healthz while the other stays live, and
 * a restarted server serves both from Redis.
 */

const redisUrl = inject('redisUrl');
const ALICE = 'Local/1001@agents';
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function twoPbxConfig(east: Simulator, west: Simulator, prefix: string): Config {
  const endpoint = (id: string, sim: Simulator) => ({
    id,
    host: sim.host,
    port: sim.port,
    username: DEFAULT_USERNAME,
    secret: DEMO_SECRET,
  });
  return {
    ...boardConfig({ redisUrl, amiPort: 0, prefix }),
    ami: { endpoints: [endpoint('east', east), endpoint('west', west)], qualified: true },
  };
}

async function started(config: Config): Promise<{ app: App; client: BoardClient }> {
  const app = await startBoardApp(config);
  cleanup.push(() => app.close());
  const client = BoardClient.connect(app.url, { extraHeaders: { Cookie: await ownerCookie(app.url) } });
  cleanup.push(() => client.close());
  return { app, client };
}

const member = (client: BoardClient, queue: string) =>
  client.board?.members.get(`${queue}\u0000${queue.split('/')[0]}/${ALICE}`);

describe('a board fed by several Asterisks', () => {
  it('shows both PBXs under their own names, follows each, and names the one that is down', async () => {
    const east = await startQuietSimulator();
    cleanup.push(() => east.close());
    const west = await startQuietSimulator();
    let westOpen = true;
    cleanup.push(() => westOpen && west.close());
    const prefix = uniquePrefix();
    const { app, client } = await started(twoPbxConfig(east, west, prefix));

    await waitFor(() => client.board?.link.ami.up && client.board.queues.size === 6, 'both PBXs on the board', {
      timeoutMs: 10_000,
    });
    const snapshot = client.snapshots.at(-1)!;
    expect(snapshot.queues.map((queue) => queue.name).sort()).toEqual([
      'east/billing',
      'east/sales',
      'east/support',
      'west/billing',
      'west/sales',
      'west/support',
    ]);
    expect(snapshot.members).toHaveLength(24);
    expect(snapshot.agents.map((agent) => agent.interface)).toContain(`west/${ALICE}`);
    expect(snapshot.link.ami.down).toEqual([]);

    east.center.pause(ALICE, 'sales', true, 'Lunch');
    await waitFor(() => member(client, 'east/sales')?.state === 'paused', 'Alice paused on the east PBX');
    expect(member(client, 'west/sales')?.state).toBe('available');

    await west.close();
    westOpen = false;
    await waitFor(() => client.board?.link.ami.up === false, 'the link down on the board');
    expect(client.board!.link.ami.down.map((down) => down.endpoint)).toEqual(['west']);
    const sick = await eventually(async () => {
      const answer = await getJson(`${app.url}/healthz`);
      return answer.status === 503 && answer;
    }, 'unhealthy');
    expect(sick.body).toMatchObject({
      ok: false,
      ami: {
        connected: false,
        endpoints: [
          { id: 'east', connected: true },
          { id: 'west', connected: false },
        ],
      },
    });

    // The east PBX is still live.
    east.center.pause(ALICE, 'sales', false, '');
    await waitFor(() => member(client, 'east/sales')?.state === 'available', 'Alice back on the east PBX');
  });

  it('serves both PBXs from Redis after a restart, before the PBXs answer again', async () => {
    const east = await startQuietSimulator();
    cleanup.push(() => east.close());
    const west = await startQuietSimulator();
    cleanup.push(() => west.close());
    const prefix = uniquePrefix();
    const first = await started(twoPbxConfig(east, west, prefix));
    await waitFor(() => first.client.board?.queues.size === 6 && first.client.board.link.ami.up, 'both PBXs live', {
      timeoutMs: 10_000,
    });
    west.center.pause(ALICE, 'sales', true, 'Training');
    await waitFor(() => member(first.client, 'west/sales')?.state === 'paused', 'the pause on the board');
    await first.app.close();

    await east.close();
    await west.close();
    const second = await started(twoPbxConfig(east, west, prefix));
    await waitFor(() => second.client.board?.queues.size === 6, 'the stored board', { timeoutMs: 10_000 });
    expect(second.client.board!.link.ami.up).toBe(false);
    expect(member(second.client, 'west/sales')?.state).toBe('paused');
    expect(member(second.client, 'east/sales')?.state).toBe('available');
    const state = await getJson<LiveStateView>(`${second.app.url}/api/state`, await ownerCookie(second.app.url));
    const westSales = state.body.queues.find((queue) => queue.name === 'west/sales');
    expect(westSales?.members.find((m) => m.interface === `west/${ALICE}`)).toMatchObject({
      paused: true,
      pausedReason: 'Training',
    });
  });
});
