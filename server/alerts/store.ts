import type { Redis } from '../redis-client.ts';
import {
  alertRuleSchema,
  webhookSchema,
  type ActiveAlert,
  type AlertHistoryEntry,
  type AlertRule,
  type Webhook,
} from '../contract/alerts.ts';
import type { AlertKeys } from '../store/keys.ts';
import { TimedLog } from '../store/timed-log.ts';

/** Deletes a raised alert only if it is still the one named: a clear never removes a later raise of the rule. */
const CLEAR_SCRIPT = `if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return redis.call('HDEL', KEYS[1], ARGV[1]) end return 0`;

/**
 * The rules and webhooks, the alerts raised now, and the alert history (retention category "Alert history"). Raising
 * and clearing are atomic in Redis: of two processes that would raise (or clear) the same alert, one does, and only
 * it sends the webhooks.
 */
export class AlertStore {
  readonly history: TimedLog<AlertHistoryEntry>;

  constructor(
    private readonly redis: Redis,
    private readonly keys: AlertKeys,
  ) {
    this.history = new TimedLog(redis, keys.history);
  }

  /** Rules parsed before, by their stored JSON: each statistics update reads them all, most unchanged. */
  #parsed = new Map<string, AlertRule>();

  async rules(): Promise<AlertRule[]> {
    const stored = await this.redis.hgetall(this.keys.rules);
    const parsed = new Map<string, AlertRule>();
    for (const json of Object.values(stored)) {
      const rule = this.#parsed.get(json) ?? parsedValues({ json }, (value) => alertRuleSchema.safeParse(value))[0];
      if (rule) parsed.set(json, rule);
    }
    this.#parsed = parsed;
    return [...parsed.values()];
  }

  async putRule(rule: AlertRule): Promise<void> {
    await this.redis.hset(this.keys.rules, rule.id, JSON.stringify(rule));
  }

  /** Resolves with whether there was such a rule. */
  async deleteRule(id: string): Promise<boolean> {
    return (await this.redis.hdel(this.keys.rules, id)) > 0;
  }

  async webhooks(): Promise<Webhook[]> {
    return parsedValues(await this.redis.hgetall(this.keys.webhooks), (value) => webhookSchema.safeParse(value));
  }

  async putWebhook(webhook: Webhook): Promise<void> {
    await this.redis.hset(this.keys.webhooks, webhook.id, JSON.stringify(webhook));
  }

  async deleteWebhook(id: string): Promise<boolean> {
    return (await this.redis.hdel(this.keys.webhooks, id)) > 0;
  }

  /** The alerts raised now, by rule id. */
  async active(): Promise<Map<string, ActiveAlert>> {
    const stored = await this.redis.hgetall(this.keys.active);
    return new Map(Object.entries(stored).map(([id, json]) => [id, JSON.parse(json) as ActiveAlert]));
  }

  /** Raises an alert unless its rule is raised already; resolves with whether this call raised it. */
  async raise(alert: ActiveAlert, at: number): Promise<boolean> {
    if ((await this.redis.hsetnx(this.keys.active, alert.ruleId, JSON.stringify(alert))) === 0) return false;
    await this.history.add(at, { ...alert, kind: 'raised', at: new Date(at).toISOString() });
    return true;
  }

  /** Clears a raised alert unless another process did; resolves with whether this call cleared it. */
  async clear(alert: ActiveAlert, at: number): Promise<boolean> {
    const cleared = await this.redis.eval(CLEAR_SCRIPT, 1, this.keys.active, alert.ruleId, JSON.stringify(alert));
    if (cleared !== 1) return false;
    await this.history.add(at, { ...alert, kind: 'cleared', at: new Date(at).toISOString() });
    return true;
  }
}

/** The values of a hash that parse; a value that does not (written by hand, an older format) is left out. */
function parsedValues<T>(
  stored: Record<string, string>,
  parse: (value: unknown) => { success: true; data: T } | { success: false },
): T[] {
  const values: T[] = [];
  for (const json of Object.values(stored)) {
    try {
      const parsed = parse(JSON.parse(json));
      if (parsed.success) values.push(parsed.data);
    } catch {
      // Not JSON: left out like any other bad value.
    }
  }
  return values;
}
