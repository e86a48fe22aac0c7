import type { AbandonedCallersView } from '../../server/contract/callbacks.ts';
import { unanswered } from './unanswered.ts';
import type { CallersConnection } from './socket.ts';
import { offered } from './offered.ts';

/**
 * Today's abandoned callers as the server shows them to this screen, live: asked for (callers:watch) once a widget or
 * the screen shows them and again on every reconnect, then replaced by each callers:updated. "Call back" sends the
 * click; the server decides it, and its refusal is shown word for word beside the caller.
 */
export class AbandonedCallers {
  view = $state.raw<AbandonedCallersView | null>(null);
  /** Whether the server offers this user "Call back" (a wall TV: never). */
  mayCallBack = $state(false);
  error = $state<string | null>(null);
  /** The last refusal of a Call back, with the caller it names. */
  message = $state.raw<{ id: string; text: string } | null>(null);
  /** The caller whose Call back is on its way to the server. */
  pending = $state<string | null>(null);
  readonly #connection: CallersConnection;
  readonly #stop: (() => void)[] = [];
  #followers = 0;

  constructor(connection: CallersConnection) {
    this.#connection = connection;
    this.#stop.push(
      connection.onConnected(() => {
        if (this.#followers > 0) void this.#watch();
      }),
      connection.onCallersUpdated((view) => {
        this.view = view;
      }),
    );
  }

  /** A widget or screen shows the list: it is watched from now on. */
  follow(): void {
    this.#followers += 1;
    if (this.#followers === 1 && this.#connection.connected) void this.#watch();
  }

  async callBack(id: string): Promise<void> {
    this.pending = id;
    this.message = null;
    const answer = await this.#connection.callBack(id).catch(unanswered);
    this.pending = null;
    if (!answer.ok) this.message = { id, text: answer.error };
  }

  close(): void {
    for (const stop of this.#stop) stop();
  }

  async #watch(): Promise<void> {
    const answer = await this.#connection.watchCallers().catch(unanswered);
    if (!answer.ok) {
      this.error = answer.error;
      return;
    }
    this.error = null;
    const { mayCallBack, ...view } = answer.data;
    this.mayCallBack = mayCallBack;
    this.view = view;
  }
}

const context = offered<AbandonedCallers>('abandoned-callers');

/** The workspace and a wall TV hand the list to the widgets under them. */
export const provideCallers = context.provide;
export const callersOf = context.find;
