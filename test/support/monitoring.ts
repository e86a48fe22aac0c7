import type { Socket } from 'socket.io-client';
import type { CommandName } from '../../server/contract/commands.ts';
import type { ClientEvents, ServerEvents } from '../../server/contract/events.ts';
import type { MonitorMode, MonitorSessionView, MonitorStatus } from '../../server/contract/monitoring.ts';
import type { Result } from '../../server/contract/result.ts';
import type { Simulator } from '../../server/sim/index.ts';
import { openUserSocket } from './board-client.ts';
import { callerIntoSales, type SimClient } from './sim-client.ts';

const MONITOR_COMMANDS = [
  'monitor:status',
  'monitor:start',
  'monitor:mode',
  'monitor:stop',
  'monitor:watch',
  'monitor:end',
] as const satisfies readonly CommandName[];

/** Handlers refusing the named commands, for tests that wire other features' commands without theirs. */
export function refuseCommands<Name extends CommandName>(
  names: readonly Name[],
  why: string,
): Record<Name, () => Promise<never>> {
  const refuse = () => Promise.reject(new Error(why));
  return Object.fromEntries(names.map((name) => [name, refuse])) as Record<Name, () => Promise<never>>;
}

/** Handlers refusing every monitoring command. */
export function refuseMonitoring(): Record<(typeof MONITOR_COMMANDS)[number], () => Promise<never>> {
  return refuseCommands(MONITOR_COMMANDS, 'no monitoring in this test');
}

/** A board's socket as far as monitoring goes: the commands, and every monitor:updated it received. */
export class MonitorClient {
  readonly updates: MonitorSessionView[] = [];

  private constructor(readonly socket: Socket<ServerEvents, ClientEvents>) {
    socket.on('monitor:updated', (session) => this.updates.push(session));
  }

  static async open(url: string, cookie: string): Promise<MonitorClient> {
    return new MonitorClient(await openUserSocket(url, cookie));
  }

  start(agent: string, mode: MonitorMode = 'listen'): Promise<Result<MonitorSessionView>> {
    return this.socket.timeout(10_000).emitWithAck('monitor:start', { agent, mode });
  }

  mode(mode: MonitorMode): Promise<Result<MonitorSessionView>> {
    return this.socket.timeout(10_000).emitWithAck('monitor:mode', { mode });
  }

  stop(): Promise<Result<MonitorSessionView>> {
    return this.socket.timeout(10_000).emitWithAck('monitor:stop');
  }

  status(): Promise<Result<MonitorStatus>> {
    return this.socket.timeout(10_000).emitWithAck('monitor:status');
  }

  watch(): Promise<Result<MonitorSessionView[]>> {
    return this.socket.timeout(10_000).emitWithAck('monitor:watch');
  }

  end(id: string): Promise<Result<MonitorSessionView>> {
    return this.socket.timeout(10_000).emitWithAck('monitor:end', { id });
  }

  /** Sends anything under any event name, as a hostile client would. */
  raw(event: string, ...args: unknown[]): Promise<unknown> {
    const untyped = this.socket as unknown as {
      timeout(ms: number): { emitWithAck(e: string, ...a: unknown[]): Promise<unknown> };
    };
    return untyped.timeout(10_000).emitWithAck(event, ...args);
  }

  /** The latest state of a session as this socket heard it. */
  latest(id: string): MonitorSessionView | undefined {
    return this.updates.findLast((session) => session.id === id);
  }

  close(): void {
    this.socket.close();
  }
}

/** Alice's interface in the recorded PBX's layout; the other sales members are paused by pauseAllButAlice. */
export const ALICE = 'Local/1001@agents';

/** Pauses every sales member but Alice, so that she answers each caller. */
export async function pauseAllButAlice(ami: SimClient): Promise<void> {
  for (const ext of ['1002', '1003', '1004'])
    await ami.action('QueuePause', [
      ['Interface', `Local/${ext}@agents`],
      ['Paused', 'true'],
      ['Queue', 'sales'],
    ]);
}

/**
 * A caller into sales answered by Alice (after her wrap-up), driving the simulator's manual clock: resolves with the
 * queue call's id and the caller's channel once the simulator reports AgentConnect.
 */
export async function callAnsweredByAlice(sim: Simulator, ami: SimClient): Promise<{ callId: string; caller: string }> {
  const caller = await callerIntoSales(sim, ami, '"Ann Caller" <5552001>');
  const leg = caller.replace(/;1$/, ';2');
  const connected = () => ami.messages.find((m) => m.name === 'AgentConnect' && m.get('Channel') === leg);
  for (let step = 0; step < 100 && !connected(); step++) {
    sim.advance(100);
    await ami.action('Ping');
  }
  const callId = connected()?.get('Uniqueid');
  if (!callId) throw new Error('Alice did not answer the caller');
  return { callId, caller };
}
