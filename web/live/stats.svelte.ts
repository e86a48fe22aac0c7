import type { StatsInterval, StatsResponse } from '../../server/contract/stats.ts';
import { m } from '../../server/contract/messages/messages.js';
import type { StatsConnection } from './socket.ts';

/**
 * The statistics window of one screen, followed live: every counter of the screen's widgets comes from here. The
 * whole board is watched (every queue), and each widget picks its queues, so one window serves all of them.
 */
export class LiveStats {
  stats = $state.raw<StatsResponse | null>(null);
  error = $state<string | null>(null);
  /** The `since` being watched, as stats:watch takes it. */
  since = $state<string | null>(null);
  /** The interval of the series asked for with it (the screen's charts), if any. */
  #interval: StatsInterval | undefined;
  readonly #connection: StatsConnection;
  readonly #stop: (() => void)[] = [];
  /** Counts watch requests, so that the answer to an older one is not taken for the current window. */
  #generation = 0;
  /**
   * Whether the server watches the asked window for this screen. Until it says so (and after it refused a window,
   * keeping the previous one) the figures it pushes are of another window and are not shown.
   */
  #watching = false;

  constructor(connection: StatsConnection) {
    this.#connection = connection;
    this.#stop.push(
      connection.onConnected(() => {
        if (this.since !== null) void this.#ask(this.since, this.#interval);
      }),
      connection.onStatsUpdated((stats) => {
        if (this.#watching) this.stats = stats;
      }),
    );
  }

  /**
   * Follows a new window, with a series per `interval` when the screen charts one; the figures of the old one are
   * dropped at once, so no screen shows the wrong window.
   */
  watch(since: string, interval?: StatsInterval): void {
    if (since === this.since && interval === this.#interval) return;
    this.since = since;
    this.#interval = interval;
    this.stats = null;
    void this.#ask(since, interval);
  }

  close(): void {
    this.#generation += 1;
    for (const stop of this.#stop) stop();
  }

  async #ask(since: string, interval: StatsInterval | undefined): Promise<void> {
    const generation = ++this.#generation;
    this.#watching = false;
    try {
      const result = await this.#connection.watchStats(since, undefined, interval);
      if (generation !== this.#generation) return;
      if (result.ok) {
        this.stats = result.data;
        this.error = null;
        this.#watching = true;
      } else {
        this.stats = null;
        this.error = result.error;
      }
    } catch {
      if (generation === this.#generation) this.error = m.common_no_answer_retry_on_reconnect();
    }
  }
}
