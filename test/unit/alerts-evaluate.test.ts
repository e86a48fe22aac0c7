import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseWith } from '../../server/contract/issues.ts';
import { evaluate, type FigureOf, type Pending } from '../../server/alerts/evaluate.ts';
import { payloadOf, signatureHeaders } from '../../server/alerts/payload.ts';
import { alertRuleBody, webhookBody, type ActiveAlert, type AlertRule } from '../../server/contract/alerts.ts';

const rule = (fields: Partial<AlertRule> & Pick<AlertRule, 'metric'>): AlertRule => ({
  id: 'r1',
  name: 'Sales service level',
  queue: 'sales',
  raise: { threshold: 80, forSec: 60 },
  clear: { threshold: 85, forSec: 30 },
  webhooks: [],
  enabled: true,
  ...fields,
});

/** Drives one rule through figures at given seconds, as a clock would; returns what happened at each step. */
function drive(rules: AlertRule[], steps: [atSec: number, value: number | null][]): string[] {
  let active = new Map<string, ActiveAlert>();
  let pending: Pending = new Map();
  const seen: string[] = [];
  for (const [atSec, value] of steps) {
    const figureOf: FigureOf = () => value;
    const result = evaluate(rules, figureOf, active, pending, atSec * 1000);
    pending = result.pending;
    for (const transition of result.transitions) {
      seen.push(`${atSec}:${transition.kind}`);
      active = new Map(active);
      if (transition.kind === 'raised') active.set(transition.alert.ruleId, transition.alert);
      else active.delete(transition.alert.ruleId);
    }
  }
  return seen;
}

describe('alert hysteresis with a driven clock', () => {
  const serviceLevel = rule({ metric: 'serviceLevel' });

  it('raises only once the condition held for the raise duration, and clears only after the clear duration', () => {
    expect(
      drive(
        [serviceLevel],
        [
          [0, 70], // under 80: the minute starts
          [59, 75],
          [60, 79], // held 60 s: raised
          [61, 70],
          [100, 84], // above the raise threshold but under the clear one: stays raised, nothing pending
          [110, 86], // clear condition starts
          [139, 90],
          [140, 88], // held 30 s: cleared
        ],
      ),
    ).toEqual(['60:raised', '140:cleared']);
  });

  it('restarts the count when the figure goes back between the thresholds or is unknown', () => {
    expect(
      drive(
        [serviceLevel],
        [
          [0, 70],
          [50, 82], // back over 80: the minute starts again
          [60, 70],
          [100, null], // no call to judge: again
          [110, 70],
          [169, 70],
          [170, 70], // a full minute from 110
        ],
      ),
    ).toEqual(['170:raised']);
  });

  it('alerts above a threshold for waits and callers, and at once with no duration', () => {
    const waiting = rule({ metric: 'waiting', raise: { threshold: 3, forSec: 0 }, clear: { threshold: 1, forSec: 0 } });
    expect(
      drive(
        [waiting],
        [
          [0, 3],
          [1, 4],
          [2, 2], // between 1 and 3: stays raised
          [3, 1],
          [4, 5],
        ],
      ),
    ).toEqual(['1:raised', '3:cleared', '4:raised']);
  });

  it('raises a link down and clears it when the link is back', () => {
    const link = rule({
      metric: 'amiDown',
      queue: null,
      raise: { threshold: 0, forSec: 5 },
      clear: { threshold: 0, forSec: 0 },
    });
    expect(
      drive(
        [link],
        [
          [0, 1],
          [5, 1],
          [6, 0],
        ],
      ),
    ).toEqual(['5:raised', '6:cleared']);
  });

  it('clears the alert of a rule disabled or deleted while raised', () => {
    const quick = rule({ metric: 'available', raise: { threshold: 2, forSec: 0 }, clear: { threshold: 2, forSec: 0 } });
    const raised = evaluate([quick], () => 0, new Map(), new Map(), 0);
    expect(raised.transitions.map((t) => t.kind)).toEqual(['raised']);
    const active = new Map([[quick.id, raised.transitions[0]!.alert]]);
    expect(
      evaluate([{ ...quick, enabled: false }], () => 0, active, new Map(), 1).transitions.map((t) => t.kind),
    ).toEqual(['cleared']);
    expect(evaluate([], () => 0, active, new Map(), 1).transitions.map((t) => t.kind)).toEqual(['cleared']);
  });

  it('refuses a clear threshold on the wrong side of the raise threshold', () => {
    const low = parseWith(alertRuleBody, {
      name: 'x',
      metric: 'serviceLevel',
      raise: { threshold: 80 },
      clear: { threshold: 70 },
    });
    const high = parseWith(alertRuleBody, {
      name: 'x',
      metric: 'waiting',
      raise: { threshold: 3 },
      clear: { threshold: 5 },
    });
    expect(low).toEqual({ ok: false, error: 'Clear, threshold must be at least the raise threshold.' });
    expect(high).toEqual({ ok: false, error: 'Clear, threshold must be at most the raise threshold.' });
  });
});

describe('webhook payloads', () => {
  const alert: ActiveAlert = {
    ruleId: 'r1',
    name: 'Sales waiting',
    queue: 'sales',
    metric: 'waiting',
    value: 4,
    threshold: 3,
    raisedAt: '2026-12-07T10:00:00.000Z',
  };

  it('signs the timestamp and body with HMAC-SHA256 and the webhook secret', () => {
    const body = payloadOf('generic', { kind: 'raised', alert }, { id: 'd1', at: 1_765_000_000_000 }, 'en');
    const headers = signatureHeaders('a secret of sixteen+', body, 1_765_000_000_500);
    expect(headers['X-Tablica-Timestamp']).toBe('1765000000');
    const expected = createHmac('sha256', 'a secret of sixteen+').update(`1765000000.${body}`).digest('hex');
    expect(headers['X-Tablica-Signature']).toBe(`sha256=${expected}`);
    expect(JSON.parse(body)).toMatchObject({ event: 'alert.raised', id: 'd1', alert });
  });

  it('speaks the chat tools’ formats, in the board’s language', () => {
    const raised = { kind: 'raised' as const, alert };
    const delivery = { id: 'd1', at: 0 };
    expect(JSON.parse(payloadOf('slack', raised, delivery, 'en'))).toEqual({
      text: 'Alert raised: Sales waiting (queue sales): callers waiting: 4 (alert over 3)',
    });
    expect(JSON.parse(payloadOf('mattermost', { kind: 'cleared', alert }, delivery, 'pl'))).toEqual({
      text: 'Koniec alarmu: Sales waiting (kolejka sales)',
    });
    expect(JSON.parse(payloadOf('teams', raised, delivery, 'en'))).toMatchObject({
      '@type': 'MessageCard',
      text: 'Alert raised: Sales waiting (queue sales): callers waiting: 4 (alert over 3)',
    });
  });

  it('takes only http and https addresses without credentials', () => {
    const url = (address: string) => webhookBody.safeParse({ name: 'w', url: address, format: 'generic' }).success;
    expect([url('https://chat.example/hooks/1'), url('http://10.0.0.5:8065/hooks/x')]).toEqual([true, true]);
    expect([url('file:///etc/passwd'), url('ftp://host/x'), url('https://user:pw@host/'), url('not a url')]).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
