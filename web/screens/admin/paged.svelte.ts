import { m } from '../../../server/contract/messages/messages.js';
import type { ApiAnswer } from '../../api/request.ts';
import { formatCount } from '../../display/format.ts';
import { Loaded } from './loaded.svelte.ts';

/** Which lines of a history to read: `limit` of them from the `offset`th newest. */
export interface PageRequest {
  limit: number;
  offset: number;
}

/**
 * A history read a page of `size` lines at a time, newest first (the action log, the alerts' and the monitoring
 * sessions' histories): which page is shown, and when it was loaded, which is what its times are shown against.
 */
export class Paged<T extends { total: number }> extends Loaded<T> {
  /** When the page was last loaded. */
  now = $state(Date.now());
  readonly #page: { offset: number };

  constructor(
    readonly size: number,
    fetch: (page: PageRequest) => Promise<ApiAnswer<T>>,
  ) {
    const page = $state({ offset: 0 });
    super(() => fetch({ limit: size, offset: page.offset }));
    this.#page = page;
  }

  /** The first line of the page shown (0: the newest). */
  get offset(): number {
    return this.#page.offset;
  }

  override async load(): Promise<void> {
    await super.load();
    this.now = Date.now();
  }

  /** Moves a page towards the newer (-1) or the older (+1) lines. */
  async turn(direction: -1 | 1): Promise<void> {
    this.#page.offset = Math.max(0, this.#page.offset + direction * this.size);
    await this.load();
  }
}

/** Which lines a page of a history shows, "21–40 of 57"; "0 of 0" when there are none. */
export function pageLabel(offset: number, shown: number, total: number): string {
  const count = formatCount(total);
  if (shown === 0) return m.admin_monitoring_page_empty({ total: count });
  return m.admin_monitoring_page({ first: formatCount(offset + 1), last: formatCount(offset + shown), total: count });
}
