import { z } from 'zod';
import { problem } from './issues.ts';
import { textField } from './text.ts';

/**
 * Alerts: rules on the board's figures (per queue or for the whole center) that are raised when a condition holds for
 * a while and cleared, with hysteresis, when another holds for a while; shown on boards as a banner and sent to
 * webhooks. The REST bodies are validated with these schemas; the admin screen and the board import the same types.
 */

/**
 * What a rule watches. `serviceLevel` (today's, in percent) and `available` (agents available now) alert below a
 * threshold; `waiting` (callers waiting now) and `longestWait` (seconds the longest-waiting caller has waited) above
 * one; `amiDown` while the link to Asterisk is down.
 */
export const ALERT_METRICS = ['serviceLevel', 'waiting', 'longestWait', 'available', 'amiDown'] as const;
export type AlertMetric = (typeof ALERT_METRICS)[number];

/** Metrics that alert when they fall below the threshold (the others when they rise above it). */
export const LOW_IS_BAD: readonly AlertMetric[] = ['serviceLevel', 'available'];

export const WEBHOOK_FORMATS = ['generic', 'slack', 'teams', 'mattermost'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/** The most rules and webhooks a center keeps (every rule is evaluated on each statistics update). */
export const MAX_ALERT_RULES = 2_000;
export const MAX_WEBHOOKS = 50;

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, problem('id_form'));
const threshold = z.number().min(0).max(1_000_000);
const seconds = z
  .number({ error: problem('seconds') })
  .int(problem('seconds'))
  .min(0, problem('seconds_min'))
  .max(86_400, problem('seconds_max'));
/** A condition's threshold and how long it must hold. */
const condition = z.strictObject({ threshold: threshold.default(0), forSec: seconds.default(0) });

const ruleFields = {
  name: textField({ max: 80 }),
  /** null: the whole center (every queue added up). */
  queue: textField({ max: 128 }).nullable().default(null),
  metric: z.enum(ALERT_METRICS, { error: problem('listed', { values: ALERT_METRICS.join(', ') }) }),
  raise: condition,
  clear: condition,
  webhooks: z.array(id).max(MAX_WEBHOOKS).default([]),
  enabled: z.boolean().default(true),
};

/** Hysteresis: the clear threshold is on the good side of the raise threshold (or equal to it). */
function hysteresis(
  rule: { metric: AlertMetric; raise: { threshold: number }; clear: { threshold: number } },
  ctx: z.RefinementCtx,
): void {
  if (rule.metric === 'amiDown') return;
  const low = LOW_IS_BAD.includes(rule.metric);
  if (low ? rule.clear.threshold < rule.raise.threshold : rule.clear.threshold > rule.raise.threshold) {
    ctx.addIssue({
      code: 'custom',
      path: ['clear', 'threshold'],
      message: problem(low ? 'clear_low' : 'clear_high'),
    });
  }
  if (rule.metric === 'serviceLevel' && rule.clear.threshold > 100)
    ctx.addIssue({ code: 'custom', path: ['clear', 'threshold'], message: problem('percent_max') });
}

/** A rule as an administrator writes it (`POST /api/alerts/rules`, `PUT /api/alerts/rules/:id`). */
export const alertRuleBody = z.strictObject(ruleFields).superRefine(hysteresis);
export type AlertRuleBody = z.infer<typeof alertRuleBody>;
/** A rule as it is kept (and saved in the configuration backup). */
export const alertRuleSchema = z.strictObject({ id, ...ruleFields }).superRefine(hysteresis);
export type AlertRule = z.infer<typeof alertRuleSchema>;

/** A webhook's address: http or https only (no file:, ftp:, data: or other scheme), without credentials in it. */
const webhookUrl = z
  .string()
  .trim()
  .max(2_000)
  .refine((text) => {
    try {
      const url = new URL(text);
      return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password;
    } catch {
      return false;
    }
  }, problem('webhook_url'));

const secret = z
  .string()
  .min(16)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, problem('printable'));
const webhookFields = {
  name: textField({ max: 80 }),
  url: webhookUrl,
  format: z.enum(WEBHOOK_FORMATS, { error: problem('listed', { values: WEBHOOK_FORMATS.join(', ') }) }),
  enabled: z.boolean().default(true),
};

/** A webhook as an administrator writes it; without a secret the server makes one (a PUT without one keeps it). */
export const webhookBody = z.strictObject({ ...webhookFields, secret: secret.optional() });
export type WebhookBody = z.infer<typeof webhookBody>;
/** A webhook as it is kept: every delivery is signed with its secret (HMAC-SHA256). */
export const webhookSchema = z.strictObject({ id, ...webhookFields, secret });
export type Webhook = z.infer<typeof webhookSchema>;
/**
 * A webhook as the API shows it: without its secret, which is sent once, in the answer to the `POST` that made it
 * (the configuration backup keeps it).
 */
export type WebhookView = Omit<Webhook, 'secret'>;

/** What the configuration backup holds of alerts. */
export const alertsBackup = z.strictObject({
  rules: z.array(alertRuleSchema).max(MAX_ALERT_RULES),
  webhooks: z.array(webhookSchema).max(MAX_WEBHOOKS),
});

/** `GET /api/alerts/config`: the rules an administrator may manage, and the center's webhooks. */
export interface AlertsConfig {
  rules: AlertRule[];
  webhooks: WebhookView[];
}

/** An alert raised and not yet cleared. */
export interface ActiveAlert {
  ruleId: string;
  name: string;
  queue: string | null;
  metric: AlertMetric;
  /** The figure when it was raised (1 for a link down). */
  value: number;
  threshold: number;
  raisedAt: string;
}

/** `alerts:watch` and `alerts:updated`: the alerts raised now (cut to the queues a viewer sees). */
export interface AlertsView {
  alerts: ActiveAlert[];
}

/** One line of the alert history: a raise or a clear. */
export interface AlertHistoryEntry extends ActiveAlert {
  kind: 'raised' | 'cleared';
  /** When it was raised or cleared. */
  at: string;
}

export const alertHistoryQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export interface AlertHistoryPage {
  entries: AlertHistoryEntry[];
  total: number;
}
