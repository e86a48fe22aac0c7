import type { BoardSnapshot } from '../../server/contract/board.ts';
import { applyOps, entitiesFromSnapshot, type BoardEntities } from './board-entities.ts';
import { BoardSync } from './board-sync.ts';
import { ticker } from '../time/ticker.ts';
import type { BoardConnection } from './socket.ts';

export interface BoardOptions {
  /** Runs a render of what arrived since the last one; the browser's next animation frame by default. */
  scheduleFrame?: (render: () => void) => void;
  /** The clock ticking values are computed from. */
  clock?: { readonly now: number };
  /** Wait before asking again for a snapshot the server did not give. */
  retryMs?: number;
}

/**
 * The live board of one browser: the server's entities as of the last snapshot and deltas, and whether they are
 * current. Everything the socket brings is sequenced and coalesced at once (BoardSync), but put on screen at most
 * once per animation frame, so a burst of deltas costs one render.
 */
export class Board {
  /** Null until the first snapshot: the screen says "Connecting…" rather than showing an empty center. */
  entities = $state.raw<BoardEntities | null>(null);
  /** Whether the socket is up now. */
  connected = $state(false);
  /** Server time (epoch ms) from which the board may be out of date: the connection was lost then. Null when live. */
  staleSince = $state<number | null>(null);
  /** Server clock minus browser clock, from the last snapshot: ticking values follow the server's clock. */
  #offsetMs = $state(0);

  readonly #connection: BoardConnection;
  readonly #sync: BoardSync;
  readonly #scheduleFrame: (render: () => void) => void;
  readonly #clock: { readonly now: number };
  readonly #retryMs: number;
  /** Counts connections, so that an answer to an old connection's request is not taken for the new one's. */
  #generation = 0;
  #frameRequested = false;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  constructor(connection: BoardConnection, options: BoardOptions = {}) {
    this.#connection = connection;
    this.#scheduleFrame = options.scheduleFrame ?? ((render) => requestAnimationFrame(render));
    this.#clock = options.clock ?? ticker;
    this.#retryMs = options.retryMs ?? 2_000;
    this.#sync = new BoardSync(() => void this.#fetchSnapshot(this.#generation));
    connection.onConnect(() => {
      this.connected = true;
    });
    connection.onDisconnect(() => {
      this.#generation += 1;
      clearTimeout(this.#retryTimer);
      this.connected = false;
      this.#sync.disconnected();
      this.staleSince ??= Date.now() + this.#offsetMs;
    });
    connection.onSnapshot((snapshot) => this.#receiveSnapshot(snapshot));
    connection.onDelta((delta) => {
      this.#sync.delta(delta);
      this.#requestRender();
    });
  }

  /** Server time now (epoch ms), ticking once a second. */
  get now(): number {
    return this.#clock.now + this.#offsetMs;
  }

  close(): void {
    this.#closed = true;
    this.#generation += 1;
    clearTimeout(this.#retryTimer);
    this.#connection.close();
  }

  #receiveSnapshot(snapshot: BoardSnapshot): void {
    this.#offsetMs = Date.parse(snapshot.at) - Date.now();
    this.#sync.snapshot(snapshot);
    this.#requestRender();
  }

  async #fetchSnapshot(generation: number): Promise<void> {
    try {
      const result = await this.#connection.requestSnapshot();
      // Another snapshot may have closed the gap meanwhile; this answer would only take the board back.
      if (generation !== this.#generation || this.#sync.inSync) return;
      if (result.ok) {
        this.#receiveSnapshot(result.data);
        return;
      }
    } catch {
      // No answer in time: asked again below, like a refusal.
    }
    if (generation !== this.#generation || this.#sync.inSync) return;
    this.#retryTimer = setTimeout(() => void this.#fetchSnapshot(generation), this.#retryMs);
  }

  #requestRender(): void {
    if (this.#frameRequested || this.#closed || !this.#sync.hasUpdate) return;
    this.#frameRequested = true;
    this.#scheduleFrame(() => {
      this.#frameRequested = false;
      if (!this.#closed) this.#render();
    });
  }

  #render(): void {
    const update = this.#sync.take();
    if (!update) return;
    const base = update.snapshot ? entitiesFromSnapshot(update.snapshot) : this.entities;
    if (!base) return;
    this.entities = applyOps(base, update.ops);
    if (update.snapshot) this.staleSince = null;
  }
}
