import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ClientEvents, ServerEvents } from '../../server/contract/events.ts';
import type { CallRecordsResponse } from '../../server/contract/stats.ts';
import type { App } from '../../server/compose.ts';
import type { Simulator } from '../../server/sim/index.ts';
import { type ApiClient, loggedIn } from '../support/access-app.ts';
import { boardConfig, startBoardApp, startQuietSimulator, TEST_OWNER } from '../support/board-app.ts';
import { eventually } from '../support/eventually.ts';
import { onlyAliceAnswersSales, recordedSalesCall } from '../support/recorded-call.ts';
import { steadyBehaviour } from '../support/sim-scenarios.ts';
import { isMp3, recordingFolders } from '../support/recordings.ts';

/**
 * Recording end to end on the simulator: an administrator turns recording on for `sales`, a call ends, its MP3 is listed
 * with the call record, streamed and downloaded — by whom unit rules and the "Call Recordings: disable access" policy
 * allow, on the server.
 */
let sim: Simulator;
let app: App;
let owner: ApiClient;
let folders: Awaited<ReturnType<typeof recordingFolders>>;
const users: Record<string, ApiClient> = {};
const ids: Record<string, string> = {};
let salesUnit = '';

async function user(name: string, role: string, interfaces: string[] = []): Promise<void> {
  const created = await owner.call<{ id: string }>('POST', '/api/users', {
    username: name,
    password: `${name} password 1`,
    role,
    interfaces,
  });
  ids[name] = created.body.id;
}

beforeAll(async () => {
  folders = await recordingFolders();
  await mkdir(folders.wavDir, { recursive: true });
  sim = await startQuietSimulator({ recordingsDir: folders.wavDir, behaviour: steadyBehaviour(1, 60) });
  app = await startBoardApp(
    boardConfig({
      redisUrl: inject('redisUrl'),
      amiPort: sim.port,
      recordings: { wavDir: folders.wavDir, filesDir: folders.filesDir },
    }),
  );
  owner = await loggedIn(app.url, TEST_OWNER.username, TEST_OWNER.password);
  await user('ada', 'administrator');
  await user('una', 'administrator');
  await user('uno', 'administrator');
  await user('alice', 'agent', ['Local/1001@agents']);
  await user('bob', 'agent', ['Local/1002@agents']);
  await user('sam', 'supervisor');
  await eventually(
    async () => (await owner.call<{ queues: unknown[] }>('GET', '/api/state')).body.queues.length > 0,
    'the queues from Asterisk',
  );
  salesUnit = (
    await owner.call<{ id: string }>('POST', '/api/units', {
      name: 'Sales',
      members: [ids.alice, ids.bob],
      administrators: [ids.una],
      queues: ['sales'],
    })
  ).body.id;
  await owner.call('POST', '/api/units', { name: 'Support', administrators: [ids.uno], queues: ['support'] });
  for (const name of Object.keys(ids)) users[name] = await loggedIn(app.url, name, `${name} password 1`);
  users.owner = owner;
  onlyAliceAnswersSales(sim);
});

afterAll(async () => {
  await app?.close();
  await sim?.close();
  await folders?.remove();
});

const calls = async (client: ApiClient) =>
  (await client.call<CallRecordsResponse>('GET', '/api/calls?since=24h')).body.calls;

describe('recording settings', () => {
  it('are changed by administrators of the whole center only, for known queues and users', async () => {
    expect((await owner.call('GET', '/api/recordings/settings')).body).toEqual({ queues: [], users: [] });
    expect((await users.una!.call('PUT', '/api/recordings/settings', { queues: ['sales'], users: [] })).status).toBe(
      403,
    );
    expect((await users.alice!.call('GET', '/api/recordings/settings')).status).toBe(403);
    expect((await owner.call('PUT', '/api/recordings/settings', { queues: ['nosuch'], users: [] })).body).toEqual({
      ok: false,
      error: 'Asterisk reports no queue nosuch.',
    });
    expect((await owner.call('PUT', '/api/recordings/settings', { queues: [], users: ['nobody'] })).status).toBe(400);
    expect(
      (await users.ada!.call('PUT', '/api/recordings/settings', { queues: ['sales', 'sales'], users: [ids.bob] })).body,
    ).toEqual({ queues: ['sales'], users: [ids.bob] });
  });
});

/** A logged-in user's socket following the call list, with every recording:saved it heard. */
async function callsWatcher(client: ApiClient): Promise<{ saved: string[]; close: () => void }> {
  const socket: Socket<ServerEvents, ClientEvents> = io(app.url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { Cookie: client.cookie! },
  });
  const saved: string[] = [];
  socket.on('recording:saved', ({ callId }) => saved.push(callId));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  expect(await socket.timeout(10_000).emitWithAck('calls:watch')).toEqual({ ok: true, data: null });
  return { saved, close: () => socket.disconnect() };
}

