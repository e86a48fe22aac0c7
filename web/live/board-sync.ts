import type { BoardDelta, BoardOp, BoardSnapshot } from '../../server/contract/board.ts';
import { opKey } from './board-entities.ts';

/** What changed since the last render: a new snapshot to start from (or none), then ops on top of it. */
export interface BoardUpdate {
  snapshot: BoardSnapshot | null;
  ops: BoardOp[];
}

/**
 * Deltas a board keeps while it cannot apply them (no snapshot yet, or one asked for after a gap). A delta older
 * than what the next snapshot covers is useless anyway, so past this many the oldest are dropped; the worst that
 * can happen is one more gap and one more snapshot.
 */
export const MAX_HELD_DELTAS = 5_000;

/**
 * Orders what the server sends into updates a board can render: a snapshot, then deltas with consecutive `seq`.
 * Deltas that arrive before the snapshot are held and those it already covers are dropped; a gap holds everything
 * from the gap on and asks (once) for a new snapshot. Between two renders, ops are coalesced per entity: each op
 * carries its whole entity, so only the last one on an entity counts.
 */
export class BoardSync {
  /** Seq of the last snapshot or delta taken in on this connection; null until its first snapshot. */
  #seq: number | null = null;
  #held: BoardDelta[] = [];
  #awaitingSnapshot = false;
  #pendingSnapshot: BoardSnapshot | null = null;
  #pendingOps = new Map<string, BoardOp>();
  readonly #askSnapshot: () => void;

  /** `askSnapshot` is called on a gap; its answer comes back through `snapshot()`. */
  constructor(askSnapshot: () => void) {
    this.#askSnapshot = askSnapshot;
  }

  /** True while the board shows the server's state as of the last delta (a snapshot in hand, no gap). */
  get inSync(): boolean {
    return this.#seq !== null && !this.#awaitingSnapshot;
  }

  /** Whether anything waits to be rendered. */
  get hasUpdate(): boolean {
    return this.#pendingSnapshot !== null || this.#pendingOps.size > 0;
  }

  /**
   * A snapshot replaces everything, whatever its seq: the server sends one when its seq starts over (another process
   * took over reading Asterisk), and the deltas that follow count from it.
   */
  snapshot(snapshot: BoardSnapshot): void {
    this.#seq = snapshot.seq;
    this.#awaitingSnapshot = false;
    this.#pendingSnapshot = snapshot;
    this.#pendingOps.clear();
    const held = this.#held.sort((a, b) => a.seq - b.seq);
    this.#held = [];
    for (const delta of held) this.delta(delta);
  }

  delta(delta: BoardDelta): void {
    if (this.#seq === null || this.#awaitingSnapshot) {
      this.#hold(delta);
      return;
    }
    if (delta.seq <= this.#seq) return;
    if (delta.seq > this.#seq + 1) {
      this.#hold(delta);
      this.#awaitingSnapshot = true;
      this.#askSnapshot();
      return;
    }
    this.#seq = delta.seq;
    for (const op of delta.ops) this.#pendingOps.set(opKey(op), op);
  }

  /** The connection is gone: the server sends a new snapshot on reconnect and counts seq afresh. */
  disconnected(): void {
    this.#seq = null;
    this.#held = [];
    this.#awaitingSnapshot = false;
  }

  /** Everything to render since the last call, or null when nothing changed. */
  take(): BoardUpdate | null {
    if (!this.hasUpdate) return null;
    const update = { snapshot: this.#pendingSnapshot, ops: [...this.#pendingOps.values()] };
    this.#pendingSnapshot = null;
    this.#pendingOps.clear();
    return update;
  }

  #hold(delta: BoardDelta): void {
    this.#held.push(delta);
    if (this.#held.length > MAX_HELD_DELTAS) this.#held.splice(0, this.#held.length - MAX_HELD_DELTAS);
  }
}
