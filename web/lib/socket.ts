import { io, type Socket } from 'socket.io-client';
import type { BoardDelta, BoardSnapshot } from '../../server/contract/board.ts';
import type { ClientEvents, ServerEvents } from '../../server/contract/events.ts';
import type { Result } from '../../server/contract/result.ts';

/** The one Socket.IO client of the web app, typed by the shared contract. */
export type BoardSocket = Socket<ServerEvents, ClientEvents>;

/** What the board needs from its connection; the board's tests drive it without a socket. */
export interface BoardConnection {
  onConnect(handler: () => void): void;
  onDisconnect(handler: () => void): void;
  onSnapshot(handler: (snapshot: BoardSnapshot) => void): void;
  onDelta(handler: (delta: BoardDelta) => void): void;
  /** Rejects when the server does not answer in time. */
  requestSnapshot(): Promise<Result<BoardSnapshot>>;
  close(): void;
}

/** Long enough for a snapshot of a large center over a slow link, short enough that a lost answer is retried soon. */
const SNAPSHOT_TIMEOUT_MS = 10_000;

const RECONNECT_DELAY_MS = 1_000;

/**
 * Connects to the server the page came from. A wall screen runs unattended for weeks, so it reconnects forever, backing
 * off from 1 s to 30 s with jitter so that a restarted server is not hit by every screen at the same instant.
 */
export function connectBoard(): BoardConnection {
  const socket: BoardSocket = io({
    reconnection: true,
    reconnectionAttempts: Infinity,
    reconnectionDelay: RECONNECT_DELAY_MS,
    reconnectionDelayMax: 30_000,
    randomizationFactor: 0.5,
  });
  let retry: ReturnType<typeof setTimeout> | undefined;
  socket.on('disconnect', (reason) => {
    // Socket.IO does not retry after the server closed the socket itself (a server shutting down); a wall screen must.
    // The delay keeps a server that keeps closing it from being hammered.
    if (reason === 'io server disconnect') retry = setTimeout(() => socket.connect(), RECONNECT_DELAY_MS);
  });
  return {
    onConnect: (handler) => socket.on('connect', handler),
    onDisconnect: (handler) => socket.on('disconnect', () => handler()),
    onSnapshot: (handler) => socket.on('board:snapshotted', handler),
    onDelta: (handler) => socket.on('board:changed', handler),
    requestSnapshot: () => socket.timeout(SNAPSHOT_TIMEOUT_MS).emitWithAck('board:snapshot'),
    close: () => {
      clearTimeout(retry);
      socket.disconnect();
    },
  };
}
