import { performance } from 'node:perf_hooks';
import type { UserView } from '../../server/contract/accounts.ts';
import { loggedIn } from '../support/access-app.ts';
import { AgentActionsClient } from '../support/agent-actions.ts';
import { startQuietSimulator, TEST_OWNER, uniquePrefix } from '../support/board-app.ts';
import { leaseHolderOf, simulatorBoardEnv, spawnBoard, type BoardProcess } from '../support/board-process.ts';
import { startRedisServer } from '../support/redis-server.ts';
import { freshLayout } from '../support/sim-scenarios.ts';

/**
 * Pause and Unpause through two `npm start` processes on one Redis and the simulator: each administrator's socket is on
 * the process that does not hold the AMI lease, so that every click crosses Redis to the holder. Measured: from
 * `agent:pause` or `agent:unpause` emitted until the simulator reads the `QueuePause` (both in this process, on one
 * clock).
 */

export interface ActionsBenchOptions {
  readonly actions: number;
  /** Actions sent first and not measured (the processes' code warming up). */
  readonly warmUp: number;
}

/** Administrators taking turns, so that each socket stays within its command limit (5 a second). */
const ADMINISTRATORS = 8;
/** At least this long between two commands of one socket. */
const COMMAND_GAP_MS = 250;

/** ms from the command sent to the QueuePause on the AMI wire, per action. */
export async function benchActions(options: ActionsBenchOptions): Promise<number[]> {
  const redisServer = await startRedisServer();
  const sim = await startQuietSimulator({ layout: freshLayout() });
  let wire: ((at: number) => void) | undefined;
  const pause = sim.center.pause.bind(sim.center);
  sim.center.pause = (iface, queue, paused, reason) => {
    wire?.(performance.now());
    return pause(iface, queue, paused, reason);
  };
  const agents = [...sim.center.sim.agents.values()].map((agent) => agent.iface);
  const processes: BoardProcess[] = [];
  const clients: AgentActionsClient[] = [];
  try {
    const env = simulatorBoardEnv(sim.port, redisServer.url, uniquePrefix(), 3_000);
    processes.push(await spawnBoard({ ...env, INSTANCE_ID: 'one' }), await spawnBoard({ ...env, INSTANCE_ID: 'two' }));
    const { holder, others } = await leaseHolderOf(processes);
    const other = others[0]!;
    const owner = await loggedIn(holder.url, TEST_OWNER.username, TEST_OWNER.password);
    for (let i = 0; i < ADMINISTRATORS; i++) {
      const body = { username: `admin${i}`, password: `admin${i} password 1`, role: 'administrator' };
      const created = await owner.call<UserView>('POST', '/api/users', body);
      if (created.status !== 201) throw new Error(`bench user not created: ${JSON.stringify(created.body)}`);
      const api = await loggedIn(other.url, body.username, body.password);
      clients.push(await AgentActionsClient.open(other.url, api.cookie!));
    }

    const lastCommand = new Map<AgentActionsClient, number>();
    const timings: number[] = [];
    for (let i = 0; i < options.warmUp + options.actions; i++) {
      const client = clients[i % clients.length]!;
      const agent = agents[Math.floor(i / 2) % agents.length]!;
      const wait = (lastCommand.get(client) ?? 0) + COMMAND_GAP_MS - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const read = new Promise<number>((resolve) => (wire = resolve));
      const sent = performance.now();
      lastCommand.set(client, sent);
      // Each agent is paused, then unpaused by the next click: Asterisk takes both.
      const answer = await (i % 2 === 0 ? client.pause(agent, null, 'Break') : client.unpause(agent, null));
      if (!answer.ok) throw new Error(`bench action refused: ${answer.error}`);
      const at = await read;
      wire = undefined;
      if (i >= options.warmUp) timings.push(at - sent);
    }
    return timings;
  } finally {
    for (const client of clients) client.close();
    await Promise.all(processes.map((process) => process.stop()));
    await sim.close();
    await redisServer.stop();
  }
}
