import { performance } from 'node:perf_hooks';
import type { UserView } from '../../server/contract/accounts.ts';
import type { MonitorMode, MonitorSessionView } from '../../server/contract/monitoring.ts';
import { DEMO_SECRET } from '../../server/sim/index.ts';
import { loggedIn } from '../support/access-app.ts';
import { startQuietSimulator, TEST_OWNER, uniquePrefix } from '../support/board-app.ts';
import { leaseHolderOf, simulatorBoardEnv, spawnBoard, type BoardProcess } from '../support/board-process.ts';
import { ALICE, callAnsweredByAlice, MonitorClient, pauseAllButAlice } from '../support/monitoring.ts';
import { startRedisServer } from '../support/redis-server.ts';
import { SimClient } from '../support/sim-client.ts';
import { freshLayout, steadyBehaviour } from '../support/sim-scenarios.ts';
import { waitFor } from '../support/wait.ts';

/**
 * Call monitoring through two `npm start` processes on one Redis and the simulator: each supervisor's socket is on the
 * process that does not hold the AMI lease, so that every request crosses Redis to the holder. Measured: from
 * `monitor:start` emitted until the simulator reads the `Originate`, and from `monitor:mode` emitted until it reads
 * the `PlayDTMF` (both in this process, on one clock). Each session listens, whispers, barges, listens and stops.
 */

export interface MonitoringBenchOptions {
  readonly sessions: number;
  /** Sessions run first and not measured (the processes' code warming up). */
  readonly warmUp: number;
}

export interface MonitoringBenchResult {
  /** ms from monitor:start sent to the Originate on the AMI wire, per session. */
  readonly originate: number[];
  /** ms from monitor:mode sent to the PlayDTMF on the AMI wire, per mode switch. */
  readonly playDtmf: number[];
}

/** Supervisors taking turns, so that each socket stays within its command limit (5 a second). */
const SUPERVISORS = 8;
const SWITCHES: readonly MonitorMode[] = ['whisper', 'barge', 'listen'];
/** At least this long between two commands of one socket. */
const COMMAND_GAP_MS = 250;

export async function benchMonitoring(options: MonitoringBenchOptions): Promise<MonitoringBenchResult> {
  const redisServer = await startRedisServer();
  const phones = Array.from({ length: SUPERVISORS }, (_, i) => `PJSIP/${2101 + i}`);
  const sim = await startQuietSimulator({
    layout: freshLayout(),
    phones,
    behaviour: steadyBehaviour(1, 36_000),
  });
  // The simulator's handlers of Originate (Application ChanSpy) and PlayDTMF (Receive): the AMI wire as read.
  let wire: ((at: number) => void) | undefined;
  const originateSpy = sim.center.originateSpy.bind(sim.center);
  sim.center.originateSpy = (spy) => {
    wire?.(performance.now());
    originateSpy(spy);
  };
  const receiveDigit = sim.center.receiveDigit.bind(sim.center);
  sim.center.receiveDigit = (channel, digit, pressed) => {
    if (!pressed) wire?.(performance.now());
    return receiveDigit(channel, digit, pressed);
  };
  const ami = await SimClient.connect(sim.port);
  const processes: BoardProcess[] = [];
  const clients: MonitorClient[] = [];
  try {
    await ami.login(DEMO_SECRET);
    await pauseAllButAlice(ami);
    const env = simulatorBoardEnv(sim.port, redisServer.url, uniquePrefix(), 3_000);
    processes.push(await spawnBoard({ ...env, INSTANCE_ID: 'one' }), await spawnBoard({ ...env, INSTANCE_ID: 'two' }));
    const lease = await leaseHolderOf(processes);
    const holder = lease.holder;
    const other = lease.others[0]!;

    const owner = await loggedIn(holder.url, TEST_OWNER.username, TEST_OWNER.password);
    const user = async (body: Record<string, unknown>): Promise<string> => {
      const created = await owner.call<UserView>('POST', '/api/users', body);
      if (created.status !== 201) throw new Error(`bench user not created: ${JSON.stringify(created.body)}`);
      return created.body.id;
    };
    const alice = await user({ username: 'alice', password: 'alice password 1', role: 'agent', interfaces: [ALICE] });
    const monitors: string[] = [];
    for (const [i, phone] of phones.entries()) {
      monitors.push(
        await user({
          username: `sup${i}`,
          password: `sup${i} password 1`,
          role: 'supervisor',
          phone,
          monitorCalls: true,
        }),
      );
    }
    await owner.call('POST', '/api/monitoring/groups', { name: 'Bench', monitored: [alice], monitors });
    const { callId } = await callAnsweredByAlice(sim, ami);
    await waitFor(async () => {
      const state = (await owner.call<{ queues: { connected: { id: string }[] }[] }>('GET', '/api/state')).body;
      return state.queues.some((queue) => queue.connected.some((call) => call.id === callId));
    }, 'Alice on the call on the board');
    for (const i of phones.keys()) {
      const api = await loggedIn(other.url, `sup${i}`, `sup${i} password 1`);
      clients.push(await MonitorClient.open(other.url, api.cookie!));
    }

    const lastCommand = new Map<MonitorClient, number>();
    /** Sends one command when its socket may, and resolves with ms until the simulator read its action. */
    const timed = async (client: MonitorClient, send: () => Promise<unknown>): Promise<number> => {
      const wait = (lastCommand.get(client) ?? 0) + COMMAND_GAP_MS - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const read = new Promise<number>((resolve) => (wire = resolve));
      const sent = performance.now();
      lastCommand.set(client, sent);
      const answer = (await send()) as { ok: boolean; error?: string };
      if (!answer.ok) throw new Error(`bench command refused: ${answer.error}`);
      const at = await read;
      wire = undefined;
      return at - sent;
    };
    const until = (client: MonitorClient, id: string, check: (session: MonitorSessionView) => boolean, what: string) =>
      waitFor(
        () => {
          const session = client.latest(id);
          return session && check(session) ? session : undefined;
        },
        what,
        { intervalMs: 2 },
      );

    const originate: number[] = [];
    const playDtmf: number[] = [];
    for (let i = 0; i < options.warmUp + options.sessions; i++) {
      const client = clients[i % clients.length]!;
      let id = '';
      const toOriginate = await timed(client, async () => {
        const answer = await client.start(ALICE, 'listen');
        if (answer.ok) id = answer.data.id;
        return answer;
      });
      await until(client, id, (session) => session.state === 'active', 'the supervisor listening');
      const toDigits: number[] = [];
      for (const mode of SWITCHES) {
        toDigits.push(await timed(client, () => client.mode(mode)));
        await until(client, id, (session) => session.mode === mode, `the mode ${mode}`);
      }
      const stopped = await client.stop();
      if (!stopped.ok) throw new Error(`bench stop refused: ${stopped.error}`);
      lastCommand.set(client, performance.now());
      await until(client, id, (session) => session.state === 'ended', 'the session ended');
      if (i < options.warmUp) continue;
      originate.push(toOriginate);
      playDtmf.push(...toDigits);
    }
    return { originate, playDtmf };
  } finally {
    for (const client of clients) client.close();
    ami.close();
    await Promise.all(processes.map((process) => process.stop()));
    await sim.close();
    await redisServer.stop();
  }
}
