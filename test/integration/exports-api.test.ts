import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { UnitView } from '../../server/contract/accounts.ts';
import type { ExportListView, RateTableView } from '../../server/contract/exports.ts';
import type { App } from '../../server/compose.ts';
import type { Simulator } from '../../server/sim/index.ts';
import { type ApiClient, loggedIn } from '../support/access-app.ts';
import { boardConfig, startBoardApp, startQuietSimulator, TEST_OWNER } from '../support/board-app.ts';

/** `/api/exports`: who may write a day, list it, download which files, and change the rate table. */
let sim: Simulator;
let app: App;
let owner: ApiClient;
const clients = new Map<string, ApiClient>();
let unit: UnitView;
const today = new Date().toISOString().slice(0, 10);

async function user(name: string, role: string): Promise<string> {
  const created = await owner.call<{ id: string }>('POST', '/api/users', {
    username: name,
    password: `${name} password 1`,
    role,
  });
  clients.set(name, await loggedIn(app.url, name, `${name} password 1`));
  return created.body.id;
}

function as(name: string): ApiClient {
  return clients.get(name)!;
}

async function download(
  client: ApiClient,
  url: string,
): Promise<{ status: number; type: string | null; text: string }> {
  const response = await fetch(`${app.url}${url}`, { headers: { Cookie: client.cookie ?? '' } });
  return { status: response.status, type: response.headers.get('content-disposition'), text: await response.text() };
}

beforeAll(async () => {
  sim = await startQuietSimulator();
  app = await startBoardApp(boardConfig({ redisUrl: inject('redisUrl'), amiPort: sim.port }));
  owner = await loggedIn(app.url, TEST_OWNER.username, TEST_OWNER.password);
  clients.set('owner', owner);
  await user('admin', 'administrator');
  const unitAdmin = await user('unitadmin', 'administrator');
  await user('sup', 'supervisor');
  await user('agent', 'agent');
  unit = (await owner.call<UnitView>('POST', '/api/units', { name: 'Unit A', administrators: [unitAdmin] })).body;
});

afterAll(async () => {
  await app?.close();
  await sim?.close();
});

describe('the exports API', () => {
  it('refuses supervisors and agents everything', async () => {
    for (const name of ['sup', 'agent']) {
      expect((await as(name).call('GET', '/api/exports')).status, name).toBe(403);
      expect((await as(name).call('POST', `/api/exports/${today}`)).status, name).toBe(403);
      expect((await as(name).call('GET', '/api/exports/rates')).status, name).toBe(403);
    }
  });

  it('lets the Owner and administrators write a day and download every file', async () => {
    for (const name of ['owner', 'admin']) {
      const written = await as(name).call('POST', `/api/exports/${today}`);
      expect(written.status, name).toBe(200);
      const list = await as(name).call<ExportListView>('GET', '/api/exports');
      const files = list.body.days.find((day) => day.day === today)?.files ?? [];
      expect(files.map((file) => `${file.scope}/${file.kind}`).sort()).toEqual(
        ['center/cdrs', 'center/queueCalls', `${unit.id}/cdrs`, `${unit.id}/queueCalls`].sort(),
      );
      const cdrs = await download(as(name), files.find((file) => file.scope === 'center' && file.kind === 'cdrs')!.url);
      expect(cdrs).toMatchObject({ status: 200, type: `attachment; filename=${today}.csv` });
      expect(cdrs.text.split('\r\n')[0]).toBe(
        'id,calldate,src_id,src,clid,dst,dst_name,duration,billsec,disposition,destination,rate,charge,t_cause',
      );
    }
  });

  it("gives a unit administrator their units' files only", async () => {
    expect((await as('unitadmin').call('POST', `/api/exports/${today}`)).status).toBe(200);
    const list = await as('unitadmin').call<ExportListView>('GET', '/api/exports');
    expect(list.body.mayEditRates).toBe(false);
    const files = list.body.days.flatMap((day) => day.files);
    expect(new Set(files.map((file) => file.scope))).toEqual(new Set([unit.id]));
    expect((await download(as('unitadmin'), `/api/exports/${today}/${unit.id}/cdrs`)).status).toBe(200);
    expect((await download(as('unitadmin'), `/api/exports/${today}/center/cdrs`)).status).toBe(403);
    expect((await as('unitadmin').call('PUT', '/api/exports/rates', { csv: '48,Poland,0.1' })).status).toBe(403);
  });

  it('says what is wrong with a day', async () => {
    expect((await owner.call<{ error: string }>('POST', '/api/exports/2026-02-30')).body.error).toMatch(
      /does not exist/,
    );
    expect((await owner.call<{ error: string }>('POST', '/api/exports/yesterday')).body.error).toMatch(/YYYY-MM-DD/);
    expect((await owner.call<{ error: string }>('POST', '/api/exports/2999-01-01')).body.error).toMatch(
      /has not begun/,
    );
    expect((await download(owner, '/api/exports/2001-01-01/center/cdrs')).status).toBe(404);
  });

  it('keeps a rate table and names the bad lines of one it refuses', async () => {
    const refused = await owner.call<{ error: string }>('PUT', '/api/exports/rates', {
      csv: 'prefix,destination,price\n48,Poland,0.10\n4x,Bad,1\n49,"Germany, Mobile",abc\n',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toContain('Line 3: the prefix "4x" must be 1 to 15 digits.');
    expect(refused.body.error).toContain('Line 4: the price per minute "abc" must be a number such as 0.05.');
    expect((await owner.call<RateTableView>('GET', '/api/exports/rates')).body.rates).toEqual([]);
    const saved = await as('admin').call<RateTableView>('PUT', '/api/exports/rates', {
      csv: '48,Poland,0.10\n4860,"Poland, Mobile",0.20\n',
    });
    expect(saved.status).toBe(200);
    expect((await owner.call<RateTableView>('GET', '/api/exports/rates')).body.rates).toEqual([
      { prefix: '48', destination: 'Poland', perMinute: '0.10' },
      { prefix: '4860', destination: 'Poland, Mobile', perMinute: '0.20' },
    ]);
  });
});
