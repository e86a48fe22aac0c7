import { randomUUID } from 'node:crypto';
import type { Webhook } from '../contract/alerts.ts';
import type { Locale } from '../contract/locale.ts';
import { createBackoff, type Backoff } from '../ami/backoff.ts';
import type { Logger } from '../log.ts';
import { systemTimers, type CancelTimer, type Timers } from '../timers.ts';
import type { Transition } from './evaluate.ts';
import { payloadOf, signatureHeaders } from './payload.ts';

export interface SenderOptions {
  readonly log: Logger;
  /** The language of the sentences (DEFAULT_LOCALE, else English). */
  readonly locale: Locale;
  readonly timers?: Timers;
  /** Wall-clock epoch ms, for the signature's timestamp. */
  readonly clock?: () => number;
  /** The first retry's delay, doubling up to `maxRetryMs` (default 1 s, 60 s). */
  readonly minRetryMs?: number;
  readonly maxRetryMs?: number;
  /** Attempts of one delivery before it is given up (default 8: about four minutes of retries). */
  readonly attempts?: number;
  /** Deliveries kept at once, waiting, sending or between retries (default 1,000); more are dropped and logged. */
  readonly capacity?: number;
  /** Requests in flight at once (default 4). */
  readonly concurrency?: number;
  /** How long one request may take (default 10 s). */
  readonly timeoutMs?: number;
}

interface Job {
  readonly webhook: Webhook;
  readonly id: string;
  readonly transition: Transition;
  readonly backoff: Backoff;
  attempt: number;
}

/** A status worth trying again: the receiver is down or busy, not refusing the request. */
const retryable = (status: number): boolean => status >= 500 || status === 408 || status === 429;

/**
 * Sends alerts to webhooks off the AMI loop: `enqueue` only queues, and a bounded pool posts, each delivery signed
 * and retried with exponential back-off (jittered) on a network error or a 5xx, 408 or 429. A redirect is not
 * followed (it could lead the request elsewhere than the administrator set). Every attempt of one delivery carries the
 * same `X-Tablica-Delivery` id, so that a receiver can tell a retry from a new alert.
 */
export class WebhookSender {
  private readonly timers: Timers;
  private readonly clock: () => number;
  private readonly waiting: Job[] = [];
  private readonly retries = new Map<Job, CancelTimer>();
  private running = 0;
  private closed = false;

  constructor(private readonly options: SenderOptions) {
    this.timers = options.timers ?? systemTimers;
    this.clock = options.clock ?? Date.now;
  }

  /** Deliveries kept now (waiting, sending or between retries). */
  get size(): number {
    return this.waiting.length + this.retries.size + this.running;
  }

  enqueue(webhook: Webhook, transition: Transition): void {
    if (this.closed) return;
    if (this.size >= (this.options.capacity ?? 1_000)) {
      this.options.log.warn(
        { webhook: webhook.name, rule: transition.alert.ruleId },
        'webhook queue full: alert dropped',
      );
      return;
    }
    const backoff = createBackoff({
      minMs: this.options.minRetryMs ?? 1_000,
      maxMs: this.options.maxRetryMs ?? 60_000,
    });
    this.waiting.push({ webhook, id: randomUUID(), transition, backoff, attempt: 0 });
    this.pump();
  }

  close(): void {
    this.closed = true;
    this.waiting.length = 0;
    for (const cancel of this.retries.values()) cancel();
    this.retries.clear();
  }

  private pump(): void {
    while (!this.closed && this.running < (this.options.concurrency ?? 4) && this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      this.running += 1;
      void this.attempt(job).finally(() => {
        this.running -= 1;
        this.pump();
      });
    }
  }

  private async attempt(job: Job): Promise<void> {
    job.attempt += 1;
    const { webhook } = job;
    const at = this.clock();
    const body = payloadOf(webhook.format, job.transition, { id: job.id, at }, this.options.locale);
    let problem: string;
    let again: boolean;
    try {
      const response = await fetch(webhook.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'Tablica',
          'X-Tablica-Event': `alert.${job.transition.kind}`,
          'X-Tablica-Delivery': job.id,
          ...signatureHeaders(webhook.secret, body, at),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      await response.body?.cancel();
      if (response.ok) return;
      problem = `HTTP ${response.status}`;
      again = retryable(response.status);
    } catch (error) {
      problem = (error as Error).message;
      again = true;
    }
    const context = { webhook: webhook.name, delivery: job.id, attempt: job.attempt, problem };
    if (!again || job.attempt >= (this.options.attempts ?? 8) || this.closed) {
      this.options.log.warn(context, 'webhook delivery given up');
      return;
    }
    this.options.log.info(context, 'webhook delivery failed; trying again');
    this.retries.set(
      job,
      this.timers.setTimeout(() => {
        this.retries.delete(job);
        this.waiting.push(job);
        this.pump();
      }, job.backoff.next()),
    );
  }
}
