import { refuseAgentActions } from '../support/agent-actions.ts';
import { refuseMonitoring } from '../support/monitoring.ts';
import { refuseCallbacks } from '../support/callbacks.ts';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ClientEvents, ServerEvents } from '../../server/contract/events.ts';
import type { Layout, LayoutRow, LayoutSummary } from '../../server/contract/layout.ts';
import { errorHandler, notFound } from '../../server/http/errors.ts';
import { createLayouts, type Layouts } from '../../server/layouts/index.ts';
import { dispatchCommands } from '../../server/realtime/commands.ts';
import { Transport, type BoardServer } from '../../server/realtime/transport.ts';
import { layoutKeys } from '../../server/store/keys.ts';
import { eventually } from '../support/eventually.ts';
import { testLogger } from '../support/test-logger.ts';
import { waitFor } from '../support/wait.ts';

const keys = layoutKeys('test-layouts-api');
const redis = new Redis(inject('redisUrl'));
let http: HttpServer;
let io: BoardServer;
let layouts: Layouts;
let api: string;
const clients: Socket<ServerEvents, ClientEvents>[] = [];

/** The REST API and the socket commands on one server, wired the way server/compose.ts wires them. */
beforeAll(async () => {
  await redis.del(keys.layouts, keys.seeded);
  const app = express();
  http = createServer(app);
  io = new Server(http);
  layouts = createLayouts({
    redis,
    keys,
    transport: new Transport(io, { othersReachable: () => false }),
    log: testLogger('layouts'),
    actor: (request) => request.get('x-user') ?? 'anonymous',
  });
  io.on('connection', (socket) =>
    dispatchCommands(
      socket,
      {
        'board:snapshot': () => Promise.reject(new Error('no board in this test')),
        'stats:watch': () => Promise.reject(new Error('no statistics in this test')),
        'chat:send': () => Promise.reject(new Error('no chat in this test')),
        'chat:history': () => Promise.reject(new Error('no chat in this test')),
        'chat:contacts': () => Promise.reject(new Error('no chat in this test')),
        ...refuseMonitoring(),
        ...refuseAgentActions(),
        ...refuseCallbacks(),
        'calls:watch': () => Promise.reject(new Error('no call list in this test')),
        'alerts:watch': () => Promise.reject(new Error('no alerts in this test')),
        ...layouts.commands(socket),
      },
      testLogger('realtime'),
    ),
  );
  app.use('/api/layouts', layouts.router);
  app.use(notFound);
  app.use(errorHandler(testLogger('http')));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  api = `http://127.0.0.1:${(http.address() as AddressInfo).port}/api/layouts`;
  await eventually(async () => (await redis.hlen(keys.layouts)) === 3, 'the shipped layouts seeded');
});

afterAll(async () => {
  for (const client of clients) client.disconnect();
  await io.close();
  await redis.del(keys.layouts, keys.seeded);
  redis.disconnect();
});

interface Answer<T> {
  status: number;
  headers: Headers;
  body: T;
}