describe('a recorded call', () => {
  it('is an MP3 listed with its call record, in the center folder and linked into the unit’s', async () => {
    // The Calls screens open: the owner's and the sales unit's administrator's hear of the recording, support's not.
    const watchers = {
      owner: await callsWatcher(owner),
      una: await callsWatcher(users.una!),
      uno: await callsWatcher(users.uno!),
    };
    await recordedSalesCall(sim, 60);
    const [call] = await eventually(
      async () => {
        const found = await calls(owner);
        return found[0]?.recording && found;
      },
      'the recording listed with the call',
      { timeoutMs: 15_000 },
    );
    const name = call!.recording!.name;
    expect(name).toMatch(/^\d{4}(_\d\d){5}-1001-5551234-sales-\d+\.\d+\.mp3$/);
    const day = name.slice(0, 10).replaceAll('_', '-');
    const center = path.join(folders.filesDir, 'center', 'Recordings', day, name);
    const unit = path.join(folders.filesDir, 'units', salesUnit, 'Recordings', day, name);
    expect(await isMp3(center)).toBe(true);
    expect((await stat(unit)).ino).toBe((await stat(center)).ino);
    expect(call!.recording!.bytes).toBe((await stat(center)).size);
    await eventually(
      () => Promise.resolve(watchers.una.saved.length > 0),
      'the unit administrator told of the recording',
    );
    await eventually(() => Promise.resolve(watchers.owner.saved.length > 0), 'the owner told of the recording');
    expect({ owner: watchers.owner.saved, una: watchers.una.saved }).toEqual({ owner: [call!.id], una: [call!.id] });
    expect(watchers.uno.saved).toEqual([]);
    for (const watcher of Object.values(watchers)) watcher.close();
  });

  it('is heard by the Owner, administrators of the center and of its unit, and the agent who took it — nobody else', async () => {
    const expected = { owner: true, ada: true, una: true, alice: true, uno: false, bob: false, sam: false };
    await expectAccess(expected);
  });

  it('is taken from the members of a team with "Call Recordings: disable access", their own call included', async () => {
    const team = await owner.call<{ id: string }>('POST', '/api/teams', {
      name: 'Muted',
      members: [ids.alice, ids.una],
    });
    await owner.call('POST', '/api/policies', { policy: 'recordings.disabled', team: team.body.id });
    await expectAccess({ owner: true, ada: true, una: false, alice: false, uno: false, bob: false, sam: false });
  });

  it('is deleted with "Delete all" of the retention category Recordings', async () => {
    const [call] = await calls(owner);
    const name = call!.recording!.name;
    const center = path.join(folders.filesDir, 'center', 'Recordings', name.slice(0, 10).replaceAll('_', '-'), name);
    expect((await owner.call('DELETE', '/api/retention/recordings', { confirm: 'YES' })).body).toEqual({
      category: 'recordings',
      deleted: 1,
    });
    await expect(stat(center)).rejects.toThrow(/ENOENT/);
    expect((await calls(owner))[0]?.recording).toBeUndefined();
    expect((await fetch(`${app.url}${call!.recording!.url}`, { headers: { Cookie: owner.cookie! } })).status).toBe(404);
  });
});

/** For each user: the recording listed with the call, played (a byte range), downloaded — or refused. */
async function expectAccess(expected: Record<string, boolean>): Promise<void> {
  const [call] = await calls(owner);
  const url = `${app.url}${call!.recording!.url}`;
  const seen: Record<string, boolean> = {};
  for (const name of Object.keys(expected)) {
    const client = users[name]!;
    const listed = (await calls(client)).find((other) => other.id === call!.id)?.recording !== undefined;
    const played = await fetch(url, { headers: { Cookie: client.cookie!, Range: 'bytes=0-99' } });
    const downloaded = await fetch(`${app.url}${call!.recording!.downloadUrl}`, {
      headers: { Cookie: client.cookie! },
    });
    if (played.status === 206) {
      expect(played.headers.get('content-type')).toBe('audio/mpeg');
      expect(played.headers.get('content-range')).toBe(`bytes 0-99/${call!.recording!.bytes}`);
      expect((await played.arrayBuffer()).byteLength).toBe(100);
      expect(downloaded.headers.get('content-disposition')).toBe(`attachment; filename="${call!.recording!.name}"`);
    } else {
      expect([played.status, downloaded.status]).toEqual([403, 403]);
    }
    seen[name] = listed && played.status === 206 && downloaded.status === 200;
    // Listing and serving agree: nobody is shown a recording they may not play, or refused one they are shown.
    expect(listed).toBe(played.status === 206);
  }
  expect(seen).toEqual(expected);
}
