import type { ApiAnswer } from '../../api/request.ts';
import { m } from '../../../server/contract/messages/messages.js';

/**
 * What an administration screen shows and edits (a list of users, the retention rules), with the one line of
 * feedback under its title: the server's message when a request failed, as it came, or what the last change did.
 * The server decides who may see it: a 403 on loading marks the screen `denied`.
 */
export class Loaded<T> {
  value = $state.raw<T | null>(null);
  error = $state<string | null>(null);
  status = $state<string | null>(null);
  denied = $state(false);
  readonly #fetch: () => Promise<ApiAnswer<T>>;
  /** The latest load asked for: an earlier one answering after it is stale and ignored. */
  #asked = 0;

  constructor(fetch: () => Promise<ApiAnswer<T>>) {
    this.#fetch = fetch;
  }

  async load(): Promise<void> {
    const asked = ++this.#asked;
    const answer = await this.#fetch();
    if (asked !== this.#asked) return;
    if (answer.result.ok) this.value = answer.result.data;
    else if (answer.status === 403) this.denied = true;
    else this.error = answer.result.error;
  }

  /** What an empty list says: that it is on its way, that it could not be loaded (the error says why), or `empty`. */
  emptyText(empty: string): string {
    if (this.value !== null) return empty;
    return this.error === null ? m.admin_loading() : m.admin_not_loaded();
  }

  /** Sends a change; on success says what `done` makes of the answer and loads again. False when it failed. */
  async change<R>(pending: Promise<ApiAnswer<R>>, done: (data: R) => string): Promise<boolean> {
    this.error = null;
    this.status = null;
    const answer = await pending;
    if (!answer.result.ok) {
      this.error = answer.result.error;
      return false;
    }
    this.status = done(answer.result.data);
    await this.load();
    return true;
  }
}
