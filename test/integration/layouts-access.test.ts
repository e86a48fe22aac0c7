import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ClientEvents, ServerEvents } from '../../server/contract/events.ts';
import type { KioskCreatedView, UserView } from '../../server/contract/accounts.ts';
import type { Layout, LayoutSummary } from '../../server/contract/layout.ts';
import type { Result } from '../../server/contract/result.ts';
import type { App } from '../../server/compose.ts';
import type { Simulator } from '../../server/sim/index.ts';
import { loggedIn, type ApiClient } from '../support/access-app.ts';
import { boardConfig, startBoardApp, startQuietSimulator, TEST_OWNER } from '../support/board-app.ts';

/** Who reads and changes which layouts over HTTP, on the server as `npm start` wires it. */
let sim: Simulator;
let app: App;
let owner: ApiClient;
let shipped: LayoutSummary[];
const ids = new Map<string, string>();
const as = new Map<string, ApiClient>();
const sockets: Socket<ServerEvents, ClientEvents>[] = [];

beforeAll(async () => {
  sim = await startQuietSimulator();
  app = await startBoardApp(boardConfig({ redisUrl: inject('redisUrl'), amiPort: sim.port }));
  owner = await loggedIn(app.url, TEST_OWNER.username, TEST_OWNER.password);
  shipped = (await owner.call<LayoutSummary[]>('GET', '/api/layouts?sort=name&dir=asc')).body;
  expect(shipped.length).toBeGreaterThanOrEqual(2);
  // ada administers the whole board; una administers Sales, where sam and al work; sid works in Support; pat is a
  // supervisor in no unit.
  const roles = {
    ada: 'administrator',
    una: 'administrator',
    sam: 'supervisor',
    al: 'agent',
    sid: 'supervisor',
    pat: 'supervisor',
  };
  for (const [name, role] of Object.entries(roles)) {
    const created = await owner.call<UserView>('POST', '/api/users', {
      username: name,
      password: `${name} password 1`,
      role,
    });
    expect(created.status).toBe(201);
    ids.set(name, created.body.id);
  }
  const unit = (name: string, members: string[], administrators: string[], queues: string[]) =>
    owner.call('POST', '/api/units', {
      name,
      members: members.map((m) => ids.get(m)),
      administrators: administrators.map((a) => ids.get(a)),
      queues,
    });
  expect((await unit('Sales', ['sam', 'al'], ['una'], ['sales'])).status).toBe(201);
  expect((await unit('Support', ['sid'], [], ['support'])).status).toBe(201);
  for (const name of ids.keys()) as.set(name, await loggedIn(app.url, name, `${name} password 1`));
  as.set('owner', owner);
});

const NEW = { name: 'Floor', columns: 1 };
const user = (name: string): ApiClient => as.get(name)!;
const listed = async (name: string): Promise<string[]> =>
  (await user(name).call<LayoutSummary[]>('GET', '/api/layouts')).body.map((row) => row.id);
async function create(name: string, body: object): Promise<Layout> {
  const created = await user(name).call<Layout>('POST', '/api/layouts', { ...NEW, ...body });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}
/** Saves the layout as it is now, as `name`: the status of the save. */
async function save(name: string, id: string, change: object = {}): Promise<number> {
  const current = (await owner.call<Layout>('GET', `/api/layouts/${id}`)).body;
  return (await user(name).call('PUT', `/api/layouts/${id}`, { ...current, ...change })).status;
}

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await app?.close();
  await sim?.close();
});

describe('a kiosk link over HTTP', () => {
  it('reads its own layout and nothing else of /api/layouts', async () => {
    const [own, other] = shipped;
    const created = await owner.call<KioskCreatedView>('POST', '/api/kiosk', { layoutId: own!.id, name: 'Hall TV' });
    expect(created.status).toBe(201);
    const get = (path: string) =>
      fetch(`${app.url}/api/layouts${path}`, { headers: { Authorization: `Bearer ${created.body.token}` } });

    const mine = await get(`/${own!.id}`);
    expect(mine.status).toBe(200);
    expect(((await mine.json()) as { id: string }).id).toBe(own!.id);
    for (const path of [
      '',
      '?sort=name&dir=asc',
      `/${other!.id}`,
      `/${other!.id}/export`,
      `/${own!.id}/export`,
      '/no-such-layout',
    ]) {
      const refused = await get(path);
      expect(refused.status, path).toBe(403);
      const body = await refused.text();
      expect(JSON.parse(body), path).toEqual({ ok: false, error: 'A kiosk link reads only its own layout.' });
      expect(body, path).not.toContain(other!.name);
    }
  });
});

