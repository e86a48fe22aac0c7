import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { evaluate } from '../../server/alerts/evaluate.ts';
import { figuresOf } from '../../server/alerts/figures.ts';
import { AlertStore } from '../../server/alerts/store.ts';
import { ALERT_METRICS, type AlertRule, type Webhook } from '../../server/contract/alerts.ts';
import { DEMO_SECRET } from '../../server/sim/index.ts';
import { alertKeys } from '../../server/store/keys.ts';
import { closeRedis } from '../../server/store/redis.ts';
import { queueStats } from '../../web/testing/stats.ts';
import { loggedIn } from '../support/access-app.ts';
import { boardConfig, startBoardApp, startQuietSimulator, TEST_OWNER, uniquePrefix } from '../support/board-app.ts';
import { startRedisServer } from '../support/redis-server.ts';
import { pauseSales, SimClient } from '../support/sim-client.ts';
import { freshLayout } from '../support/sim-scenarios.ts';
import { waitFor } from '../support/wait.ts';
import { startWebhookReceiver } from '../support/webhook-receiver.ts';

/**
 * Alerts: (1) the real server and the simulator, a rule "callers waiting in sales over 0 for `forSec`": the wall time
 * from a caller joining (as the simulator announces it) to the webhook receiving the raise, less `forSec`; (2) one
 * evaluation of `rules` rules over 100 queues as the lease holder makes it after each statistics write (rules read
 * from Redis and parsed, figures taken, every rule judged), in ms.
 */
export async function benchAlerts(options: { raises: number; forSec: number; rules: number }): Promise<{
  lateMs: number[];
  evaluationMs: number[];
}> {
  const redisServer = await startRedisServer();
  const receiver = await startWebhookReceiver('bench-secret-0123456789');
  const sim = await startQuietSimulator({ layout: freshLayout() });
  const prefix = uniquePrefix();
  const app = await startBoardApp(boardConfig({ redisUrl: redisServer.url, amiPort: sim.port, prefix }));
  const redis = new Redis(redisServer.url);
  const ami = await SimClient.connect(sim.port);
  try {
    await ami.login(DEMO_SECRET);
    await pauseSales(ami);
    const owner = await loggedIn(app.url, TEST_OWNER.username, TEST_OWNER.password);
    const webhook = await owner.call<Webhook>('POST', '/api/alerts/webhooks', {
      name: 'Bench',
      url: receiver.url,
      format: 'generic',
      secret: 'bench-secret-0123456789',
    });
    await owner.call('POST', '/api/alerts/rules', {
      name: 'Sales waiting',
      queue: 'sales',
      metric: 'waiting',
      raise: { threshold: 0, forSec: options.forSec },
      clear: { threshold: 0, forSec: 0 },
      webhooks: [webhook.body.id],
    });
    const lateMs: number[] = [];
    for (let i = 0; i < options.raises; i += 1) {
      const before = receiver.accepted().length;
      const id = ami.sendAction('Originate', [
        ['Channel', 'Local/sales@callers'],
        ['Application', 'Wait'],
        ['Data', '3600'],
        ['CallerID', `"Bench" <55540${String(i).padStart(2, '0')}>`],
        ['Async', 'true'],
      ]);
      await ami.response(id);
      sim.advance(1_000);
      const response = await ami.waitFor((m) => m.name === 'OriginateResponse' && m.get('ActionID') === id, 'caller');
      const joined = performance.now();
      const channel = response.get('Channel')!;
      const raised = await waitFor(() => receiver.accepted()[before], 'the raise', { timeoutMs: 30_000 });
      lateMs.push(Math.max(0, raised.at - performance.timeOrigin - joined - options.forSec * 1000));
      await ami.action('Hangup', [['Channel', channel]]);
      await waitFor(() => receiver.accepted()[before + 1], 'the clear', { timeoutMs: 30_000 });
    }

    const store = new AlertStore(redis, alertKeys(uniquePrefix()));
    const queues = Array.from({ length: 100 }, (_, q) => queueStats(`q${q}`, { waiting: q % 5, serviceLevelPct: 80 }));
    for (let r = 0; r < options.rules; r += 1) await store.putRule(syntheticRule(r));
    const board = { agents: [], link: { ami: { up: true, since: null, down: [] }, redis: { up: true, since: null } } };
    const evaluationMs: number[] = [];
    let pending = new Map<string, number>();
    for (let round = 0; round < 20; round += 1) {
      const start = performance.now();
      const [rules, active] = await Promise.all([store.rules(), store.active()]);
      pending = evaluate(rules, figuresOf(queues, board), active, pending, Date.now()).pending;
      evaluationMs.push(performance.now() - start);
    }
    return { lateMs, evaluationMs };
  } finally {
    ami.close();
    await app.close();
    await sim.close();
    await receiver.close();
    await closeRedis(redis);
    await redisServer.stop();
  }
}

const HUNDRED_QUEUES = Array.from({ length: 100 }, (_, q) => `q${q}`);

/** The `r`th of many rules over `queues` (every tenth for the whole center), of every metric. */
export function syntheticRule(r: number, queues: readonly string[] = HUNDRED_QUEUES): AlertRule {
  const metric = ALERT_METRICS[r % ALERT_METRICS.length]!;
  const low = metric === 'serviceLevel' || metric === 'available';
  return {
    id: `rule-${r}`,
    name: `Rule ${r}`,
    queue: r % 10 === 0 ? null : queues[r % queues.length]!,
    metric,
    raise: { threshold: low ? 70 : 3, forSec: 60 },
    clear: { threshold: low ? 75 : 2, forSec: 30 },
    webhooks: [],
    enabled: true,
  };
}
