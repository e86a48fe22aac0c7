import type { Redis } from 'ioredis';
import { MONITOR_ERRORS, type MonitorMode, type MonitorSessionView } from '../contract/monitoring.ts';
import { fail, type Result } from '../contract/result.ts';
import type { Logger } from '../log.ts';
import { newId } from '../access/accounts/secrets.ts';

/** What a process asks of the AMI lease holder, which alone talks to Asterisk. */
export type HolderRequest =
  | {
      readonly kind: 'start';
      /** The session as the asking process drafted it (state `ringing`). */
      readonly session: MonitorSessionView;
      readonly endpoint: string;
      /** The supervisor's phone, as Asterisk dials it. */
      readonly phone: string;
      /** The agent's channel name prefix, as ChanSpy takes it. */
      readonly spy: string;
      /** What the supervisor's phone shows: the agent monitored. */
      readonly callerId: string;
    }
  | {
      readonly kind: 'adopt';
      /** A session started from the phone with `#44`: Asterisk runs ChanSpy on the dialling channel itself. */
      readonly session: MonitorSessionView;
      readonly endpoint: string;
      readonly channel: string;
      readonly uniqueid: string;
    }
  | { readonly kind: 'mode'; readonly supervisor: string; readonly mode: MonitorMode }
  | { readonly kind: 'stop'; readonly supervisor: string }
  | { readonly kind: 'end'; readonly id: string };

export type HolderAnswer = Result<MonitorSessionView>;

/** Answers a request, or resolves undefined when this process does not hold the lease (another one answers). */
export type HolderHandler = (request: HolderRequest) => Promise<HolderAnswer | undefined>;

interface Waiting {
  readonly resolve: (answer: HolderAnswer) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * Requests to the lease holder and its answers, over two Redis pub/sub channels: every process hears every request
 * and only the holder answers; the answer finds its asker by the request's id. When nobody answers in time, no process
 * reads Asterisk: the asker is told so.
 */
export class MonitorBus {
  private readonly waiting = new Map<string, Waiting>();
  private handler: HolderHandler | undefined;

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly channels: { readonly requests: string; readonly replies: string },
    private readonly log: Logger,
    private readonly timeoutMs = 5_000,
  ) {
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === channels.requests) this.onRequest(message);
      else if (channel === channels.replies) this.onReply(message);
    });
  }

  async start(handler: HolderHandler): Promise<void> {
    this.handler = handler;
    await this.subscriber.subscribe(this.channels.requests, this.channels.replies);
  }

  ask(request: HolderRequest): Promise<HolderAnswer> {
    const id = newId();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        resolve(fail(MONITOR_ERRORS.amiDown));
      }, this.timeoutMs);
      this.waiting.set(id, { resolve, timer });
      this.publisher.publish(this.channels.requests, JSON.stringify({ id, request })).catch((error: unknown) => {
        this.log.warn({ err: (error as Error).message }, 'monitoring request not sent');
        this.settle(id, fail(MONITOR_ERRORS.amiDown));
      });
    });
  }

  close(): void {
    for (const id of [...this.waiting.keys()]) this.settle(id, fail(MONITOR_ERRORS.amiDown));
  }

  private onRequest(message: string): void {
    const { id, request } = JSON.parse(message) as { id: string; request: HolderRequest };
    void this.handler?.(request).then(
      (answer) => (answer ? this.reply(id, answer) : undefined),
      (error: unknown) => {
        this.log.warn({ err: (error as Error).message, kind: request.kind }, 'monitoring request failed');
        return this.reply(id, fail('monitoring failed, try again'));
      },
    );
  }

  private async reply(id: string, answer: HolderAnswer): Promise<void> {
    await this.publisher.publish(this.channels.replies, JSON.stringify({ id, answer })).catch((error: unknown) => {
      this.log.warn({ err: (error as Error).message }, 'monitoring answer not sent');
    });
  }

  private onReply(message: string): void {
    const { id, answer } = JSON.parse(message) as { id: string; answer: HolderAnswer };
    this.settle(id, answer);
  }

  private settle(id: string, answer: HolderAnswer): void {
    const waiting = this.waiting.get(id);
    if (!waiting) return;
    this.waiting.delete(id);
    clearTimeout(waiting.timer);
    waiting.resolve(answer);
  }
}
