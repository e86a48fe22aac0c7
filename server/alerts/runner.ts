import type { AlertsView } from '../contract/alerts.ts';
import type { Logger } from '../log.ts';
import { evaluate, type FigureOf } from './evaluate.ts';
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
 * Evaluates every rule when asked (after a statistics write, on a steady tick), on the lease holder only, never two at
 * once. Raises and clears go through Redis atomically (AlertStore), so even two processes that both believed they held
 * the lease would send each once.
 */
export class AlertRunner {
  private pending = new Map<string, number>();
  private running: Promise<void> | undefined;
  private failing = false;

  constructor(private readonly options: RunnerOptions) {}

  /** Evaluates now, unless an evaluation is running (the next write or tick reads anew); resolves when it ended. */
  request(): Promise<void> {
    this.running ??= this.attempt().finally(() => (this.running = undefined));
    return this.running;
  }

  private async attempt(): Promise<void> {
    try {
      await this.evaluateOnce();
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.options.log.warn({ err: (error as Error).message }, 'alerts not evaluated; trying again');
      this.failing = true;
    }
  }

  /** One evaluation of every rule: the raises and clears this process made are sent and published. */
  private async evaluateOnce(): Promise<void> {
    const { store } = this.options;
    if (!this.options.isReading()) {
      // Another process evaluates: its conditions' durations are its own.
      this.pending.clear();
      return;
    }
    const [rules, active] = await Promise.all([store.rules(), store.active()]);
    // The figures cost a statistics query and a board snapshot: none are read while no rule would look at them.
    const figureOf = rules.some((rule) => rule.enabled) ? await this.options.figures() : () => null;
    const now = this.options.clock();
    const { transitions, pending } = evaluate(rules, figureOf, active, this.pending, now);
    this.pending = pending;
    if (transitions.length === 0) return;
    const webhooks = new Map((await store.webhooks()).map((webhook) => [webhook.id, webhook]));
    const byId = new Map(rules.map((rule) => [rule.id, rule]));
    let made = false;
    for (const transition of transitions) {
      const done =
        transition.kind === 'raised'
          ? await store.raise(transition.alert, now)
          : await store.clear(transition.alert, now);
      if (!done) continue;
      made = true;
      this.options.log.info({ rule: transition.alert.ruleId, kind: transition.kind }, `alert ${transition.kind}`);
      for (const id of byId.get(transition.alert.ruleId)?.webhooks ?? []) {
        const webhook = webhooks.get(id);
        if (webhook?.enabled) this.options.sender.enqueue(webhook, transition);
      }
    }
    if (made) this.options.publish({ alerts: [...(await store.active()).values()] });
  }
}
