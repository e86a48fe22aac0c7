import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { KioskCreatedView } from '../../server/contract/access.ts';
import type { LayoutSummary } from '../../server/contract/layout.ts';
import type { App } from '../../server/main.ts';
import type { Simulator } from '../../server/sim/index.ts';
import { loggedIn, type ApiClient } from '../support/access-app.ts';
import { boardConfig, startBoardApp, startQuietSimulator, TEST_OWNER } from '../support/board-app.ts';

/** Who reads and changes which layouts over HTTP, on the server as `npm start` wires it. */
let sim: Simulator;
let app: App;
let owner: ApiClient;
let shipped: LayoutSummary[];

beforeAll(async () => {
  sim = await startQuietSimulator();
  app = await startBoardApp(boardConfig({ redisUrl: inject('redisUrl'), amiPort: sim.port }));
  owner = await loggedIn(app.url, TEST_OWNER.username, TEST_OWNER.password);
  shipped = (await owner.call<LayoutSummary[]>('GET', '/api/layouts?sort=name&dir=asc')).body;
  expect(shipped.length).toBeGreaterThanOrEqual(2);
});

afterAll(async () => {
  await app?.close();
  await sim?.close();
});

describe('a kiosk link over HTTP', () => {
  it('reads its own layout and nothing else of /api/layouts', async () => {
    const [own, other] = shipped;
    const created = await owner.call<KioskCreatedView>('POST', '/api/kiosk', { layoutId: own!.id, name: 'Hall TV' });
    expect(created.status).toBe(201);
    const get = (path: string) => fetch(`${app.url}/api/layouts${path}`, { headers: { Authorization: `Bearer ${created.body.token}` } });

    const mine = await get(`/${own!.id}`);
    expect(mine.status).toBe(200);
    expect(((await mine.json()) as { id: string }).id).toBe(own!.id);
    for (const path of ['', '?sort=name&dir=asc', `/${other!.id}`, `/${other!.id}/export`, `/${own!.id}/export`, '/no-such-layout']) {
      const refused = await get(path);
      expect(refused.status, path).toBe(403);
      const body = await refused.text();
      expect(JSON.parse(body), path).toEqual({ ok: false, error: 'A kiosk link reads only its own layout.' });
      expect(body, path).not.toContain(other!.name);
    }
  });
});
