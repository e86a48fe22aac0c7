import type { Layout } from '../../server/contract/layout.ts';
import type { LayoutConnection } from './socket.ts';

/**
 * Which of two versions of a layout to keep: the ack of layout:watch and layout:saved may bring the same save in
 * either order, so the higher revision wins and an equal one changes nothing.
 */
export function newerLayout(current: Layout | null, incoming: Layout): Layout | null {
  if (current !== null && incoming.id !== current.id) return null;
  if (current !== null && incoming.revision <= current.revision) return null;
  return incoming;
}

/** One layout followed live: asked for now (or on the connect) and on every reconnect, replaced on every save. */
export class LiveLayout {
  layout = $state.raw<Layout | null>(null);
  error = $state<string | null>(null);
  deleted = $state(false);
  readonly id: string;
  readonly #stop: (() => void)[] = [];
  #closed = false;

  constructor(connection: LayoutConnection, id: string) {
    this.id = id;
    const watch = (): void => void this.#watch(connection);
    this.#stop.push(
      connection.onConnected(watch),
      connection.onLayoutSaved((layout) => this.#take(layout)),
      connection.onLayoutDeleted(({ id: gone }) => {
        if (gone === this.id) this.deleted = true;
      }),
    );
    if (connection.connected) watch();
  }

  close(): void {
    this.#closed = true;
    for (const stop of this.#stop) stop();
  }

  async #watch(connection: LayoutConnection): Promise<void> {
    try {
      const result = await connection.watchLayout(this.id);
      if (this.#closed) return;
      if (result.ok) this.#take(result.data);
      else this.error = result.error;
    } catch {
      // No answer in time: the next connect asks again.
    }
  }

  #take(layout: Layout): void {
    if (layout.id !== this.id) return;
    const next = newerLayout(this.layout, layout);
    if (!next) return;
    this.layout = next;
    this.error = null;
    this.deleted = false;
  }
}
