import { sendAction } from '../holder/action.ts';
import type { HolderSide } from '../holder/feature.ts';
import { CALLBACK_ERRORS, CALLBACK_MESSAGES, type CallbackView } from '../contract/callbacks.ts';
import { fail, ok, type Result } from '../contract/result.ts';
import type { DomainInput } from '../domain/input.ts';
import { systemTimers, type CancelTimer, type Timers } from '../timers.ts';
import { callbackView, type CallbackRecord } from './store.ts';
import { trackCallback, type CallbackEnd, type TrackedCallback } from './tracker.ts';

/** What a process asks of the AMI lease holder: ring the user's phone, which then dials the caller. */
export interface CallbackRequest {
  readonly callback: CallbackRecord;
  readonly endpoint: string;
  /** The user's phone, as its PBX dials it. */
  readonly phone: string;
}

export interface CallbackHolderDeps extends HolderSide {
  /** The outgoing context the phone's call runs in (CALLBACK_CONTEXT). */
  readonly context: string;
  /** How long the user's phone rings. */
  readonly ringMs: number;
  /** How long a callback may go without an outcome (the claim's lifetime): then it ends as failed. */
  readonly limitMs: number;
  /** A callback ended: record it, free the number, and tell the boards. */
  readonly ended: (record: CallbackRecord) => Promise<void>;
  readonly clock?: () => number;
  readonly timers?: Timers;
}

interface Running {
  readonly record: CallbackRecord;
  readonly endpoint: string;
  tracked: TrackedCallback;
  readonly cancel: CancelTimer;
}

/**
 * The lease holder's side: it originates the user's phone into the outgoing context at the caller's number and
 * follows the call on the AMI (tracker.ts) until its outcome is known. Callbacks live in its memory; one that loses
 * its holder ends with the claim's expiry (store.ts).
 */
export class CallbackHolder {
  private readonly running = new Map<string, Running>();
  private readonly clock: () => number;
  private readonly timers: Timers;

  constructor(private readonly deps: CallbackHolderDeps) {
    this.clock = deps.clock ?? Date.now;
    this.timers = deps.timers ?? systemTimers;
  }

  /** Answers a request, or undefined when this process does not read Asterisk (the one that does answers). */
  handle = async (request: CallbackRequest): Promise<Result<CallbackView> | undefined> => {
    if (!this.deps.isReading()) return undefined;
    const { callback, endpoint, phone } = request;
    if ([...this.running.values()].some((item) => item.record.by === callback.by)) return fail(CALLBACK_ERRORS.busy);
    const uniqueid = `tablica-callback-${callback.id}`;
    // Followed before it is sent: Asterisk's events may come before its answer.
    this.running.set(callback.id, {
      record: callback,
      endpoint,
      tracked: { phone, uniqueid },
      cancel: this.timers.setTimeout(
        () => this.end(callback.id, { result: 'failed', message: CALLBACK_MESSAGES.noOutcome }),
        this.deps.limitMs,
      ),
    });
    const sent = await sendAction(
      this.deps.ami(endpoint),
      'Originate',
      {
        Channel: phone,
        Context: this.deps.context,
        Exten: callback.number,
        Priority: 1,
        Timeout: this.deps.ringMs,
        ChannelId: uniqueid,
        Async: 'true',
      },
      this.deps.log,
    );
    if (!sent.ok) {
      this.forget(callback.id);
      return fail(sent.error);
    }
    return ok(callbackView(callback));
  };

  /** Every input of every PBX read (LiveSource's tap). */
  observe(endpoint: string, input: DomainInput): void {
    if (this.running.size === 0) return;
    if (input.type === 'link') {
      if (!input.up)
        for (const id of this.on(endpoint)) this.end(id, { result: 'failed', message: CALLBACK_MESSAGES.amiDown });
      return;
    }
    if (input.type !== 'event') return;
    for (const id of this.on(endpoint)) {
      const item = this.running.get(id);
      if (!item) continue;
      const step = trackCallback(item.tracked, input.fields);
      if (step.kind === 'moved') item.tracked = step.tracked;
      else if (step.kind === 'ended') this.end(id, step.end);
    }
  }

  /** We stop reading Asterisk: nobody will hear how these calls end. */
  endAll(): void {
    for (const id of [...this.running.keys()]) this.end(id, { result: 'failed', message: CALLBACK_MESSAGES.amiDown });
  }

  private end(id: string, end: CallbackEnd): void {
    const item = this.forget(id);
    if (!item) return;
    const record = { ...item.record, ...end, endedAt: this.clock() };
    this.deps.ended(record).catch((error: unknown) => {
      this.deps.log.warn({ err: (error as Error).message, callback: id }, 'callback outcome not recorded');
    });
  }

  private forget(id: string): Running | undefined {
    const item = this.running.get(id);
    if (!item) return undefined;
    this.running.delete(id);
    item.cancel();
    return item;
  }

  private on(endpoint: string): string[] {
    return [...this.running].filter(([, item]) => item.endpoint === endpoint).map(([id]) => id);
  }
}
