import { io, type Socket } from 'socket.io-client';
import type { CommandName } from '../../server/contract/commands.ts';
import type { ClientEvents, ServerEvents } from '../../server/contract/events.ts';
import type { MonitorMode, MonitorSessionView, MonitorStatus } from '../../server/contract/monitoring.ts';
import type { Result } from '../../server/contract/result.ts';

const MONITOR_COMMANDS = [
  'monitor:status',
  'monitor:start',
  'monitor:mode',
  'monitor:stop',
  'monitor:watch',
  'monitor:end',
] as const satisfies readonly CommandName[];

/** Handlers refusing every monitoring command, for tests that wire the other features' commands without it. */
export function refuseMonitoring(): Record<(typeof MONITOR_COMMANDS)[number], () => Promise<never>> {
  const refuse = () => Promise.reject(new Error('no monitoring in this test'));
  return Object.fromEntries(MONITOR_COMMANDS.map((name) => [name, refuse])) as Record<(typeof MONITOR_COMMANDS)[number], () => Promise<never>>;
}

/** A board's socket as far as monitoring goes: the commands, and every monitor:updated it received. */
export class MonitorClient {
  readonly updates: MonitorSessionView[] = [];

  private constructor(readonly socket: Socket<ServerEvents, ClientEvents>) {
    socket.on('monitor:updated', (session) => this.updates.push(session));
  }

  static open(url: string, cookie: string): Promise<MonitorClient> {
    const socket: Socket<ServerEvents, ClientEvents> = io(url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      extraHeaders: { Cookie: cookie },
    });
    const client = new MonitorClient(socket);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(client));
      socket.once('connect_error', reject);
    });
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
    const untyped = this.socket as unknown as { timeout(ms: number): { emitWithAck(e: string, ...a: unknown[]): Promise<unknown> } };
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
