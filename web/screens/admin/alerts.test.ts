import { describe, expect, it } from 'vitest';
import type { AlertRule } from '../../../server/contract/alerts.ts';
import { alertRuleBody } from '../../../server/contract/alerts.ts';
import { ruleBody, ruleConditions, ruleDraft } from './alerts.ts';

const rule: AlertRule = {
  id: 'r1',
  name: 'Sales queue full',
  queue: 'sales',
  metric: 'waiting',
  raise: { threshold: 5, forSec: 30 },
  clear: { threshold: 2, forSec: 60 },
  webhooks: ['w1'],
  enabled: true,
};

describe('the alert rule form', () => {
  it('gives back the rule it was opened on, as a body the server accepts', () => {
    const { id: _id, ...body } = rule;
    const sent = ruleBody(ruleDraft(rule));
    expect(sent).toEqual(body);
    expect(alertRuleBody.safeParse(sent).success).toBe(true);
  });

  it('sends the whole center as null and an empty figure as not a number, which the server refuses', () => {
    const sent = ruleBody({ ...ruleDraft(null), name: ' Center ', raiseThreshold: null });
    expect(sent.queue).toBeNull();
    expect(sent.name).toBe('Center');
    expect(alertRuleBody.safeParse(JSON.parse(JSON.stringify(sent))).success).toBe(false);
  });

  it('says when a rule is raised and cleared, on the side the metric is bad', () => {
    expect(ruleConditions(rule)).toBe('raised over 5 for 30 s, cleared at 2 or less for 60 s');
    expect(
      ruleConditions({ ...rule, metric: 'available', raise: { threshold: 1, forSec: 0 }, clear: rule.raise }),
    ).toBe('raised under 1 for 0 s, cleared at 5 or more for 30 s');
    expect(ruleConditions({ ...rule, metric: 'amiDown' })).toBe('raised when down for 30 s, cleared when up for 60 s');
  });
});
