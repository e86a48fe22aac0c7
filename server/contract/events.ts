import type { BoardDelta, BoardSnapshot } from './board.ts';
import type { Result } from './result.ts';

/**
 * Socket.IO events, defined once for server and browser. Facts the server announces are past tense; commands a
 * client sends are present tense and answered through an acknowledgement with a Result.
 */
export interface ServerEvents {
  /** The whole board: sent on every (re)connect and when a client asks after a gap. */
  'board:snapshotted': (snapshot: BoardSnapshot) => void;
  /** What changed since the previous seq, coalesced. */
  'board:changed': (delta: BoardDelta) => void;
}

export interface ClientEvents {
  /** Ask for a fresh snapshot (after a gap in seq). */
  'board:snapshot': (ack: (result: Result<BoardSnapshot>) => void) => void;
}
