import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { UserView } from '../../server/contract/accounts.ts';
import type {
  AlertHistoryPage,
  AlertRule,
  AlertsConfig,
  AlertsView,
  Webhook,
  WebhookView,
} from '../../server/contract/alerts.ts';
import type { Backup } from '../../server/contract/backup.ts';
import type { ClientEvents, ServerEvents } from '../../server/contract/events.ts';
import type { Result } from '../../server/contract/result.ts';
import { DEMO_SECRET, type Simulator } from '../../server/sim/index.ts';
import { type ApiClient, loggedIn } from '../support/access-app.ts';
import { startQuietSimulator, TEST_OWNER, uniquePrefix } from '../support/board-app.ts';
import { leaseHolderOf, simulatorBoardEnv, spawnBoard, type BoardProcess } from '../support/board-process.ts';
import { openUserSocket } from '../support/board-client.ts';
import { callerIntoSales, pauseSales, SimClient } from '../support/sim-client.ts';
import { freshLayout } from '../support/sim-scenarios.ts';
import { quietPeriod, waitFor } from '../support/wait.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';

/**
 * Two `npm start` processes on one Redis and the simulator. Rules and webhooks are managed on the process that does
 * not read Asterisk; a caller waiting in sales (every member paused) raises "callers waiting over 0" and hanging up
 * clears it. A webhook receiver on loopback (a real HTTP server) answers the first two requests with 500: it gets the
 * raise after two retries and the clear, each accepted once and signed, and nothing more from either process.
 */
const SECRET = 'receiver-secret-0123456789';
let sim: Simulator;
let ami: SimClient;
let receiver: WebhookReceiver;
const processes: BoardProcess[] = [];
const sockets: Socket<ServerEvents, ClientEvents>[] = [];
let owner: ApiClient;
let other: string;

beforeAll(async () => {
  receiver = await startWebhookReceiver(SECRET, 2);
  sim = await startQuietSimulator({ layout: freshLayout() });
  ami = await SimClient.connect(sim.port);
  await ami.login(DEMO_SECRET);
  await pauseSales(ami);
  const env = { ...simulatorBoardEnv(sim.port, inject('redisUrl'), uniquePrefix(), 3_000), DEFAULT_LOCALE: 'en' };
  processes.push(await spawnBoard({ ...env, INSTANCE_ID: 'one' }), await spawnBoard({ ...env, INSTANCE_ID: 'two' }));
  other = (await leaseHolderOf(processes)).others[0]!.url;
  owner = await loggedIn(other, TEST_OWNER.username, TEST_OWNER.password);
  const ids = new Map<string, string>();
  for (const [name, role] of [
    ['unitadmin', 'administrator'],
    ['sup', 'supervisor'],
    ['agent', 'agent'],
  ] as const) {
    const created = await owner.call<UserView>('POST', '/api/users', {
      username: name,
      password: `${name} password 1`,
      role,
    });
    if (created.status !== 201) throw new Error(`${name}: ${JSON.stringify(created.body)}`);
    ids.set(name, created.body.id);
  }
  const unit = await owner.call('POST', '/api/units', {
    name: 'Support desk',
    members: [],
    administrators: [ids.get('unitadmin')],
    queues: ['support'],
  });
  expect(unit.status).toBe(201);
}, 120_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  ami?.close();
  await Promise.all(processes.map((process) => process.stop()));
  await sim?.close();
  await receiver?.close();
});

/** A user's board watching the alerts: the view it holds now, and every alerts:updated it heard, in order. */
async function watcher(name: string): Promise<{ latest: () => AlertsView; updates: readonly AlertsView[] }> {
  const api = await loggedIn(other, name, name === TEST_OWNER.username ? TEST_OWNER.password : `${name} password 1`);
  const socket = await openUserSocket(other, api.cookie!);
  sockets.push(socket);
  const updates: AlertsView[] = [];
  socket.on('alerts:updated', (view) => updates.push(view));
  const first = (await socket.timeout(10_000).emitWithAck('alerts:watch')) as Result<AlertsView>;
  if (!first.ok) throw new Error(first.error);
  return { latest: () => updates.at(-1) ?? first.data, updates };
}

const salesRule = {
  name: 'Sales callers waiting',
  queue: 'sales',
  metric: 'waiting',
  raise: { threshold: 0, forSec: 0 },
  clear: { threshold: 0, forSec: 0 },
};

