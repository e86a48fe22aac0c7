import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LiveStateView } from '../../server/contract/live.ts';
import type { App } from '../../server/compose.ts';
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
  app = await startBoardApp(boardConfig({ redisUrl: inject('redisUrl'), amiPort: sim.port, instanceId: 'web-1' }), {
    webRoot,
  });
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
    expect(missing).toEqual({ status: 404, body: { ok: false, error: 'There is nothing at GET /api/nothing.' } });
    const asset = await fetch(`${app.url}/missing.png`, { headers: { Accept: 'image/png' } });
    expect(asset.status).toBe(404);
    expect(((await asset.json()) as { ok: boolean }).ok).toBe(false);
  });
});

describe('security headers', () => {
  const POLICY =
    "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;font-src 'self';" +
    "connect-src 'self';object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none'";

  it('sends a Content-Security-Policy, no framing, nosniff and no Referer with the web app and the API', async () => {
    for (const path of ['/', '/?kiosk=abc', '/app.js', '/api/state', '/api/session', '/healthz', '/nowhere']) {
      const { headers } = await fetch(`${app.url}${path}`, { headers: { Accept: 'text/html' } });
      expect(headers.get('content-security-policy'), path).toBe(POLICY);
      expect(headers.get('x-frame-options'), path).toBe('DENY');
      expect(headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(headers.get('strict-transport-security'), path).toBeNull();
    }
  });

  it('lets the pages of KIOSK_FRAME_ANCESTORS frame a kiosk link, and nothing else', async () => {
    const embedding = await startBoardApp(
      boardConfig({
        redisUrl: inject('redisUrl'),
        amiPort: sim.port,
        kioskFrameAncestors: ['https://signage.example.com'],
      }),
      { webRoot },
    );
    try {
      const kiosk = await fetch(`${embedding.url}/?kiosk=abc`, { headers: { Accept: 'text/html' } });
      expect(kiosk.headers.get('content-security-policy')).toMatch(/;frame-ancestors https:\/\/signage\.example\.com$/);
      expect(kiosk.headers.get('x-frame-options')).toBeNull();
      const board = await fetch(`${embedding.url}/`, { headers: { Accept: 'text/html' } });
      expect(board.headers.get('content-security-policy')).toMatch(/;frame-ancestors 'none'$/);
      expect(board.headers.get('x-frame-options')).toBe('DENY');
    } finally {
      await embedding.close();
    }
  });
});
