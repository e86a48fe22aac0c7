import { Router } from 'express';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { m } from '../../server/contract/messages/messages.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SocketAccess } from '../../server/access/socket.ts';
import {
  NOT_ADMITTED,
  type KioskCreatedView,
  type KioskView,
  type RevokedView,
} from '../../server/contract/accounts.ts';
import type { BoardDelta, BoardOp } from '../../server/contract/board.ts';
import type { ClientEvents, ServerEvents } from '../../server/contract/events.ts';
import type { QueueSummaryView } from '../../server/contract/live.ts';
import { Transport, type BoardServer } from '../../server/realtime/transport.ts';
import { loggedIn, startAccessApp, startWith, type AccessApp, type ApiClient } from '../support/access-app.ts';
import { testLogger } from '../support/test-logger.ts';
import { waitFor } from '../support/wait.ts';

/** The socket's reason for being closed, as an English-speaking user reads it (the catalogue's words). */
const ACCESS_REVOKED_EN = m.server_access_revoked({}, { locale: 'en' });

type ClientSocket = Socket<ServerEvents, ClientEvents>;

let app: AccessApp;
let io: BoardServer;
let transport: Transport;
let sockets: SocketAccess;
let ids: Map<string, string>;
let admin: ApiClient;
let now = Date.parse('2025-03-01T08:00:00Z');
const opened: ClientSocket[] = [];
const rescoped: string[] = [];

beforeAll(async () => {
  app = await startAccessApp({
    redisUrl: inject('redisUrl'),
    allowedOrigins: ['https://tv.example.com'],
    clock: () => now,
    routes: (access) =>
      Router().get('/whoami', access.requireViewer(), (request, response) => {
        const viewer = access.viewerOf(request);
        response.json(viewer.kind === 'user' ? { user: viewer.user.username } : { kiosk: viewer.kiosk.layoutId });
      }),
  });
  io = new Server(app.http, { serveClient: false });
  transport = new Transport(io, { othersReachable: () => false });
  sockets = new SocketAccess(transport, app.access, {
    log: testLogger('sockets'),
    recheckMs: 100,
    onRescoped: (socket) => rescoped.push(socket.id),
    // One layout of this center is in Polish; the installation speaks English.
    layoutLocale: (id) => Promise.resolve(id === 'polish-wall' ? 'pl' : undefined),
  });
  ids = await startWith(app, [
    ['owner', 'owner'],
    ['ada', 'administrator'],
    ['una', 'administrator'],
    ['alice', 'agent'],
    ['uli', 'administrator'],
  ]);
  await app.access.org.units.put({
    id: 'u1',
    name: 'Sales',
    members: [],
    administrators: [ids.get('una')!],
    queues: ['sales'],
  });
  await app.access.org.units.put({
    id: 'u2',
    name: 'Billing',
    members: [],
    administrators: [ids.get('uli')!],
    queues: ['billing'],
  });
  admin = await loggedIn(app.url, 'ada', 'ada password 1');
});

afterAll(async () => {
  for (const socket of opened) socket.close();
  sockets.close();
  await io.close();
  await app.close();
});

/** Opens a socket and resolves once it is connected, or with the server's refusal. */
function open(options: Parameters<typeof connect>[1]): Promise<{ socket: ClientSocket; error?: string }> {
  const socket: ClientSocket = connect(app.url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...options,
  });
  opened.push(socket);
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ socket }));
    socket.once('connect_error', (error) => resolve({ socket, error: error.message }));
  });
}

function revocation(socket: ClientSocket): Promise<{ revoked: RevokedView; disconnect: string }> {
  return new Promise((resolve) => {
    socket.once('session:revoked', (revoked) =>
      socket.once('disconnect', (disconnect) => resolve({ revoked, disconnect })),
    );
  });
}

const createKiosk = (client: ApiClient, body: object) => client.call<KioskCreatedView>('POST', '/api/kiosk', body);

