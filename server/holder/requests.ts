import { randomBytes } from 'node:crypto';
import type { Redis } from '../redis-client.ts';
import { fail, type Result } from '../contract/result.ts';
import type { Logger } from '../log.ts';
import { systemTimers, type CancelTimer, type Timers } from '../timers.ts';

/** What the asker is told when no process answers in time: none reads Asterisk now (no lease holder, or AMI down). */
export const HOLDER_UNAVAILABLE = 'No server is connected to Asterisk right now: try again in a moment.';

/**
 * The lease holder's side of one topic: the answer to a request, or undefined when this process does not hold the
 * AMI lease (the process that does answers instead). A throw is answered with the topic's `failed` message.
 */
export type HolderHandler<Request, Answer> = (request: Request) => Promise<Result<Answer> | undefined>;

export interface TopicOptions {
  /** Told when nobody answers in time or the request could not be sent (default HOLDER_UNAVAILABLE). */
  readonly unavailable?: string;
  /** Told when the holder's handler threw (default: "<topic> failed: try again."). */
  readonly failed?: string;
}

/** One feature's requests to the lease holder: `ask` from any process, `serve` on every process. */
export interface HolderTopic<Request, Answer> {
  ask(request: Request): Promise<Result<Answer>>;
  serve(handler: HolderHandler<Request, Answer>): void;
}

export interface HolderRequestsOptions {
  readonly publisher: Redis;
  /** A connection of its own: it only subscribes to the two channels. */
  readonly subscriber: Redis;
  readonly channels: { readonly requests: string; readonly replies: string };
  readonly log: Logger;
  /** How long an asker waits for the holder's answer (default 5 s). */
  readonly timeoutMs?: number;
  readonly timers?: Timers;
}

interface Topic {
  readonly options: TopicOptions;
  handler?: HolderHandler<unknown, unknown>;
}

interface Waiting {
  readonly resolve: (answer: Result<unknown>) => void;
  readonly cancel: CancelTimer;
  readonly unavailable: string;
}

/**
 * Requests to the AMI lease holder, which alone talks to Asterisk, and its answers, over two Redis pub/sub channels:
 * every process hears every request and only the holder's handler answers; an answer finds its asker by the request's
 * id. When nobody answers in time, no process reads Asterisk, and the asker is told so. Features share the channels,
 * each under a topic of its own.
 */
export class HolderRequests {
  private readonly waiting = new Map<string, Waiting>();
  private readonly topics = new Map<string, Topic>();
  private readonly timers: Timers;
  private readonly timeoutMs: number;

  constructor(private readonly options: HolderRequestsOptions) {
    this.timers = options.timers ?? systemTimers;
    this.timeoutMs = options.timeoutMs ?? 5_000;
    options.subscriber.on('message', (channel: string, message: string) => {
      if (channel === options.channels.requests) this.onRequest(message);
      else if (channel === options.channels.replies) this.onReply(message);
    });
  }

  /** A feature's topic; its name is unique among the features of a process. */
  topic<Request, Answer>(name: string, options: TopicOptions = {}): HolderTopic<Request, Answer> {
    if (this.topics.has(name)) throw new Error(`holder topic ${name} is taken`);
    const topic: Topic = { options };
    this.topics.set(name, topic);
    return {
      ask: (request) => this.ask(name, request, options.unavailable ?? HOLDER_UNAVAILABLE) as Promise<Result<Answer>>,
      serve: (handler) => {
        topic.handler = handler as HolderHandler<unknown, unknown>;
      },
    };
  }

  /** Subscribes to the channels: from then on this process asks and, while it holds the lease, answers. */
  async start(): Promise<void> {
    await this.options.subscriber.subscribe(this.options.channels.requests, this.options.channels.replies);
  }

  /** Every asker still waiting is told the holder is unavailable. */
  close(): void {
    for (const [id, waiting] of [...this.waiting]) this.settle(id, fail(waiting.unavailable));
  }

  private ask(topic: string, request: unknown, unavailable: string): Promise<Result<unknown>> {
    const id = randomBytes(9).toString('base64url');
    return new Promise((resolve) => {
      const cancel = this.timers.setTimeout(() => this.settle(id, fail(unavailable)), this.timeoutMs);
      this.waiting.set(id, { resolve, cancel, unavailable });
      this.options.publisher
        .publish(this.options.channels.requests, JSON.stringify({ id, topic, request }))
        .catch((error: unknown) => {
          this.options.log.warn({ err: (error as Error).message, topic }, 'holder request not sent');
          this.settle(id, fail(unavailable));
        });
    });
  }

  private onRequest(message: string): void {
    const parsed = this.parse<{ id: string; topic: string; request: unknown }>(message);
    if (!parsed) return;
    const { id, topic: name, request } = parsed;
    const topic = this.topics.get(name);
    if (!topic?.handler) return;
    void topic.handler(request).then(
      (answer) => (answer ? this.reply(id, answer) : undefined),
      (error: unknown) => {
        this.options.log.warn({ err: (error as Error).message, topic: name }, 'holder request failed');
        return this.reply(id, fail(topic.options.failed ?? `${name} failed: try again.`));
      },
    );
  }

  private async reply(id: string, answer: Result<unknown>): Promise<void> {
    await this.options.publisher
      .publish(this.options.channels.replies, JSON.stringify({ id, answer }))
      .catch((error: unknown) => this.options.log.warn({ err: (error as Error).message }, 'holder answer not sent'));
  }

  private onReply(message: string): void {
    const parsed = this.parse<{ id: string; answer: Result<unknown> }>(message);
    if (parsed) this.settle(parsed.id, parsed.answer);
  }

  /** Only processes of this board publish here; anything else on the channel is dropped, not thrown. */
  private parse<T>(message: string): T | undefined {
    try {
      return JSON.parse(message) as T;
    } catch {
      this.options.log.warn({ message: message.slice(0, 200) }, 'holder channel message is not JSON');
      return undefined;
    }
  }

  private settle(id: string, answer: Result<unknown>): void {
    const waiting = this.waiting.get(id);
    if (!waiting) return;
    this.waiting.delete(id);
    waiting.cancel();
    waiting.resolve(answer);
  }
}