describe('alerts across two server processes', () => {
  let webhook: Webhook;
  let rule: AlertRule;

  it('refuses rules and webhooks to the wrong role or unit with a clear error', async () => {
    const [unitadmin, sup, agent] = await Promise.all(
      ['unitadmin', 'sup', 'agent'].map((name) => loggedIn(other, name, `${name} password 1`)),
    );
    for (const client of [sup!, agent!]) {
      const refused = await client.call<{ error: string }>('POST', '/api/alerts/rules', salesRule);
      expect(refused.status).toBe(403);
      expect(refused.body.error).toBe('This needs the role owner or administrator.');
    }
    const otherQueue = await unitadmin!.call<{ error: string }>('POST', '/api/alerts/rules', salesRule);
    expect([otherQueue.status, otherQueue.body.error]).toEqual([
      403,
      'You may manage alerts only for the queues of your units.',
    ]);
    const center = await unitadmin!.call<{ error: string }>('POST', '/api/alerts/rules', { ...salesRule, queue: null });
    expect([center.status, center.body.error]).toEqual([
      403,
      'Only the Owner and administrators of the whole board manage alerts for the whole center.',
    ]);
    const hook = await unitadmin!.call<{ error: string }>('POST', '/api/alerts/webhooks', {
      name: 'Mine',
      url: receiver.url,
      format: 'generic',
    });
    expect([hook.status, hook.body.error]).toEqual([
      403,
      'Only the Owner and administrators of the whole board manage webhooks.',
    ]);
    const bad = await owner.call<{ error: string }>('POST', '/api/alerts/webhooks', {
      name: 'Files',
      url: 'file:///etc/passwd',
      format: 'generic',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/must be an http:\/\/ or https:\/\/ address/);
    // Their own queue's rule is theirs to manage; the owner's sales rule stays out of their sight.
    const own = await unitadmin!.call<AlertRule>('POST', '/api/alerts/rules', { ...salesRule, queue: 'support' });
    expect(own.status).toBe(201);
    const owners = await owner.call<AlertRule>('POST', '/api/alerts/rules', {
      ...salesRule,
      name: 'Sales (off)',
      enabled: false,
    });
    expect(owners.status).toBe(201);
    const seen = await unitadmin!.call<AlertsConfig>('GET', '/api/alerts/config');
    expect(seen.body.rules.map((item) => item.queue)).toEqual(['support']);
    const change = await unitadmin!.call('PUT', `/api/alerts/rules/${owners.body.id}`, {
      ...salesRule,
      queue: 'support',
    });
    expect(change.status).toBe(403);
    expect((await unitadmin!.call('DELETE', `/api/alerts/rules/${own.body.id}`)).status).toBe(204);
    expect((await owner.call('DELETE', `/api/alerts/rules/${owners.body.id}`)).status).toBe(204);
  });

  it("answers a webhook's secret only to the request that made it; the backup keeps it", async () => {
    const hook = { name: 'Quiet', url: 'http://127.0.0.1:9/hook', format: 'generic' };
    const made = await owner.call<Webhook>('POST', '/api/alerts/webhooks', hook);
    expect(made.status).toBe(201);
    expect(made.body.secret).toMatch(/^[0-9a-f]{64}$/);
    const changed = await owner.call<WebhookView>('PUT', `/api/alerts/webhooks/${made.body.id}`, {
      ...hook,
      enabled: false,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ ...hook, id: made.body.id, enabled: false });
    const unitadmin = await loggedIn(other, 'unitadmin', 'unitadmin password 1');
    for (const viewer of [owner, unitadmin]) {
      const seen = await viewer.call<AlertsConfig>('GET', '/api/alerts/config');
      const quiet = seen.body.webhooks.find((item) => item.id === made.body.id);
      expect(quiet).toBeDefined();
      expect(quiet).not.toHaveProperty('secret');
    }
    const backup = await owner.call<Backup>('GET', '/api/backup');
    const kept = backup.body.alerts?.webhooks.find((item) => item.id === made.body.id);
    expect(kept?.secret).toBe(made.body.secret);
    expect((await owner.call('DELETE', `/api/alerts/webhooks/${made.body.id}`)).status).toBe(204);
  });

  it('raises and clears once each, delivered signed to the webhook after it failed twice', async () => {
    const created = await owner.call<Webhook>('POST', '/api/alerts/webhooks', {
      name: 'Receiver',
      url: receiver.url,
      format: 'generic',
      secret: SECRET,
    });
    expect(created.status).toBe(201);
    webhook = created.body;
    const made = await owner.call<AlertRule>('POST', '/api/alerts/rules', { ...salesRule, webhooks: [webhook.id] });
    expect(made.status).toBe(201);
    rule = made.body;
    const ownerBoard = await watcher(TEST_OWNER.username);
    const unitBoard = await watcher('unitadmin');

    const channel = await callerIntoSales(sim, ami, '"Carl Caller" <5553001>');
    sim.advance(1_000);
    await ami.waitFor((m) => m.name === 'QueueCallerJoin', 'the caller joining sales');

    const raised = await waitFor(() => receiver.accepted()[0], 'the raise accepted', { timeoutMs: 30_000 });
    // The two failures, then the accepted retry: one delivery, three attempts.
    expect(receiver.received.slice(0, 3).map((item) => item.status)).toEqual([500, 500, 204]);
    expect(new Set(receiver.received.slice(0, 3).map((item) => item.headers['x-tablica-delivery'])).size).toBe(1);
    expect(JSON.parse(raised.body)).toMatchObject({
      event: 'alert.raised',
      alert: { ruleId: rule.id, queue: 'sales', metric: 'waiting', value: 1, threshold: 0 },
    });
    await waitFor(
      () => ownerBoard.latest().alerts.some((alert) => alert.ruleId === rule.id),
      'the banner on the board',
    );
    expect(unitBoard.latest().alerts).toEqual([]);

    await ami.action('Hangup', [['Channel', channel]]);
    const cleared = await waitFor(() => receiver.accepted()[1], 'the clear accepted', { timeoutMs: 30_000 });
    expect(JSON.parse(cleared.body)).toMatchObject({ event: 'alert.cleared', alert: { ruleId: rule.id } });
    await waitFor(() => ownerBoard.latest().alerts.length === 0, 'the banner gone');

    // Both processes keep evaluating every second: nothing more arrives.
    await quietPeriod(3_000);
    expect(receiver.accepted().map((item) => (JSON.parse(item.body) as { event: string }).event)).toEqual([
      'alert.raised',
      'alert.cleared',
    ]);
    expect(receiver.received).toHaveLength(4);
    expect(receiver.received.every((item) => item.signed)).toBe(true);
    // The unit administrator (support only) never heard of the sales alert, not even briefly.
    expect(unitBoard.latest().alerts).toEqual([]);
    expect(unitBoard.updates.flatMap((view) => view.alerts)).toEqual([]);

    const history = await owner.call<AlertHistoryPage>('GET', '/api/alerts/history');
    expect(history.body.entries.map((entry) => [entry.kind, entry.ruleId])).toEqual([
      ['cleared', rule.id],
      ['raised', rule.id],
    ]);
  });
});
