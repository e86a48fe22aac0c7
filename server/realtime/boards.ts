import type { Socket } from 'socket.io';
import type { BoardSnapshot } from '../contract/board.ts';
import type { ClientEvents, ServerEvents } from '../contract/events.ts';
import type { BoardReader } from '../live/reader.ts';
import type { Logger } from '../log.ts';
import { dispatchCommands, type CommandHandlers } from './commands.ts';
import type { BoardServer } from './io.ts';

/** The commands of the other features (layouts), per socket. */
export type OtherCommands = (socket: Socket<ClientEvents, ServerEvents>) => Omit<CommandHandlers, 'board:snapshot'>;

/**
 * A board gets one snapshot on every (re)connect, cut to what the socket's user may see, then the broadcast deltas. The client's rule: buffer deltas until
 * the snapshot arrives, drop those with seq ≤ snapshot.seq, apply the rest in order, and on a gap (a seq that is not
 * the previous one plus one) ask for a new snapshot with `board:snapshot` and start over from it. A snapshot is the
 * board exactly as of its seq: never behind a delta that was sent before it.
 */
export function serveBoards(
  io: BoardServer,
  reader: BoardReader,
  log: Logger,
  otherCommands: OtherCommands,
  cut: (socket: Socket<ClientEvents, ServerEvents>, snapshot: BoardSnapshot) => BoardSnapshot,
): void {
  io.on('connection', (socket) => {
    const snapshot = () => reader.snapshot().then((whole) => cut(socket, whole));
    snapshot().then(
      (scoped) => socket.emit('board:snapshotted', scoped),
      // The board asks again with board:snapshot; nothing else to do here.
      (error: unknown) => log.warn({ err: (error as Error).message }, 'no snapshot for a new board'),
    );
    dispatchCommands(socket, { 'board:snapshot': snapshot, ...otherCommands(socket) }, log);
  });
}
