import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { Gate } from '../../server/gate.ts';
import { ApiClient, startAccessApp, startWith, TEST_AUTH, type AccessApp } from '../support/access-app.ts';

/** How many of the answers had each status, e.g. `{ 401: 5, 429: 95 }`. */
function tally(statuses: readonly number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

const login = (url: string, username: string, password: string) =>
  new ApiClient(url).login(username, password).then((a) => a.status);

describe('login limits hold for logins that arrive at once', () => {
  let app: AccessApp;
  beforeAll(async () => {
    app = await startAccessApp({
      redisUrl: inject('redisUrl'),
      auth: { ...TEST_AUTH, login: { perUser: 5, perIp: 50, windowMs: 60_000 } },
      // Room for every attempt to wait its turn: this counts attempts, not load (gate.test.ts).
      hashGate: new Gate({ running: 2, waiting: 300, refused: () => new Error('busy') }),
    });
    await startWith(app, [['alice', 'agent']]);
  });
  afterAll(() => app.close());
  // Every test logs in from 127.0.0.1: each starts with no attempt counted.
  beforeEach(async () => {
    const counters = await app.redis.keys(`${app.access.options.prefix}:*login-failures*`);
    if (counters.length > 0) await app.redis.del(...counters);
  });

  it('tries at most the per-user limit of passwords for one user when 100 logins arrive together', async () => {
    const guesses = Array.from({ length: 100 }, (_, i) => (i === 50 ? 'alice password 1' : `guess ${i}`));
    const counts = tally(await Promise.all(guesses.map((password) => login(app.url, 'alice', password))));
    const tried = (counts[401] ?? 0) + (counts[200] ?? 0);
    expect(tried).toBeLessThanOrEqual(5);
    expect(counts[429]).toBeGreaterThanOrEqual(95);
    expect(Object.keys(counts).sort()).toEqual(expect.arrayContaining(['401', '429']));
  });

  it('counts logins of unknown users against the address: 300 at once get 50 answers and 250 refusals', async () => {
    const counts = tally(
      await Promise.all(Array.from({ length: 300 }, (_, i) => login(app.url, `nobody${i}`, 'some password'))),
    );
    expect(counts).toEqual({ 401: 50, 429: 250 });
  });
});
