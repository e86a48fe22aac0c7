import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { MonitorGroupView, MonitorSessionView } from '../../server/contract/monitoring.ts';
import type { App } from '../../server/compose.ts';
import type { Simulator } from '../../server/sim/index.ts';
import { monitoringKeys } from '../../server/store/keys.ts';
import { type ApiClient, loggedIn } from '../support/access-app.ts';
import { boardConfig, startBoardApp, startQuietSimulator, TEST_OWNER, uniquePrefix } from '../support/board-app.ts';

/** Permission groups' REST API, who may use it, and the Monitoring log's retention. */
let sim: Simulator;
let app: App;
let owner: ApiClient;
let redis: Redis;
const prefix = uniquePrefix();

beforeAll(async () => {
  sim = await startQuietSimulator();
  app = await startBoardApp(boardConfig({ redisUrl: inject('redisUrl'), amiPort: sim.port, prefix }));
  owner = await loggedIn(app.url, TEST_OWNER.username, TEST_OWNER.password);
  redis = new Redis(inject('redisUrl'));
});

afterAll(async () => {
  redis?.disconnect();
  await app?.close();
  await sim?.close();
});

describe('monitoring permission groups', () => {
  it('creates, renames, edits and deletes a group; only the Owner and administrators manage them', async () => {
    const sup = await owner.call<{ id: string }>('POST', '/api/users', {
      username: 'sup',
      password: 'sup password 1',
      role: 'supervisor',
    });
    const created = await owner.call<MonitorGroupView>('POST', '/api/monitoring/groups', {
      name: 'Floor',
      monitors: [sup.body.id],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Floor', monitors: [sup.body.id], monitored: [] });
    const renamed = await owner.call<MonitorGroupView>('PUT', `/api/monitoring/groups/${created.body.id}`, {
      name: 'Sales floor',
      monitors: [sup.body.id, sup.body.id],
    });
    expect(renamed.body).toEqual({ id: created.body.id, name: 'Sales floor', monitors: [sup.body.id], monitored: [] });
    expect((await owner.call('GET', '/api/monitoring/groups')).body).toEqual([renamed.body]);

    const supervisor = await loggedIn(app.url, 'sup', 'sup password 1');
    expect((await supervisor.call('GET', '/api/monitoring/groups')).status).toBe(403);
    expect((await supervisor.call('GET', '/api/monitoring/sessions')).status).toBe(403);
    expect((await owner.call('PUT', '/api/monitoring/groups/nope', { name: 'X' })).status).toBe(404);
    expect((await owner.call('POST', '/api/monitoring/groups', { name: '' })).status).toBe(400);

    expect((await owner.call('DELETE', `/api/monitoring/groups/${created.body.id}`)).status).toBe(204);
    expect((await owner.call('GET', '/api/monitoring/groups')).body).toEqual([]);
  });

  it('keeps each monitoring extension on one user, so that #44 and the caller number name one person', async () => {
    const first = await owner.call<{ id: string }>('POST', '/api/users', {
      username: 'ext1',
      password: 'ext1 password 1',
      role: 'supervisor',
      extension: '2105',
    });
    expect(first.status).toBe(201);
    const duplicate = await owner.call('POST', '/api/users', {
      username: 'ext2',
      password: 'ext2 password 1',
      role: 'supervisor',
      extension: '2105',
    });
    const refusal = {
      ok: false,
      error: "Extension 2105 is already ext1's: the feature code #44 needs each extension on one user only.",
    };
    expect([duplicate.status, duplicate.body]).toEqual([400, refusal]);
    // Nothing was created: the name is free.
    const second = await owner.call<{ id: string }>('POST', '/api/users', {
      username: 'ext2',
      password: 'ext2 password 1',
      role: 'supervisor',
      extension: '2106',
    });
    expect(second.status).toBe(201);
    const change = await owner.call('PATCH', `/api/users/${second.body.id}`, { extension: '2105' });
    expect([change.status, change.body]).toEqual([400, refusal]);
    expect(
      (await owner.call('PATCH', `/api/users/${first.body.id}`, { extension: '2105', monitorCalls: true })).status,
    ).toBe(200);
    expect((await owner.call('PATCH', `/api/users/${first.body.id}`, { extension: null })).status).toBe(200);
    expect((await owner.call('PATCH', `/api/users/${second.body.id}`, { extension: '2105' })).status).toBe(200);
  });

  it('is the retention category "Monitoring log": kept forever by default, a rule of days, Delete all empties it', async () => {
    const ended = (id: string, endedAt: number): MonitorSessionView => ({
      id,
      supervisor: 's',
      supervisorName: 'S',
      agent: 'Local/1001@agents',
      agentName: 'Alice',
      callId: 'c',
      queue: 'sales',
      state: 'ended',
      mode: 'listen',
      startedAt: endedAt - 1_000,
      changes: [],
      endedAt,
      end: 'stopped',
      endMessage: null,
    });
    const keys = monitoringKeys(prefix);
    const old = ended('old', Date.now() - 10 * 86_400_000);
    const recent = ended('recent', Date.now());
    await redis.zadd(keys.history, old.endedAt!, JSON.stringify(old), recent.endedAt!, JSON.stringify(recent));
    const log = async () =>
      (await owner.call<{ sessions: MonitorSessionView[]; total: number }>('GET', '/api/monitoring/sessions')).body;
    expect((await log()).sessions.map((session) => session.id)).toEqual(['recent', 'old']);
    expect((await owner.call<Record<string, unknown>>('GET', '/api/retention')).body.monitoringLog).toEqual({
      days: null,
    });
    expect((await owner.call('PUT', '/api/retention', { monitoringLog: { days: 3 } })).body).toMatchObject({
      monitoringLog: { days: 3 },
    });
    expect((await owner.call('DELETE', '/api/retention/monitoringLog', { confirm: 'YES' })).body).toEqual({
      category: 'monitoringLog',
      deleted: 2,
    });
    expect(await log()).toEqual({ sessions: [], total: 0 });
  });
});
