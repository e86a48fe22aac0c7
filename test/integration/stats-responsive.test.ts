import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { App } from '../../server/compose.ts';
import type { Simulator } from '../../server/sim/index.ts';
import { statsKeys } from '../../server/store/keys.ts';
import { dayName, dayOf } from '../../server/stats/counting/buckets.ts';
import { boardConfig, ownerCookie, startBoardApp, startQuietSimulator, uniquePrefix } from '../support/board-app.ts';

/**
 * The costliest statistics query a user may ask (the longest series, 5-minute intervals of the last 24 hours, over
 * 100 queues with counts in every minute) does not hold up the server: requests that arrive while it runs are answered
 * before it is.
 */
const QUEUES = 100;

let sim: Simulator;
let app: App;
let cookie: string;
const redis = new Redis(inject('redisUrl'));
const prefix = uniquePrefix();

beforeAll(async () => {
  const keys = statsKeys(prefix);
  const names = Array.from({ length: QUEUES }, (_, i) => `queue-${i}`);
  const today = dayOf(Date.now());
  const pipe = redis.pipeline();
  for (const day of [today - 1, today]) {
    for (const name of names) {
      const fields = Array.from({ length: 1_440 / 6 }, (_, i) => [`m${i * 6}:${name}`, '1,1,0']).flat();
      pipe.hset(keys.queueDay(dayName(day)), ...fields);
    }
  }
  await pipe.exec();
  await redis.sadd(keys.queues, ...names);
  sim = await startQuietSimulator();
  app = await startBoardApp(boardConfig({ redisUrl: inject('redisUrl'), amiPort: sim.port, prefix }));
  cookie = await ownerCookie(app.url);
});

afterAll(async () => {
  await app.close();
  await sim.close();
  const found = await redis.keys(`${prefix}:*`);
  if (found.length > 0) await redis.del(...found);
  redis.disconnect();
});

describe('the longest statistics query', () => {
  it('lets /healthz through while it runs', async () => {
    const order: string[] = [];
    const query = fetch(`${app.url}/api/stats?since=24h&interval=5m`, { headers: { Cookie: cookie } }).then(
      async (answer) => {
        order.push(`stats ${answer.status}`);
        return (await answer.json()) as { series: { starts: string[]; queues: unknown[] } };
      },
    );
    const health = fetch(`${app.url}/healthz`).then((answer) => order.push(`healthz ${answer.status}`));
    const [figures] = await Promise.all([query, health]);
    expect(order).toEqual(['healthz 200', 'stats 200']);
    expect(figures.series.starts.length).toBeGreaterThan(288);
    // The simulated center's three queues besides.
    expect(figures.series.queues).toHaveLength(QUEUES + 3);
  });
});