describe('layouts with an owner and a scope', () => {
  it('shipped layouts are for everyone, owned by nobody, and changed only by whole-board administrators', async () => {
    const [first] = shipped;
    expect(first).toMatchObject({ owner: null, scope: 'all' });
    const all = shipped.map((row) => row.id);
    for (const name of ['una', 'sam', 'al', 'sid', 'pat'])
      expect(await listed(name), name).toEqual(expect.arrayContaining(all));
    for (const name of ['una', 'sam', 'pat']) {
      expect(await save(name, first!.id), name).toBe(403);
      expect((await user(name).call('DELETE', `/api/layouts/${first!.id}`)).status, name).toBe(403);
    }
    expect(await save('ada', first!.id)).toBe(200);
    expect(await save('owner', first!.id)).toBe(200);
  });

  it('a unit layout is read and changed within its owner’s unit, and by whole-board administrators', async () => {
    const layout = await create('sam', {});
    expect(layout).toMatchObject({ owner: ids.get('sam'), scope: 'unit' });
    for (const name of ['sam', 'una', 'al', 'ada', 'owner']) expect(await listed(name), name).toContain(layout.id);
    for (const name of ['sid', 'pat']) {
      expect(await listed(name), name).not.toContain(layout.id);
      expect((await user(name).call('GET', `/api/layouts/${layout.id}`)).status, name).toBe(404);
      expect((await user(name).call('GET', `/api/layouts/${layout.id}/export`)).status, name).toBe(404);
      expect(await save(name, layout.id), name).toBe(404);
    }
    expect(await save('una', layout.id, { name: 'Sales floor' })).toBe(200);
    expect(await save('ada', layout.id)).toBe(200);
    // A save by someone else keeps the owner, whatever the body says.
    expect(await save('sam', layout.id, { owner: ids.get('una') })).toBe(200);
    expect((await owner.call<Layout>('GET', `/api/layouts/${layout.id}`)).body).toMatchObject({
      owner: ids.get('sam'),
      scope: 'unit',
    });
  });

  it('a personal layout is its owner’s (and whole-board administrators’) only, over HTTP and on sockets', async () => {
    const layout = await create('sam', { scope: 'personal' });
    expect(await listed('una')).not.toContain(layout.id);
    expect(await listed('ada')).toContain(layout.id);
    const watch = (name: string): Promise<Result<Layout>> => {
      const cookie = user(name).cookie!;
      const socket: Socket<ServerEvents, ClientEvents> = connect(app.url, {
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        extraHeaders: { Cookie: cookie },
      });
      sockets.push(socket);
      return socket.timeout(5_000).emitWithAck('layout:watch', { id: layout.id }) as Promise<Result<Layout>>;
    };
    expect(await watch('una')).toEqual({ ok: false, error: `The layout "${layout.id}" does not exist.` });
    expect(await watch('sam')).toMatchObject({ ok: true, data: { id: layout.id } });
    // Nor can a unit administrator put it on a wall TV.
    expect(await user('una').call('POST', '/api/kiosk', { layoutId: layout.id })).toMatchObject({
      status: 400,
      body: { ok: false, error: `There is no layout ${layout.id}.` },
    });
    expect((await user('una').call('DELETE', `/api/layouts/${layout.id}`)).status).toBe(404);
    expect((await user('sam').call('DELETE', `/api/layouts/${layout.id}`)).status).toBe(204);
  });

  it('a user bound to units shares within them at most; others may share with everyone', async () => {
    for (const name of ['sam', 'una']) {
      expect((await user(name).call('POST', '/api/layouts', { ...NEW, scope: 'all' })).status, name).toBe(403);
    }
    const shared = await create('pat', { scope: 'all' });
    expect(shared.owner).toBe(ids.get('pat'));
    expect(await listed('sid')).toContain(shared.id);
    expect(await save('sam', shared.id)).toBe(403);
    expect(await save('pat', shared.id, { scope: 'personal' })).toBe(200);
    expect(await listed('sid')).not.toContain(shared.id);
  });

  it('a layout on a kiosk link is changed only by its owner and whole-board administrators', async () => {
    const layout = await create('sam', {});
    expect(await save('una', layout.id)).toBe(200);
    const kiosk = await user('ada').call<KioskCreatedView>('POST', '/api/kiosk', {
      layoutId: layout.id,
      name: 'Sales TV',
    });
    expect(kiosk.status).toBe(201);
    expect(await save('una', layout.id)).toBe(403);
    expect((await user('una').call('DELETE', `/api/layouts/${layout.id}`)).status).toBe(403);
    expect(await save('sam', layout.id)).toBe(200);
    expect(await save('ada', layout.id)).toBe(200);
    expect((await user('ada').call('DELETE', `/api/kiosk/${kiosk.body.id}`)).status).toBe(204);
    expect(await save('una', layout.id)).toBe(200);
  });
});
