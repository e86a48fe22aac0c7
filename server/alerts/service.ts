import { randomBytes, randomUUID } from 'node:crypto';
import {
  MAX_ALERT_RULES,
  MAX_WEBHOOKS,
  type AlertHistoryPage,
  type AlertRule,
  type AlertRuleBody,
  type AlertsConfig,
  type Webhook,
  type WebhookBody,
  type WebhookView,
} from '../contract/alerts.ts';
import { m } from '../contract/messages/messages.js';
import { seesAlert } from '../access/filter.ts';
import type { Scope } from '../access/scope.ts';
import { say } from '../i18n.ts';
import { badRequest, conflict, forbidden, notFound } from '../refusal.ts';
import type { AlertStore } from './store.ts';

/**
 * Managing alerts, decided here for every route: the Owner and administrators manage the rules of the queues they see
 * (a unit administrator those of their units' queues; rules for the whole center only whoever sees the whole board);
 * webhooks, which carry secrets and reach outside, only the Owner and administrators of the whole board. A unit
 * administrator sees the webhooks' names to choose from, never their addresses. A secret is answered only to the
 * request that made the webhook, never on reads or changes.
 */
export class AlertService {
  constructor(private readonly store: AlertStore) {}

  async config(scope: Scope): Promise<AlertsConfig> {
    const rules = (await this.store.rules()).filter((rule) => managesRule(scope, rule));
    const webhooks = await this.store.webhooks();
    return {
      rules: rules.sort(byName),
      webhooks: webhooks
        .map(withoutSecret)
        .map((webhook) => (scope.visible === 'all' ? webhook : { ...webhook, url: '' }))
        .sort(byName),
    };
  }

  async createRule(scope: Scope, body: AlertRuleBody): Promise<AlertRule> {
    const rules = await this.store.rules();
    if (rules.length >= MAX_ALERT_RULES) throw conflict(say(m.alerts_refusal_too_many, { max: MAX_ALERT_RULES }));
    return this.saveRule(scope, { ...body, id: randomUUID() });
  }

  async updateRule(scope: Scope, id: string, body: AlertRuleBody): Promise<AlertRule> {
    await this.ruleManaged(scope, id);
    return this.saveRule(scope, { ...body, id });
  }

  async deleteRule(scope: Scope, id: string): Promise<void> {
    await this.ruleManaged(scope, id);
    await this.store.deleteRule(id);
  }

  async createWebhook(scope: Scope, body: WebhookBody): Promise<Webhook> {
    managesWebhooks(scope);
    if ((await this.store.webhooks()).length >= MAX_WEBHOOKS)
      throw conflict(say(m.alerts_refusal_too_many_webhooks, { max: MAX_WEBHOOKS }));
    const webhook = { ...body, id: randomUUID(), secret: body.secret ?? randomBytes(32).toString('hex') };
    await this.store.putWebhook(webhook);
    return webhook;
  }

  async updateWebhook(scope: Scope, id: string, body: WebhookBody): Promise<WebhookView> {
    managesWebhooks(scope);
    const before = (await this.store.webhooks()).find((webhook) => webhook.id === id);
    if (!before) throw notFound(say(m.server_refusal_missing_webhook));
    const webhook = { ...body, id, secret: body.secret ?? before.secret };
    await this.store.putWebhook(webhook);
    return withoutSecret(webhook);
  }

  async deleteWebhook(scope: Scope, id: string): Promise<void> {
    managesWebhooks(scope);
    if (!(await this.store.deleteWebhook(id))) throw notFound(say(m.server_refusal_missing_webhook));
  }

  /** The raises and clears of the alerts the viewer sees, newest first. */
  async history(scope: Scope, page: { limit: number; offset: number }): Promise<AlertHistoryPage> {
    return this.store.history.page((entry) => seesAlert(scope, entry), page);
  }

  private async ruleManaged(scope: Scope, id: string): Promise<AlertRule> {
    const rule = (await this.store.rules()).find((item) => item.id === id);
    if (!rule) throw notFound(say(m.server_refusal_missing_alert_rule));
    if (!managesRule(scope, rule)) throw forbidden(refusalFor(rule));
    return rule;
  }

  private async saveRule(scope: Scope, rule: AlertRule): Promise<AlertRule> {
    if (!managesRule(scope, rule)) throw forbidden(refusalFor(rule));
    const known = new Set((await this.store.webhooks()).map((webhook) => webhook.id));
    const unknown = rule.webhooks.find((id) => !known.has(id));
    if (unknown !== undefined) throw badRequest(say(m.alerts_refusal_webhook, { id: unknown }));
    await this.store.putRule(rule);
    return rule;
  }
}

/** Whether a viewer manages a rule: one of a queue they see, or of the whole center when they see the whole board. */
function managesRule(scope: Scope, rule: Pick<AlertRule, 'queue'>): boolean {
  return scope.visible === 'all' || (rule.queue !== null && scope.visible.queues.has(rule.queue));
}

const withoutSecret = ({ secret: _secret, ...view }: Webhook): WebhookView => view;

function managesWebhooks(scope: Scope): void {
  if (scope.visible !== 'all') throw forbidden(say(m.alerts_refusal_webhooks));
}

const refusalFor = (rule: Pick<AlertRule, 'queue'>) =>
  say(rule.queue === null ? m.alerts_refusal_center : m.alerts_refusal_queue);

const byName = (a: { name: string }, b: { name: string }): number => a.name.localeCompare(b.name);
