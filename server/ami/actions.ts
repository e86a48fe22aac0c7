import type { AmiFields } from '../domain/input.ts';
import { single } from './field-check.ts';
import { AmiResponseError, AmiUnavailableError, type ListResult } from './types.ts';

interface Pending {
  readonly name: string;
  readonly list: boolean;
  readonly timer: NodeJS.Timeout;
  readonly resolve: (value: AmiFields | ListResult) => void;
  readonly reject: (error: Error) => void;
  response?: AmiFields;
  readonly items: AmiFields[];
}

/**
 * Actions awaiting their answer, by ActionID. Every entry leaves the table exactly once — answered, timed out, or
 * rejected by rejectAll() on disconnect — and clears its timer then, so nothing leaks. The table is bounded: past
 * `maxPending` new actions are refused instead of queued.
 */
export class PendingActions {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly timeoutMs: number,
    private readonly maxPending: number,
  ) {}

  get size(): number {
    return this.pending.size;
  }

  /** Registers an action before it is written; the promise settles with its response (or list). */
  add(id: string, name: string, list: true, timeoutMs?: number): Promise<ListResult>;
  add(id: string, name: string, list: false, timeoutMs?: number): Promise<AmiFields>;
  add(id: string, name: string, list: boolean, timeoutMs = this.timeoutMs): Promise<AmiFields | ListResult> {
    if (this.pending.size >= this.maxPending) {
      return Promise.reject(new AmiUnavailableError(`${name}: ${this.maxPending} actions already pending`));
    }
    return new Promise((resolve, reject) => {
      // A list's timeout restarts with each item (timer.refresh), so a long list that keeps flowing is not cut off.
      const timer = setTimeout(() => {
        this.settle(id)?.reject(new AmiUnavailableError(`${name}: no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { name, list, timer, resolve, reject, items: [] });
    });
  }

  /** A response with an ActionID; false when it is not ours (or no longer awaited). */
  onResponse(id: string, response: AmiFields): boolean {
    const entry = this.pending.get(id);
    if (!entry) return false;
    if (single(response, 'response')?.toLowerCase() === 'error') {
      this.settle(id)?.reject(new AmiResponseError(entry.name, response));
    } else if (!entry.list) {
      this.settle(id)?.resolve(response);
    } else if (single(response, 'eventlist')?.toLowerCase() !== 'start') {
      this.settle(id)?.reject(
        new AmiResponseError(entry.name, { ...response, message: 'did not start an event list' }),
      );
    } else {
      entry.response = response;
      entry.timer.refresh();
    }
    return true;
  }

  /** An event with an ActionID; true when it belongs to one of our pending lists (an item or its end). */
  onListEvent(id: string, event: AmiFields): boolean {
    const entry = this.pending.get(id);
    if (!entry?.list) return false;
    if (single(event, 'eventlist')?.toLowerCase() === 'complete') {
      const response = entry.response ?? {};
      this.settle(id)?.resolve({ response, items: entry.items, complete: event });
    } else {
      entry.items.push(event);
      entry.timer.refresh();
    }
    return true;
  }

  /** Rejects everything pending, e.g. on disconnect. */
  rejectAll(error: Error): void {
    for (const id of [...this.pending.keys()]) this.settle(id)?.reject(error);
  }

  private settle(id: string): Pending | undefined {
    const entry = this.pending.get(id);
    if (!entry) return undefined;
    clearTimeout(entry.timer);
    this.pending.delete(id);
    return entry;
  }
}
