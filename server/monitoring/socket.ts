import type { MonitorSessionView } from '../contract/monitoring.ts';
import { CommandRefused, type CommandHandlers } from '../realtime/commands.ts';
import { say } from '../i18n.ts';
import { m } from '../contract/messages/messages.js';
import type { BoardSocket, Transport } from '../realtime/transport.ts';
import { MonitorRefused, spokenMonitorError, type MonitorService } from './service.ts';

export type MonitorSocket = BoardSocket;
export type MonitorCommands = Pick<
  CommandHandlers,
  'monitor:status' | 'monitor:start' | 'monitor:mode' | 'monitor:stop' | 'monitor:watch' | 'monitor:end'
>;

/** Every socket of a user joins their room: a session's facts go to its supervisor's sockets. */
function monitorUserRoom(userId: string): string {
  return `monitor:user:${userId}`;
}

/** Sockets of administrators following the live list of sessions. */
const MONITOR_WATCHERS = 'monitor:watchers';

/**
 * Delivers a session's change, on every process, to its supervisor's sockets and to the watchers of the live list
 * who see its agent (access cuts `monitor:updated` to the agents within their units).
 */
export function sessionFacts(transport: Transport): (session: MonitorSessionView) => void {
  return (session) =>
    transport.publish('monitor:updated', session, {
      rooms: [monitorUserRoom(session.supervisor)],
      scoped: [MONITOR_WATCHERS],
    });
}

/** A user's refusal reaches the client in their language; anything else is the dispatcher's "try again". */
async function refusals<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof MonitorRefused) throw new CommandRefused(spokenMonitorError(error.message));
    throw error;
  }
}

/**
 * A socket's monitoring commands, for dispatchCommands (which validates and rate-limits them): a user's socket joins
 * their room, so that their session's facts reach every tab; a kiosk (a wall TV) is refused every command.
 */
export function monitorCommands(
  socket: MonitorSocket,
  userId: string | undefined,
  service: MonitorService,
): MonitorCommands {
  if (userId !== undefined) void socket.join(monitorUserRoom(userId));
  const user = (): string => {
    if (userId === undefined) throw new CommandRefused(say(m.server_kiosk_no_monitoring));
    return userId;
  };
  return {
    'monitor:status': () => refusals(() => service.status(user())),
    'monitor:start': ([start]) => refusals(() => service.start(user(), start)),
    'monitor:mode': ([{ mode }]) => refusals(() => service.mode(user(), mode)),
    'monitor:stop': () => refusals(() => service.stop(user())),
    'monitor:watch': () =>
      refusals(async () => {
        const sessions = await service.active(user());
        await socket.join(MONITOR_WATCHERS);
        return sessions;
      }),
    'monitor:end': ([{ id }]) => refusals(() => service.end(user(), id)),
  };
}
