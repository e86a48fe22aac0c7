import type { AlertsView } from '../contract/alerts.ts';
import type { Logger } from '../log.ts';
import { evaluate, type FigureOf, type Transition } from './evaluate.ts';
import type { WebhookSender } from './sender.ts';
import type { AlertStore } from './store.ts';

export interface RunnerOptions {
  readonly store: AlertStore;
  /** Whether this process holds the AMI lease: only it evaluates, so one process raises and sends. */
  readonly isReading: () => boolean;
  /** The figures now (the statistics' today and the board). */
  readonly figures: () => Promise<FigureOf>;
  readonly sender: Pick<WebhookSender, 'enqueue'>;
  /** Tells every board the alerts raised now. */
  readonly publish: (view: AlertsView) => void;
  /** Wall-clock epoch ms. */
  readonly clock: () => number;
  readonly log: Logger;
}

/**
 * Evaluates every rule when asked (after each statistics write and on a steady tick), on the lease holder only. A
 * request during an evaluation runs one more right after it, never two at once. Raises and clears go through Redis
 * atomically (AlertStore), so even two processes that both believed they held the lease would send each once.
 */
export class AlertRunner {
  private pending = new Map<string, number>();
  private running: Promise<void> | undefined;
  private again = false;
  private failing = false;

  constructor(private readonly options: RunnerOptions) {}

  /** Evaluates soon; resolves when an evaluation that started after this call ended. */
  request(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => (this.running = undefined));
    return this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.evaluateOnce();
        this.failing = false;
      } catch (error) {
        if (!this.failing)
          this.options.log.warn({ err: (error as Error).message }, 'alerts not evaluated; trying again');
        this.failing = true;
      }
    } while (this.again);
  }

  /** One evaluation of every rule; resolves with the raises and clears this process made. */
  async evaluateOnce(): Promise<Transition[]> {
    const { store } = this.options;
    if (!this.options.isReading()) {
      // Another process evaluates: its conditions' durations are its own.
      this.pending.clear();
      return [];
    }
    const [rules, active, figureOf] = await Promise.all([store.rules(), store.active(), this.options.figures()]);
    const now = this.options.clock();
    const { transitions, pending } = evaluate(rules, figureOf, active, this.pending, now);
    this.pending = pending;
    if (transitions.length === 0) return [];
    const webhooks = new Map((await store.webhooks()).map((webhook) => [webhook.id, webhook]));
    const byId = new Map(rules.map((rule) => [rule.id, rule]));
    const made: Transition[] = [];
    for (const transition of transitions) {
      const done =
        transition.kind === 'raised'
          ? await store.raise(transition.alert, now)
          : await store.clear(transition.alert, now);
      if (!done) continue;
      made.push(transition);
      this.options.log.info({ rule: transition.alert.ruleId, kind: transition.kind }, `alert ${transition.kind}`);
      for (const id of byId.get(transition.alert.ruleId)?.webhooks ?? []) {
        const webhook = webhooks.get(id);
        if (webhook?.enabled) this.options.sender.enqueue(webhook, transition);
      }
    }
    if (made.length > 0) this.options.publish({ alerts: [...(await store.active()).values()] });
    return made;
  }
}
