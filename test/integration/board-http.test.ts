import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LiveStateView } from '../../server/contract/live.ts';
import type { App } from '../../server/main.ts';
import type { Simulator } from '../../server/sim/index.ts';
import { boardConfig, ownerCookie, startBoardApp, startQuietSimulator } from '../support/board-app.ts';
import { eventually, getJson } from '../support/eventually.ts';

let sim: Simulator;
let app: App;
let webRoot: string;
let cookie: string;

beforeAll(async () => {
  webRoot = await mkdtemp(path.join(tmpdir(), 'tablica-web-'));
  await writeFile(path.join(webRoot, 'index.html'), '<!doctype html><title>Tablica</title>');
  await writeFile(path.join(webRoot, 'app.js'), 'export {};');
  sim = await startQuietSimulator();
  app = await startBoardApp(boardConfig({ redisUrl: inject('redisUrl'), amiPort: sim.port, instanceId: 'web-1' }), { webRoot });
  cookie = await ownerCookie(app.url);
});

afterAll(async () => {
  await app.close();
  await sim.close();
  await rm(webRoot, { recursive: true, force: true });
});

describe('HTTP', () => {
  it('GET /api/state needs a session or a kiosk link', async () => {
    expect((await getJson(`${app.url}/api/state`)).status).toBe(401);
  });

  it('GET /api/state: the live state nested per queue', async () => {
    const { status, body } = await eventually(async () => {
      const answer = await getJson<LiveStateView>(`${app.url}/api/state`, cookie);
      return answer.body.link.up && answer;
    }, 'the AMI live');
    expect(status).toBe(200);
    expect(body.queues.map((queue) => queue.name)).toEqual(['billing', 'sales', 'support']);
    expect(body.queues.find((queue) => queue.name === 'sales')!.members.map((member) => member.name)).toEqual([
      'Alice',
      'Bob',
      'Carol',
      'Dave',
    ]);
    expect(body.agents).toHaveLength(8);
  });

  it('GET /healthz: 200 with the AMI, Redis, lease holder and event lag; 503 once the AMI is gone', async () => {
    const healthy = await eventually(async () => {
      const answer = await getJson(`${app.url}/healthz`);
      return answer.status === 200 && answer;
    }, 'healthy');
    expect(healthy.body).toMatchObject({
      ok: true,
      instance: 'web-1',
      leaseHolder: 'web-1',
      readingAmi: true,
      ami: { connected: true, endpoints: [{ id: 'pbx', connected: true, state: 'live', lastError: null }] },
      redis: { up: true },
    });
    expect(healthy.body.eventLagMs).toBeTypeOf('number');

    await sim.close();
    const sick = await eventually(async () => {
      const answer = await getJson(`${app.url}/healthz`);
      return answer.status === 503 && answer;
    }, 'unhealthy');
    expect(sick.body).toMatchObject({ ok: false, ami: { connected: false } });
  });

  it('serves the web app, index.html for page paths, and JSON errors elsewhere', async () => {
    const script = await fetch(`${app.url}/app.js`);
    expect(script.status).toBe(200);
    expect(await script.text()).toBe('export {};');
    for (const page of ['/', '/layouts/42']) {
      const response = await fetch(`${app.url}${page}`, { headers: { Accept: 'text/html' } });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<title>Tablica</title>');
    }
    const missing = await getJson(`${app.url}/api/nothing`);
    expect(missing).toEqual({ status: 404, body: { ok: false, error: 'not found: GET /api/nothing' } });
    const asset = await fetch(`${app.url}/missing.png`, { headers: { Accept: 'image/png' } });
    expect(asset.status).toBe(404);
    expect(((await asset.json()) as { ok: boolean }).ok).toBe(false);
  });
});
