import type { BoardDelta, BoardSnapshot } from '../contract/board.ts';
import type { Logger } from '../log.ts';
import { dispatchCommands, type CommandHandlers } from './commands.ts';
import type { BoardSocket, Transport } from './transport.ts';

/** The commands of the other features (layouts, statistics, chat, monitoring), per socket. */
export type OtherCommands = (socket: BoardSocket) => Omit<CommandHandlers, 'board:snapshot'>;

/** Board data, to some set of boards. */
interface BoardSink {
  snapshotted(snapshot: BoardSnapshot): void;
  changed(delta: BoardDelta): void;
}

/** Every board socket, each cut to what its viewer may see. */
const EVERY_BOARD = { scoped: 'everyone' } as const;

export interface Boards {
  /** Sends the socket a fresh snapshot (its scope changed). */
  resend(socket: BoardSocket): void;
}

/**
 * A board gets one snapshot on every (re)connect, cut to what the socket's user may see, then the broadcast deltas. The
 * client's rule: buffer deltas until the snapshot arrives, drop those with seq ≤ snapshot.seq, apply the rest in
 * order, and on a gap (a seq that is not the previous one plus one) ask for a new snapshot with `board:snapshot` and
 * start over from it. A snapshot is the board exactly as of its seq: never behind a delta that was sent before it.
 */
export function serveBoards(
  transport: Transport,
  snapshot: () => Promise<BoardSnapshot>,
  log: Logger,
  otherCommands: OtherCommands,
): Boards {
  const resend = (socket: BoardSocket): void =>
    void snapshot().then(
      (whole) => transport.send(socket, 'board:snapshotted', whole),
      // The board asks again with board:snapshot; nothing else to do here.
      (error: unknown) => log.warn({ err: (error as Error).message }, 'no snapshot for a board'),
    );
  transport.onConnection((socket) => {
    resend(socket);
    const asked = async (): Promise<BoardSnapshot> => {
      const cut = transport.cut(socket, 'board:snapshotted', await snapshot());
      if (cut === undefined) throw new Error(`socket ${socket.id} was not admitted`);
      return cut;
    };
    const handlers = { 'board:snapshot': asked, ...otherCommands(socket) };
    dispatchCommands(socket, handlers, log, () => transport.localeOf(socket));
  });
  return { resend };
}

/**
 * Where the publisher's board data goes: this process's boards at once, the other processes' once the data is in
 * Redis (server/live/publisher.ts says when).
 */
export function boardFacts(transport: Transport): { readonly local: BoardSink; readonly others: BoardSink } {
  return {
    local: {
      snapshotted: (snapshot) => transport.here('board:snapshotted', snapshot, EVERY_BOARD),
      changed: (delta) => transport.here('board:changed', delta, EVERY_BOARD),
    },
    others: {
      snapshotted: (snapshot) => transport.relay('board:snapshotted', snapshot, EVERY_BOARD),
      changed: (delta) => transport.relay('board:changed', delta, EVERY_BOARD),
    },
  };
}
