import { createBackoff } from '../ami/backoff.ts';
import { Gate } from '../gate.ts';
import type { Logger } from '../log.ts';
import type { PendingRecording } from './store.ts';

/** Runs `run` after `ms`; returns a cancel. Tests drive it by hand instead of sleeping. */
export type Timer = (ms: number, run: () => void) => () => void;

export const realTimer: Timer = (ms, run) => {
  const timer = setTimeout(run, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

export interface ConversionOptions {
  /** Converts one recording; a rejection is logged and the recording tried again later. */
  readonly convert: (job: PendingRecording) => Promise<void>;
  /** Conversions running at once (each is one `lame` process). */
  readonly concurrency: number;
  readonly log: Logger;
  readonly timer?: Timer;
  /** Retry delays: doubling from `minMs` up to `maxMs` (default 1 s to 5 min). */
  readonly retry?: { readonly minMs: number; readonly maxMs: number };
}

/**
 * The recordings waiting for their MP3, each converted once at a time: at most `concurrency` at once, a failed one
 * again after a growing delay (the WAV stays where it is until one succeeds), forever — a WAV is never given up.
 */
export class Conversions {
  private readonly gate: Gate;
  /** Call ids queued, running or waiting for a retry: a recording added twice is converted once. */
  private readonly known = new Map<string, { readonly retry: ReturnType<typeof createBackoff>; cancel?: () => void }>();
  private readonly timer: Timer;
  private running = 0;
  /** Attempts waiting for a slot of the gate. */
  private waiting = 0;
  private idleWaiters: (() => void)[] = [];
  private closed = false;

  constructor(private readonly options: ConversionOptions) {
    this.gate = new Gate({
      running: options.concurrency,
      waiting: Number.MAX_SAFE_INTEGER,
      refused: () => new Error('unreachable'),
    });
    this.timer = options.timer ?? realTimer;
  }

  add(job: PendingRecording): void {
    if (this.closed || this.known.has(job.callId)) return;
    this.known.set(job.callId, { retry: createBackoff(this.options.retry ?? { minMs: 1_000, maxMs: 300_000 }) });
    this.attempt(job);
  }

  /** Conversions now running (never more than `concurrency`). */
  get active(): number {
    return this.running;
  }

  /** Recordings not yet converted, running or waiting. */
  get size(): number {
    return this.known.size;
  }

  /** Resolves when nothing runs (retries may still be waiting for their time). */
  idle(): Promise<void> {
    return this.running + this.waiting === 0
      ? Promise.resolve()
      : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    for (const entry of this.known.values()) entry.cancel?.();
    this.known.clear();
  }

  private attempt(job: PendingRecording): void {
    this.waiting++;
    void this.gate.run(async () => {
      this.waiting--;
      this.running++;
      try {
        await this.options.convert(job);
        this.known.delete(job.callId);
      } catch (error) {
        this.failed(job, error as Error);
      } finally {
        this.running--;
        if (this.running + this.waiting === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
      }
    });
  }

  private failed(job: PendingRecording, error: Error): void {
    const entry = this.known.get(job.callId);
    if (!entry || this.closed) return;
    const delayMs = entry.retry.next();
    this.options.log.warn(
      { callId: job.callId, wav: job.wav, err: error.message, retryInMs: delayMs },
      'recording not converted, will try again',
    );
    entry.cancel = this.timer(delayMs, () => {
      entry.cancel = undefined;
      if (this.known.get(job.callId) === entry) this.attempt(job);
    });
  }
}
