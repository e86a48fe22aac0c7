import type { Socket } from 'socket.io';
import type { ClientEvents, ServerEvents } from '../contract/events.ts';
import type { MonitorSessionView } from '../contract/monitoring.ts';
import type { BoardServer } from './io.ts';

type BoardSocket = Socket<ClientEvents, ServerEvents>;

/** Every socket of a user joins their room: a session's facts go to its supervisor's sockets. */
export function monitorUserRoom(userId: string): string {
  return `monitor:user:${userId}`;
}

/** Sockets of administrators following the live list of sessions. */
export const MONITOR_WATCHERS = 'monitor:watchers';

/**
 * Delivers monitoring facts: the lease holder announces a session's change here; this process's sockets get it at once
 * and the other processes' through the adapter (relayMonitoring). A socket gets it when it is the supervisor's, or
 * watches the live list and `sees` the session (its agent is within the watcher's units).
 */
export function monitorFacts(io: BoardServer, sees: (socket: BoardSocket, session: MonitorSessionView) => boolean) {
  const deliver = (session: MonitorSessionView): void => {
    const { sockets } = io.of('/');
    const ids = new Set(io.of('/').adapter.rooms.get(monitorUserRoom(session.supervisor)) ?? []);
    for (const id of io.of('/').adapter.rooms.get(MONITOR_WATCHERS) ?? []) {
      const socket = sockets.get(id);
      if (socket && sees(socket, session)) ids.add(id);
    }
    for (const id of ids) sockets.get(id)?.emit('monitor:updated', session);
  };
  io.on('monitor:updated', deliver);
  return {
    announce: (session: MonitorSessionView): void => {
      deliver(session);
      io.serverSideEmit('monitor:updated', session);
    },
  };
}
