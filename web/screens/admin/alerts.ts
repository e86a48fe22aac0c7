import {
  LOW_IS_BAD,
  type AlertMetric,
  type AlertRule,
  type AlertRuleBody,
  type WebhookFormat,
} from '../../../server/contract/alerts.ts';
import { m } from '../../../server/contract/messages/messages.js';

/** What the alerts screen shows of rules and webhooks, and how its rule form becomes the body the server checks. */
export const METRIC_LABELS: Record<AlertMetric, () => string> = {
  serviceLevel: m.alerts_metric_service_level,
  waiting: m.alerts_metric_waiting,
  longestWait: m.alerts_metric_longest_wait,
  available: m.alerts_metric_available,
  amiDown: m.alerts_metric_ami_down,
};

export const FORMAT_LABELS: Record<WebhookFormat, () => string> = {
  generic: m.alerts_format_generic,
  slack: m.alerts_format_slack,
  teams: m.alerts_format_teams,
  mattermost: m.alerts_format_mattermost,
};

export const ALERT_HISTORY_PAGE = 50;

/** The rule form's fields as typed (a figure left empty is null, the whole center is ''). */
export interface RuleDraft {
  name: string;
  queue: string;
  metric: AlertMetric;
  raiseThreshold: number | null;
  raiseFor: number | null;
  clearThreshold: number | null;
  clearFor: number | null;
  webhooks: string[];
  enabled: boolean;
}

export function ruleDraft(rule: AlertRule | null): RuleDraft {
  return {
    name: rule?.name ?? '',
    queue: rule?.queue ?? '',
    metric: rule?.metric ?? 'waiting',
    raiseThreshold: rule?.raise.threshold ?? 0,
    raiseFor: rule?.raise.forSec ?? 0,
    clearThreshold: rule?.clear.threshold ?? 0,
    clearFor: rule?.clear.forSec ?? 0,
    webhooks: [...(rule?.webhooks ?? [])],
    enabled: rule?.enabled ?? true,
  };
}

/** An empty figure is sent as NaN (null in JSON): the server then says what it must be. */
const figure = (value: number | null): number => value ?? Number.NaN;

/** The body sent for the form: figures as numbers; the server validates everything. */
export function ruleBody(draft: RuleDraft): AlertRuleBody {
  const condition = (threshold: number | null, forSec: number | null) => ({
    threshold: figure(threshold),
    forSec: figure(forSec),
  });
  return {
    name: draft.name.trim(),
    queue: draft.queue === '' ? null : draft.queue,
    metric: draft.metric,
    raise: condition(draft.raiseThreshold, draft.raiseFor),
    clear: condition(draft.clearThreshold, draft.clearFor),
    webhooks: draft.webhooks,
    enabled: draft.enabled,
  };
}

/** When a rule is raised and cleared, in a line of the list. */
export function ruleConditions(rule: AlertRule): string {
  if (rule.metric === 'amiDown')
    return m.alerts_rule_link({ raise: String(rule.raise.forSec), clear: String(rule.clear.forSec) });
  const inputs = {
    raise: String(rule.raise.threshold),
    raiseFor: String(rule.raise.forSec),
    clear: String(rule.clear.threshold),
    clearFor: String(rule.clear.forSec),
  };
  return LOW_IS_BAD.includes(rule.metric) ? m.alerts_rule_below(inputs) : m.alerts_rule_above(inputs);
}