describe('kiosk links', () => {
  it('are made by administrators, shown once, stored hashed and listed without their token', async () => {
    const created = await createKiosk(admin, { layoutId: 'main-hall', name: 'Hall TV' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      layoutId: 'main-hall',
      name: 'Hall TV',
      createdBy: ids.get('ada'),
      expiresAt: null,
    });
    expect(created.body.token.length).toBeGreaterThanOrEqual(43);
    const stored = await app.redis.hgetall(app.access.keys.kiosks);
    expect(JSON.stringify(stored)).not.toContain(created.body.token);
    const list = await admin.call<KioskView[]>('GET', '/api/kiosk');
    const { token: _token, ...view } = created.body;
    expect(list.body).toEqual([view]);

    const agent = await loggedIn(app.url, 'alice', 'alice password 1');
    expect((await createKiosk(agent, { layoutId: 'main-hall' })).status).toBe(403);
    expect(await createKiosk(admin, { layoutId: 'x', expiresAt: '2020-01-01T00:00:00Z' })).toMatchObject({
      status: 400,
      body: { error: 'The expiry time must be in the future.' },
    });
  });

  it('a unit administrator lists and revokes only their own links', async () => {
    const una = await loggedIn(app.url, 'una', 'una password 1');
    const theirs = (await createKiosk(una, { layoutId: 'sales-wall' })).body;
    expect((await una.call<KioskView[]>('GET', '/api/kiosk')).body.map((kiosk) => kiosk.id)).toEqual([theirs.id]);
    const others = (await admin.call<KioskView[]>('GET', '/api/kiosk')).body;
    expect(others.map((kiosk) => kiosk.layoutId).sort()).toEqual(['main-hall', 'sales-wall']);
    expect((await una.call('DELETE', `/api/kiosk/${others[0]!.id}`)).status).toBe(403);
    expect((await una.call('DELETE', `/api/kiosk/${theirs.id}`)).status).toBe(204);
  });

  it('open a read-only socket limited to the layout and the creator’s unit', async () => {
    const una = await loggedIn(app.url, 'una', 'una password 1');
    const { token } = (await createKiosk(una, { layoutId: 'sales-wall' })).body;
    const { socket, error } = await open({ auth: { kiosk: token } });
    expect(error).toBeUndefined();
    const local = io.of('/').sockets.get(socket.id!)!;
    expect(sockets.principalOf(local)).toMatchObject({ kind: 'kiosk', kiosk: { layoutId: 'sales-wall' } });
    const scope = sockets.scopeOf(local)!;
    expect(scope.visible).not.toBe('all');
    expect(scope.visible !== 'all' && [...scope.visible.queues]).toEqual(['sales']);
    expect(scope.own.size).toBe(0);

    const viewer = await fetch(`${app.url}/api/whoami`, { headers: { Authorization: `Bearer ${token}` } });
    expect(await viewer.json()).toEqual({ kiosk: 'sales-wall' });
    const write = await fetch(`${app.url}/api/whoami`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(write.status).toBe(404);
  });

  it('refuse an unknown token and a session cookie from a foreign origin', async () => {
    expect((await open({ auth: { kiosk: 'not-a-token' } })).error).toBe(NOT_ADMITTED);
    expect((await open({})).error).toBe(NOT_ADMITTED);
    const cookie = admin.cookie!;
    expect((await open({ extraHeaders: { Cookie: cookie, Origin: 'https://evil.example' } })).error).toBe(NOT_ADMITTED);
    expect((await open({ extraHeaders: { Cookie: cookie, Origin: 'https://tv.example.com' } })).error).toBeUndefined();
    expect((await open({ extraHeaders: { Cookie: cookie } })).error).toBeUndefined();
  });

  it('revoked: the TV is told and dropped at once, and cannot come back', async () => {
    const created = (await createKiosk(admin, { layoutId: 'lobby' })).body;
    const { socket } = await open({ auth: { kiosk: created.token } });
    const dropped = revocation(socket);
    const started = Date.now();
    expect((await admin.call('DELETE', `/api/kiosk/${created.id}`)).status).toBe(204);
    expect(await dropped).toEqual({ revoked: { reason: ACCESS_REVOKED_EN }, disconnect: 'io server disconnect' });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect((await open({ auth: { kiosk: created.token } })).error).toBe(NOT_ADMITTED);
    const bearer = await fetch(`${app.url}/api/whoami`, { headers: { Authorization: `Bearer ${created.token}` } });
    expect(bearer.status).toBe(401);
  });

  it('revoked: a TV showing a Polish layout is told in Polish', async () => {
    const created = (await createKiosk(admin, { layoutId: 'polish-wall' })).body;
    const { socket } = await open({ auth: { kiosk: created.token }, extraHeaders: { 'Accept-Language': 'en' } });
    const dropped = revocation(socket);
    expect((await admin.call('DELETE', `/api/kiosk/${created.id}`)).status).toBe(204);
    expect((await dropped).revoked).toEqual({ reason: 'Twój dostęp do tablicy został cofnięty.' });
  });

  it('expired: the TV drops at the next check', async () => {
    const created = (await createKiosk(admin, { layoutId: 'lobby', expiresAt: new Date(now + 60_000).toISOString() }))
      .body;
    const { socket, error } = await open({ auth: { kiosk: created.token } });
    expect(error).toBeUndefined();
    const dropped = revocation(socket);
    now += 61_000;
    expect((await dropped).revoked.reason).toBe('Your session expired or your access was revoked.');
    expect((await open({ auth: { kiosk: created.token } })).error).toBe(NOT_ADMITTED);
    // A minute on the app's clock is also the sessions' idle limit: the administrator logs in again.
    admin = await loggedIn(app.url, 'ada', 'ada password 1');
  });

  it('stop working when their creator is disabled', async () => {
    const una = await loggedIn(app.url, 'una', 'una password 1');
    const { token } = (await createKiosk(una, { layoutId: 'sales-wall' })).body;
    const { socket } = await open({ auth: { kiosk: token } });
    const dropped = revocation(socket);
    const owner = await loggedIn(app.url, 'owner', 'owner password 1');
    expect((await owner.call('PATCH', `/api/users/${ids.get('una')}`, { disabled: true })).status).toBe(200);
    await dropped;
    expect((await open({ auth: { kiosk: token } })).error).toBe(NOT_ADMITTED);
  });
});

describe('user sockets', () => {
  it('drop when their session is logged out', async () => {
    const alice = await loggedIn(app.url, 'alice', 'alice password 1');
    const { socket } = await open({ extraHeaders: { Cookie: alice.cookie! } });
    await waitFor(() => socket.connected, 'connected');
    const dropped = revocation(socket);
    expect((await alice.call('DELETE', '/api/session')).status).toBe(204);
    // The logout's event says why; the periodic recheck (every 100 ms here) may find the session gone first.
    expect([ACCESS_REVOKED_EN, 'Your session expired or your access was revoked.']).toContain(
      (await dropped).revoked.reason,
    );
  });
});

describe('board data per socket', () => {
  const queueOp = (name: string): BoardOp => ({
    op: 'queue',
    queue: { name, strategy: 'ringall', serviceLevelSec: 20, counters: {} as never, reported: null },
  });

  it('each socket gets every delta’s seq, with only the ops of its scope', async () => {
    const uli = await loggedIn(app.url, 'uli', 'uli password 1');
    const tv = await open({ auth: { kiosk: (await createKiosk(uli, { layoutId: 'billing-wall' })).body.token } });
    const whole = await open({ extraHeaders: { Cookie: admin.cookie! } });
    const received = new Map<ClientSocket, BoardDelta[]>([
      [tv.socket, []],
      [whole.socket, []],
    ]);
    for (const [socket, list] of received) socket.on('board:changed', (delta) => list.push(delta));
    const everyone = { scoped: 'everyone' } as const;
    transport.here(
      'board:changed',
      { seq: 42, at: '2025-03-01T08:00:00Z', ops: [queueOp('billing'), queueOp('support')] },
      everyone,
    );
    transport.here('board:changed', { seq: 43, at: '2025-03-01T08:00:01Z', ops: [queueOp('support')] }, everyone);
    await waitFor(() => [...received.values()].every((list) => list.length === 2), 'two deltas each');
    const names = (list: BoardDelta[]) =>
      list.map((delta) => [delta.seq, delta.ops.map((op) => op.op === 'queue' && op.queue.name)]);
    expect(names(received.get(tv.socket)!)).toEqual([
      [42, ['billing']],
      [43, []],
    ]);
    expect(names(received.get(whole.socket)!)).toEqual([
      [42, ['billing', 'support']],
      [43, ['support']],
    ]);
  });

  it('a socket is re-scoped as soon as its unit changes', async () => {
    const uli = await loggedIn(app.url, 'uli', 'uli password 1');
    const tv = await open({ auth: { kiosk: (await createKiosk(uli, { layoutId: 'billing-wall' })).body.token } });
    const local = io.of('/').sockets.get(tv.socket.id!)!;
    const owner = await loggedIn(app.url, 'owner', 'owner password 1');
    const body = { name: 'Billing', administrators: [ids.get('uli')], queues: ['billing', 'collections'] };
    expect((await owner.call('PUT', '/api/units/u2', body)).status).toBe(200);
    await waitFor(() => rescoped.includes(local.id), 'the socket re-scoped');
    const scope = sockets.scopeOf(local)!;
    expect(scope.visible !== 'all' && [...scope.visible.queues]).toEqual(['billing', 'collections']);
    const queues = ['billing', 'collections', 'support'].map(
      (name) => (queueOp(name) as { queue: QueueSummaryView }).queue,
    );
    const snapshot = { seq: 9, at: '', link: {} as never, queues, members: [], calls: [], agents: [] };
    expect(transport.cut(local, 'board:snapshotted', snapshot)!.queues.map((queue) => queue.name)).toEqual([
      'billing',
      'collections',
    ]);
    const broadcast = new Promise<string[]>((resolve) =>
      tv.socket.once('board:snapshotted', (sent) => resolve(sent.queues.map((queue) => queue.name))),
    );
    transport.here('board:snapshotted', snapshot, { scoped: 'everyone' });
    expect(await broadcast).toEqual(['billing', 'collections']);
  });
});
