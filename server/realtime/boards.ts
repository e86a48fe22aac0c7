import type { BoardDelta, BoardSnapshot } from '../contract/board.ts';
import type { Logger } from '../log.ts';
import { dispatchCommands, type CommandHandlers } from './commands.ts';
import type { BoardSocket, Transport } from './transport.ts';

/** The commands of the other features (layouts, statistics, chat, monitoring), per socket. */
export type OtherCommands = (socket: BoardSocket) => Omit<CommandHandlers, 'board:snapshot'>;

/** Board data, to some set of boards. */
export interface BoardSink {
  snapshotted(snapshot: BoardSnapshot): void;
  changed(delta: BoardDelta): void;
}

/** Where the lease holder's board data goes: this process's boards, and every other process's. */
export interface BoardFacts {
  readonly local: BoardSink;
  readonly others: BoardSink & {
    /** The seq of the last delta or snapshot relayed, said again every few seconds (see serveBoards). */
    published(seq: number): void;
  };
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
 *
 * A delta relayed while this process's adapter lost its Redis connection never arrives, and its boards would learn of
 * the gap only at the next delta, which may be long in coming. So the lease holder says its last seq every few
 * seconds (`board:published`); a process that has given its boards less sends them all a snapshot from Redis.
 */
export function serveBoards(
  transport: Transport,
  snapshot: () => Promise<BoardSnapshot>,
  log: Logger,
  otherCommands: OtherCommands,
): Boards {
  /** The seq of the last board data given to all of this process's boards (one socket's snapshot does not count). */
  let given = 0;
  const resend = (socket: BoardSocket): void =>
    void snapshot().then(
      (whole) => transport.send(socket, 'board:snapshotted', whole),
      // The board asks again with board:snapshot; nothing else to do here.
      (error: unknown) => log.warn({ err: (error as Error).message }, 'no snapshot for a board'),
    );
  transport.onRelayed((fact, payload) => {
    if (fact === 'board:changed' || fact === 'board:snapshotted') given = (payload as { seq: number }).seq;
  });
  let catchingUp = false;
  transport.onTold('board:published', ({ seq }) => {
    if (seq <= given || catchingUp) return;
    catchingUp = true;
    snapshot()
      .then((whole) => {
        // Nothing newer to give (Redis is behind the holder, or the missed delta arrived meanwhile): the next word
        // from the holder tries again.
        if (whole.seq <= given) return;
        log.info({ given, published: seq }, 'boards missed relayed board data: a snapshot for each');
        given = whole.seq;
        transport.here('board:snapshotted', whole, EVERY_BOARD);
      })
      .catch((error: unknown) => log.warn({ err: (error as Error).message }, 'no snapshot to catch the boards up'))
      .finally(() => (catchingUp = false));
  });
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
export function boardFacts(transport: Transport): BoardFacts {
  return {
    local: {
      snapshotted: (snapshot) => transport.here('board:snapshotted', snapshot, EVERY_BOARD),
      changed: (delta) => transport.here('board:changed', delta, EVERY_BOARD),
    },
    others: {
      snapshotted: (snapshot) => transport.relay('board:snapshotted', snapshot, EVERY_BOARD),
      changed: (delta) => transport.relay('board:changed', delta, EVERY_BOARD),
      published: (seq) => transport.tell('board:published', { seq }),
    },
  };
}
