import { LOW_IS_BAD, type ActiveAlert, type AlertRule } from '../contract/alerts.ts';

/**
 * Raising and clearing alerts with hysteresis, pure: time comes in as `now`, the figures as a function. A rule is
 * raised once its raise condition has held for `raise.forSec` and cleared once its clear condition (a threshold on the
 * good side of the raise one) has held for `clear.forSec`; a figure between the two thresholds, or unknown (a service
 * level with no call to judge yet), restarts the count of either.
 */

/** A figure of a rule's queue (or the whole center) now; null when it is unknown. */
export type FigureOf = (rule: AlertRule) => number | null;

/** Since when each rule's pending condition has held, by `raise:<rule id>` or `clear:<rule id>`. */
export type Pending = ReadonlyMap<string, number>;

export interface Transition {
  readonly kind: 'raised' | 'cleared';
  readonly alert: ActiveAlert;
}

export interface Evaluation {
  readonly transitions: Transition[];
  readonly pending: Map<string, number>;
}

/** Whether a figure meets the rule's raise (or clear) condition. */
export function holds(rule: AlertRule, value: number, which: 'raise' | 'clear'): boolean {
  if (rule.metric === 'amiDown') return which === 'raise' ? value > 0 : value === 0;
  const threshold = rule[which].threshold;
  const low = LOW_IS_BAD.includes(rule.metric);
  if (which === 'raise') return low ? value < threshold : value > threshold;
  return low ? value >= threshold : value <= threshold;
}

/**
 * One evaluation of every rule at `now`: the raises and clears it makes, and the pending conditions to carry to the
 * next. `active` holds the alerts raised before; a raised alert whose rule is gone or disabled is cleared.
 */
export function evaluate(
  rules: readonly AlertRule[],
  figureOf: FigureOf,
  active: ReadonlyMap<string, ActiveAlert>,
  pending: Pending,
  now: number,
): Evaluation {
  const transitions: Transition[] = [];
  const next = new Map<string, number>();
  const live = new Set<string>();
  for (const rule of rules) {
    if (!rule.enabled) continue;
    live.add(rule.id);
    const raised = active.get(rule.id);
    const value = figureOf(rule);
    const which = raised ? 'clear' : 'raise';
    if (value === null || !holds(rule, value, which)) continue;
    const key = `${which}:${rule.id}`;
    const since = pending.get(key) ?? now;
    if (now - since < rule[which].forSec * 1000) {
      next.set(key, since);
      continue;
    }
    transitions.push(
      raised
        ? { kind: 'cleared', alert: raised }
        : {
            kind: 'raised',
            alert: {
              ruleId: rule.id,
              name: rule.name,
              queue: rule.queue,
              metric: rule.metric,
              value,
              threshold: rule.metric === 'amiDown' ? 0 : rule.raise.threshold,
              raisedAt: new Date(now).toISOString(),
            },
          },
    );
  }
  for (const [id, alert] of active) if (!live.has(id)) transitions.push({ kind: 'cleared', alert });
  return { transitions, pending: next };
}
