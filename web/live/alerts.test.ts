import { describe, expect, it } from 'vitest';
import type { ActiveAlert, AlertsView } from '../../server/contract/alerts.ts';
import { LiveAlerts, type Notifier } from './alerts.svelte.ts';
import type { AlertsConnection } from './socket.ts';

const alert = (ruleId: string, raisedAt = '2026-12-07T10:00:00.000Z'): ActiveAlert => ({
  ruleId,
  name: `Rule ${ruleId}`,
  queue: 'sales',
  metric: 'waiting',
  value: 4,
  threshold: 3,
  raisedAt,
});

/** A connection whose alerts:watch answers with `first`, and whose alerts:updated the test pushes. */
function fakeConnection(first: ActiveAlert[]) {
  const updated: ((view: AlertsView) => void)[] = [];
  const connection: AlertsConnection = {
    connected: true,
    onConnected: () => () => undefined,
    watchAlerts: () => Promise.resolve({ ok: true, data: { alerts: first } }),
    onAlertsUpdated: (handler) => (updated.push(handler), () => undefined),
  };
  return { connection, push: (alerts: ActiveAlert[]) => updated.forEach((handler) => handler({ alerts })) };
}

function fakeNotifier(permission: 'default' | 'granted') {
  const shown: { title: string; body: string }[] = [];
  const notifier: Notifier = {
    permission: () => permission,
    ask: () => Promise.resolve(),
    show: (title, options) => void shown.push({ title, body: options.body }),
  };
  return { notifier, shown };
}

const settle = () => new Promise<void>((resolve) => setTimeout(resolve));

describe('LiveAlerts', () => {
  it('shows the alerts raised now and notifies only of those raised later, once allowed', async () => {
    const fake = fakeConnection([alert('old')]);
    const live = new LiveAlerts(fake.connection);
    const { notifier, shown } = fakeNotifier('granted');
    live.notifyWith(notifier);
    await settle();
    expect(live.alerts.map((item) => item.ruleId)).toEqual(['old']);
    fake.push([alert('old'), alert('new')]);
    fake.push([alert('old'), alert('new')]);
    // Raised again later: a new alert.
    fake.push([alert('old'), alert('new', '2026-12-07T11:00:00.000Z')]);
    expect(shown).toEqual([
      { title: 'Rule new', body: 'Alert raised: Rule new (queue sales): callers waiting: 4 (alert over 3)' },
      { title: 'Rule new', body: 'Alert raised: Rule new (queue sales): callers waiting: 4 (alert over 3)' },
    ]);
    fake.push([]);
    expect(live.alerts).toEqual([]);
  });

  it('notifies nobody who has not allowed it', async () => {
    const fake = fakeConnection([]);
    const live = new LiveAlerts(fake.connection);
    const { notifier, shown } = fakeNotifier('default');
    live.notifyWith(notifier);
    await settle();
    fake.push([alert('a')]);
    expect([live.permission, shown.length, live.alerts.length]).toEqual(['default', 0, 1]);
  });
});
