import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { KioskCreatedView } from '../../server/contract/accounts.ts';
import type { ClientEvents, ServerEvents } from '../../server/contract/events.ts';
import type { Layout, LayoutListChange } from '../../server/contract/layout.ts';
import type { App } from '../../server/compose.ts';
import type { Simulator } from '../../server/sim/index.ts';
import { loggedIn, type ApiClient } from '../support/access-app.ts';
import { boardConfig, startBoardApp, startQuietSimulator, TEST_OWNER } from '../support/board-app.ts';
import { waitFor } from '../support/wait.ts';

/**
 * "Open layout" follows the list live: the server announces every create, import, save and delete to the sockets that
 * asked with layouts:watch, and only to logged-in users' sockets: a wall TV's kiosk link is refused.
 */
type ClientSocket = Socket<ServerEvents, ClientEvents>;

let sim: Simulator;
let app: App;
let owner: ApiClient;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  sim = await startQuietSimulator();
  app = await startBoardApp(boardConfig({ redisUrl: inject('redisUrl'), amiPort: sim.port }));
  owner = await loggedIn(app.url, TEST_OWNER.username, TEST_OWNER.password);
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await app.close();
  await sim.close();
});

/** A connected socket and the list changes it receives. */
async function follower(
  options: Parameters<typeof io>[1],
): Promise<{ socket: ClientSocket; changes: LayoutListChange[] }> {
  const socket: ClientSocket = io(app.url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...options,
  });
  sockets.push(socket);
  const changes: LayoutListChange[] = [];
  socket.on('layouts:changed', (change) => changes.push(change));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return { socket, changes };
}

const NEW_LAYOUT = { name: 'Live list', columns: 1, columnsContent: [[]], since: { kind: 'today' }, theme: 'dark' };

describe('the layout list, live', () => {
  it('tells every user following the list of each create, import, save and delete, and no kiosk link', async () => {
    const screen = await follower({ extraHeaders: { Cookie: owner.cookie! } });
    const idle = await follower({ extraHeaders: { Cookie: owner.cookie! } });
    expect(await screen.socket.emitWithAck('layouts:watch')).toEqual({ ok: true, data: null });

    const created = await owner.call<Layout>('POST', '/api/layouts', NEW_LAYOUT);
    expect(created.status).toBe(201);
    const kiosk = await owner.call<KioskCreatedView>('POST', '/api/kiosk', { layoutId: created.body.id, name: 'Wall' });
    expect(kiosk.status).toBe(201);
    const tv = await follower({ auth: { kiosk: kiosk.body.token } });
    expect(await tv.socket.emitWithAck('layouts:watch')).toEqual({
      ok: false,
      error: 'This screen may not list layouts.',
    });

    const saved = await owner.call<Layout>('PUT', `/api/layouts/${created.body.id}`, {
      ...created.body,
      name: 'Live list, renamed',
    });
    expect(saved.status).toBe(200);
    const imported = await owner.call<Layout>('POST', '/api/layouts/import', {
      ...saved.body,
      id: 'live-list-copy',
      version: 1,
    });
    expect(imported.status).toBe(201);
    expect((await owner.call('DELETE', `/api/layouts/${created.body.id}`)).status).toBe(204);

    const expected: LayoutListChange[] = [
      { id: created.body.id, change: 'created' },
      { id: created.body.id, change: 'saved' },
      { id: imported.body.id, change: 'created' },
      { id: created.body.id, change: 'deleted' },
    ];
    await waitFor(() => screen.changes.length >= expected.length, 'the list changes');
    expect(screen.changes).toEqual(expected);
    // The kiosk saw its layout's own events only, and the socket that did not ask saw nothing.
    expect(tv.changes).toEqual([]);
    expect(idle.changes).toEqual([]);
  });
});