async function call<T = Layout>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer<T>> {
  const response = await fetch(`${api}${path}`, {
    method,
    // As a browser set to English: a refusal speaks the asker's language.
    headers: {
      'accept-language': 'en',
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T };
}

const names = (rows: LayoutSummary[]): string[] => rows.map((row) => row.name);

describe('REST', () => {
  it('lists the shipped layouts, seeded on start, by name', async () => {
    const { status, body } = await call<LayoutRow[]>('GET', '');
    expect(status).toBe(200);
    expect(body).toEqual([
      {
        id: 'agent-grid',
        name: 'Agent grid',
        columns: 2,
        widgets: 6,
        updatedAt: '2026-11-01T00:00:00.000Z',
        updatedBy: 'Tablica',
        owner: null,
        scope: 'all',
        mayChange: true,
      },
      {
        id: 'overview',
        name: 'Overview',
        columns: 3,
        widgets: 9,
        updatedAt: '2026-11-01T00:00:00.000Z',
        updatedBy: 'Tablica',
        owner: null,
        scope: 'all',
        mayChange: true,
      },
      {
        id: 'queue-view',
        name: 'Queue: sales',
        columns: 2,
        widgets: 8,
        updatedAt: '2026-11-01T00:00:00.000Z',
        updatedBy: 'Tablica',
        owner: null,
        scope: 'all',
        mayChange: true,
      },
    ]);
  });

  it('creates a layout (201 with its location) and gets it', async () => {
    const created = await call('POST', '', { name: 'Night shift', columns: 1 }, { 'x-user': 'alice' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      version: 1,
      name: 'Night shift',
      columns: 1,
      columnsContent: [[]],
      revision: 1,
      updatedBy: 'alice',
    });
    expect(created.headers.get('location')).toBe(`/api/layouts/${created.body.id}`);
    expect(await call('GET', `/${created.body.id}`)).toMatchObject({ status: 200, body: created.body });
    const anonymous = await call('POST', '', { name: 'No user', columns: 1 });
    expect(anonymous.body.updatedBy).toBe('anonymous');
    expect(await call('POST', '', { name: '', columns: 1 })).toMatchObject({
      status: 400,
      body: { ok: false, error: 'Name must not be empty.' },
    });
    for (const id of [created.body.id, anonymous.body.id]) await call('DELETE', `/${id}`);
  });

  it('refuses a body nested too deep with a 400 before parsing it, and goes on serving', async () => {
    const deep = `{"name":"Deep","columns":1,"columnsContent":[${'['.repeat(8_000)}${']'.repeat(8_000)}]}`;
    for (const [method, path] of [
      ['POST', ''],
      ['POST', '/import'],
      ['PUT', '/overview'],
    ] as const) {
      expect(await call(method, path, deep)).toMatchObject({
        status: 400,
        body: { ok: false, error: 'Body: nested deeper than 32 levels.' },
      });
    }
    expect((await call('GET', '/overview')).status).toBe(200);
  });

  it('sorts by every column, both ways', async () => {
    const { body: overview } = await call('GET', '/overview');
    await call('PUT', '/overview', { ...overview, name: 'Overview' });
    const order = async (sort: string, dir: string) =>
      names((await call<LayoutSummary[]>('GET', `?sort=${sort}&dir=${dir}`)).body);
    expect(await order('name', 'desc')).toEqual(['Queue: sales', 'Overview', 'Agent grid']);
    expect(await order('columns', 'asc')).toEqual(['Agent grid', 'Queue: sales', 'Overview']);
    expect(await order('columns', 'desc')).toEqual(['Overview', 'Agent grid', 'Queue: sales']);
    expect(await order('widgets', 'asc')).toEqual(['Agent grid', 'Queue: sales', 'Overview']);
    expect(await order('widgets', 'desc')).toEqual(['Overview', 'Queue: sales', 'Agent grid']);
    expect(await order('updatedAt', 'asc')).toEqual(['Agent grid', 'Queue: sales', 'Overview']);
    expect(await order('updatedAt', 'desc')).toEqual(['Overview', 'Agent grid', 'Queue: sales']);
    expect(await call('GET', '?sort=size')).toEqual(
      expect.objectContaining({
        status: 400,
        body: { ok: false, error: 'Sort must be one of "name", "columns", "widgets", "updatedAt" (got "size").' },
      }),
    );
  });

  it('saves with the revision it was loaded at; 409 once someone else saved (in the asker’s language), 404 once deleted', async () => {
    const { body: loaded } = await call('POST', '', { name: 'Shared', columns: 2 });
    const saved = await call('PUT', `/${loaded.id}`, { ...loaded, theme: 'light' }, { 'x-user': 'bob' });
    expect(saved).toMatchObject({ status: 200, body: { theme: 'light', revision: 2, updatedBy: 'bob' } });

    const stale = await call('PUT', `/${loaded.id}`, { ...loaded, theme: 'highContrast' }, { 'x-user': 'alice' });
    expect(stale.status).toBe(409);
    expect(stale.body).toEqual({
      ok: false,
      error: expect.stringMatching(
        /^This layout was changed by bob at \d\d:\d\d since you opened it\. Reload to see their version/,
      ) as unknown,
    });
    const inPolish = await call('PUT', `/${loaded.id}`, { ...loaded }, { 'x-user': 'alice', 'accept-language': 'pl' });
    expect(inPolish.body).toEqual({
      ok: false,
      error: expect.stringMatching(
        /^Od chwili otwarcia ten układ został zmieniony przez: bob o \d\d:\d\d\./,
      ) as unknown,
    });

    const invalid = await call('PUT', `/${loaded.id}`, { ...saved.body, columns: 0 });
    expect(invalid).toMatchObject({
      status: 400,
      body: { ok: false, error: expect.stringMatching(/^Columns must be at least 1/) as unknown },
    });

    expect(await call('DELETE', `/${loaded.id}`)).toMatchObject({ status: 204, body: undefined });
    expect((await call('PUT', `/${loaded.id}`, saved.body)).status).toBe(404);
    expect(await call('DELETE', `/${loaded.id}`)).toMatchObject({
      status: 404,
      body: { ok: false, error: `The layout "${loaded.id}" does not exist.` },
    });
    expect(await call('GET', `/${loaded.id}`)).toMatchObject({ status: 404, body: { ok: false } });
  });

  it('exports the layout file as a download and imports it back', async () => {
    const exported = await call('GET', '/agent-grid/export');
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toBe('attachment; filename=agent-grid.json');
    expect(exported.headers.get('content-type')).toMatch(/^application\/json/);
    expect(exported.body).toEqual((await call('GET', '/agent-grid')).body);

    const imported = await call('POST', '/import', exported.body, { 'x-user': 'carol' });
    expect(imported.status).toBe(201);
    expect(imported.body.id).not.toBe('agent-grid');
    expect(imported.body).toMatchObject({
      name: 'Agent grid',
      columnsContent: exported.body.columnsContent,
      revision: 1,
      updatedBy: 'carol',
    });
    await call('DELETE', `/${imported.body.id}`);
  });

  it('refuses a broken import with the schema message and changes nothing', async () => {
    const before = await call<LayoutSummary[]>('GET', '');
    const { body: file } = await call('GET', '/overview/export');
    const broken = {
      ...file,
      id: 'broken',
      columnsContent: [[], [{ id: 'x', type: 'chart', settings: { intervalMin: 7 } }], []],
    };
    expect(await call('POST', '/import', broken)).toMatchObject({
      status: 400,
      body: { ok: false, error: 'Column 2, widget 1, the interval must be one of 5, 15, 30, 60 (got 7).' },
    });
    expect(await call('POST', '/import', '{"version": 1,')).toMatchObject({ status: 400, body: { ok: false } });
    expect(await call('POST', '/import', JSON.stringify(file), { 'content-type': 'text/plain' })).toMatchObject({
      status: 415,
      body: { ok: false, error: 'The request must be JSON (Content-Type: application/json).' },
    });
    const huge = { ...file, name: 'x'.repeat(300_000) };
    expect(await call('POST', '/import', huge)).toMatchObject({ status: 413, body: { ok: false } });
    // The bodies: the responses' Date headers differ once a second has passed.
    expect((await call('GET', '')).body).toEqual(before.body);
  });
});

describe('live updates', () => {
  function watcher(): { socket: Socket<ServerEvents, ClientEvents>; saved: Layout[]; deleted: string[] } {
    const socket: Socket<ServerEvents, ClientEvents> = connect(api.replace('/api/layouts', ''), {
      transports: ['websocket'],
    });
    clients.push(socket);
    const seen = { socket, saved: [] as Layout[], deleted: [] as string[] };
    socket.on('layout:saved', (layout) => seen.saved.push(layout));
    socket.on('layout:deleted', ({ id }) => seen.deleted.push(id));
    return seen;
  }

  it('a screen watching a layout gets it at once, then every save and its deletion', async () => {
    const { body: created } = await call('POST', '', { name: 'Wall', columns: 1 });
    const wall = watcher();
    const other = watcher();
    expect(await wall.socket.emitWithAck('layout:watch', { id: created.id })).toEqual({ ok: true, data: created });
    expect(await other.socket.emitWithAck('layout:watch', { id: 'queue-view' })).toMatchObject({ ok: true });

    const { body: saved } = await call('PUT', `/${created.id}`, {
      ...created,
      since: { kind: 'rolling', minutes: 15 },
    });
    await waitFor(() => wall.saved.length === 1, 'the save on the wall');
    expect(wall.saved).toEqual([saved]);

    // Events reach a socket in the order they were sent: had the other screen been told of the first save, it
    // would have it before this one.
    const { body: queueView } = await call('GET', '/queue-view');
    await call('PUT', '/queue-view', queueView);
    await waitFor(() => other.saved.length === 1, 'the save of queue-view');
    expect(other.saved.map((layout) => layout.id)).toEqual(['queue-view']);

    await call('DELETE', `/${created.id}`);
    await waitFor(() => wall.deleted.length === 1, 'the deletion');
    expect(wall.deleted).toEqual([created.id]);
    expect(other.deleted).toEqual([]);
  });

  it('watching another layout stops the previous one; an unknown layout is refused', async () => {
    const screen = watcher();
    await screen.socket.emitWithAck('layout:watch', { id: 'overview' });
    expect(await screen.socket.emitWithAck('layout:watch', { id: 'nope' })).toEqual({
      ok: false,
      error: 'The layout "nope" does not exist.',
    });
    await screen.socket.emitWithAck('layout:watch', { id: 'agent-grid' });

    const { body: overview } = await call('GET', '/overview');
    await call('PUT', '/overview', overview);
    const { body: grid } = await call('GET', '/agent-grid');
    await call('PUT', '/agent-grid', grid);
    await waitFor(() => screen.saved.length > 0, 'the save of agent-grid');
    expect(screen.saved.map((layout) => layout.id)).toEqual(['agent-grid']);

    const refused = await screen.socket.emitWithAck('layout:watch', { id: '../x' });
    expect(refused.ok).toBe(false);
  });
});

describe('the shipped layouts in the installation’s language', () => {
  it('are named in DEFAULT_LOCALE when it is set', async () => {
    const polishKeys = layoutKeys('test-layouts-api-pl');
    await redis.del(polishKeys.layouts, polishKeys.seeded);
    createLayouts({
      redis,
      keys: polishKeys,
      transport: new Transport(io, { othersReachable: () => false }),
      log: testLogger('layouts'),
      shippedLocale: 'pl',
    });
    await eventually(async () => (await redis.hlen(polishKeys.layouts)) === 3, 'the shipped layouts seeded');
    const stored = Object.values(await redis.hgetall(polishKeys.layouts)).map(
      (json) => (JSON.parse(json) as Layout).name,
    );
    expect(stored.sort()).toEqual(['Kolejka: sales', 'Przegląd', 'Siatka agentów']);
    await redis.del(polishKeys.layouts, polishKeys.seeded);
  });
});
