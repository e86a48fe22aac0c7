import { io as connectRaw, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { NOT_ADMITTED } from '../../server/contract/accounts.ts';
import type { Result } from '../../server/contract/result.ts';
import type { AgentActivityResponse } from '../../server/contract/stats.ts';
import type { App } from '../../server/compose.ts';
import type { Simulator } from '../../server/sim/index.ts';
import { boardConfig, ownerCookie, startBoardApp, startQuietSimulator } from '../support/board-app.ts';
import { BoardClient, plainBoard } from '../support/board-client.ts';
import { WATCHES_PER_USER } from '../../server/stats/live.ts';
import { eventually, getJson } from '../support/eventually.ts';
import { ManualTimers } from '../support/manual-timers.ts';
import { waitFor } from '../support/wait.ts';

const redisUrl = inject('redisUrl');
const ALICE = 'Local/1001@agents';

let sim: Simulator;
let app: App;
let cookie: string;
const sockets: { disconnect(): unknown }[] = [];
/** Servers a test starts beside the shared one. */
const apps: App[] = [];
/** The publisher's delta window (its default). */
const WINDOW_MS = 20;

beforeEach(async () => {
  sim = await startQuietSimulator();
  app = await startBoardApp(boardConfig({ redisUrl, amiPort: sim.port, allowedOrigins: ['https://tv.example.com'] }));
  cookie = await ownerCookie(app.url);
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  for (const other of apps.splice(0)) await other.close();
  await app.close();
  await sim.close();
});

function client(options: Parameters<typeof BoardClient.connect>[1] = {}): BoardClient {
  const board = BoardClient.connect(app.url, { extraHeaders: { Cookie: cookie }, ...options });
  sockets.push(board.socket);
  return board;
}

/** A board that has the PBX live: queues, members and agents of the simulated center. */
async function liveBoard(options: Parameters<typeof BoardClient.connect>[1] = {}): Promise<BoardClient> {
  const board = client(options);
  await waitFor(() => board.board?.link.ami.up && board.board.members.size > 0, 'a live board');
  return board;
}

function raw(options: Parameters<typeof connectRaw>[1] = {}): Socket {
  const socket = connectRaw(app.url, {
    transports: ['websocket'],
    reconnection: false,
    ...options,
    extraHeaders: { Cookie: cookie, ...options.extraHeaders },
  });
  sockets.push(socket);
  return socket;
}

describe('board: snapshot and deltas', () => {
  it('sends a snapshot of the whole board on connect', async () => {
    const board = await liveBoard();
    const last = board.snapshots.at(-1)!;
    expect(last.queues.map((queue) => queue.name)).toEqual(['billing', 'sales', 'support']);
    expect(last.agents).toHaveLength(8);
    expect(last.members).toHaveLength(12);
    expect(last.link.redis.up).toBe(true);
    expect(Date.parse(last.at)).toBeGreaterThan(Date.now() - 5_000);
  });

  it('sends a snapshot again on every reconnect', async () => {
    const board = await liveBoard();
    const before = board.snapshots.length;
    board.socket.io.engine.close();
    await waitFor(() => board.snapshots.length > before && board.socket.connected, 'a snapshot after the reconnect');
    expect(board.snapshots.at(-1)!.seq).toBeGreaterThanOrEqual(board.snapshots[before - 1]!.seq);
  });

  it('sends changes as deltas with consecutive seq, each with the member and its agent', async () => {
    const board = await liveBoard();
    const from = board.board!.seq;
    for (let i = 0; i < 6; i += 1) {
      const seen = board.deltas.length;
      sim.center.pause(ALICE, 'sales', i % 2 === 0, 'Lunch');
      await waitFor(() => board.deltas.length > seen, `delta ${i + 1}`);
    }
    const seqs = board.deltas.filter((delta) => delta.seq > from).map((delta) => delta.seq);
    expect(seqs).toEqual(seqs.map((_, i) => from + 1 + i));
    const last = board.deltas.at(-1)!;
    const member = last.ops.find((op) => op.op === 'member');
    expect(member?.op === 'member' && member.member).toMatchObject({ interface: ALICE, state: 'available' });
    const agent = last.ops.find((op) => op.op === 'agent');
    expect(agent?.op === 'agent' && agent.agent).toMatchObject({ interface: ALICE, name: 'Alice' });
  });

  it('coalesces: an entity changed 51 times within one delta window is sent once, in one delta', async () => {
    // A server of its own whose publisher's window moves only when the test moves it, so the burst is in one window.
    const timers = new ManualTimers();
    const own = await startBoardApp(boardConfig({ redisUrl, amiPort: sim.port }), { publisherTimers: timers });
    apps.push(own);
    const ownCookie = await ownerCookie(own.url);
    const board = BoardClient.connect(own.url, { extraHeaders: { Cookie: ownCookie } });
    sockets.push(board.socket);
    await waitFor(() => {
      timers.advance(WINDOW_MS);
      return board.board?.link.ami.up && board.board.members.size > 0;
    }, 'a live board');
    // The window opens: what was pending goes out, and nothing more until the test moves time again.
    timers.advance(WINDOW_MS);
    const seen = board.deltas.length;
    for (let i = 0; i <= 50; i += 1) sim.center.pause(ALICE, 'sales', i % 2 === 0, `Break ${i}`);
    // The statistics take the same events on their own timers: once they have the last pause, the publisher has all 51.
    await waitFor(async () => {
      const { body } = await getJson<AgentActivityResponse>(
        `${own.url}/api/agents/activity?agent=${encodeURIComponent(ALICE)}`,
        ownCookie,
      );
      return body.spans.some((span) => span.kind === 'paused' && span.end === null && span.reason === 'Break 50');
    }, 'the last pause read');
    expect(board.deltas.length).toBe(seen);
    timers.advance(WINDOW_MS);
    await waitFor(() => board.deltas.length > seen, 'the delta of the window');
    const sent = board.deltas.slice(seen);
    const aliceOps = sent
      .flatMap((delta) => delta.ops)
      .filter((op) => op.op === 'member' && op.member.interface === ALICE);
    expect(sent).toHaveLength(1);
    expect(aliceOps).toHaveLength(1);
    expect(board.board!.members.get(`sales\u0000${ALICE}`)?.state).toBe('paused');
  });

  it('answers board:snapshot with the current board, and a board that misses a delta repairs itself', async () => {
    const board = await liveBoard();
    const witness = await liveBoard();
    board.lose.add(board.board!.seq + 1);
    sim.center.pause(ALICE, 'sales', true, 'Coaching');
    await waitFor(
      () => board.gaps === 0 && witness.board!.members.get(`sales\u0000${ALICE}`)?.state === 'paused',
      'the change',
    );
    sim.center.pause(ALICE, 'sales', false, '');
    await waitFor(
      () => board.gaps === 1 && board.board && board.board.seq >= witness.board!.seq,
      'repair after the gap',
    );
    expect(plainBoard(board.board!)).toEqual(plainBoard(witness.board!));

    const answer = await board.request();
    expect(answer.ok).toBe(true);
    if (answer.ok) expect(answer.data.seq).toBe(witness.board!.seq);
  });
});

describe('board: hostile clients', () => {
  it('answers malformed commands with an error result and stays up', async () => {
    const socket = raw();
    await waitFor(() => socket.connected, 'connected');
    const invalid = (await socket.timeout(2_000).emitWithAck('board:snapshot', { evil: true })) as Result<unknown>;
    expect(!invalid.ok && invalid.error).toMatch(/^The request .*\.$/);
    expect(await socket.timeout(2_000).emitWithAck('board:explode', 1, 2, 3)).toEqual({
      ok: false,
      error: 'There is no command board:explode.',
    });
    expect(await socket.timeout(2_000).emitWithAck('__proto__')).toMatchObject({ ok: false });
    socket.emit('board:snapshot');
    socket.emit('board:snapshot', 'not an acknowledgement');

    // A message above the size limit costs its sender the connection, nobody else anything.
    const big = raw();
    await waitFor(() => big.connected, 'connected');
    big.emit('board:snapshot', 'x'.repeat(64 * 1024));
    await waitFor(() => !big.connected, 'the oversized sender disconnected');

    expect(socket.connected).toBe(true);
    const board = await liveBoard();
    expect((await board.request()).ok).toBe(true);
  });

  it('rate-limits commands per socket', async () => {
    const socket = raw();
    await waitFor(() => socket.connected, 'connected');
    const answers = (await Promise.all(
      Array.from({ length: 30 }, () => socket.timeout(5_000).emitWithAck('board:snapshot')),
    )) as { ok: boolean; error?: string }[];
    expect(answers.filter((answer) => answer.ok).length).toBeGreaterThanOrEqual(10);
    expect(
      answers.filter((answer) => !answer.ok && answer.error?.startsWith('Too many commands at once')).length,
    ).toBeGreaterThan(0);
  });

  it('refuses a socket without a session or kiosk link', async () => {
    const anonymous = connectRaw(app.url, { transports: ['websocket'], reconnection: false });
    sockets.push(anonymous);
    const error = await new Promise<Error>((resolve) => anonymous.once('connect_error', resolve));
    expect(error.message).toBe(NOT_ADMITTED);
    expect(anonymous.connected).toBe(false);
  });

  it('refuses a socket from a foreign origin, accepts its own and the configured ones', async () => {
    const foreign = raw({ extraHeaders: { Origin: 'https://evil.example' } });
    const error = await new Promise<Error>((resolve) => foreign.once('connect_error', resolve));
    expect(foreign.connected).toBe(false);
    expect(error.message).toBeTruthy();

    for (const origin of [app.url, 'https://tv.example.com']) {
      const allowed = raw({ extraHeaders: { Origin: origin } });
      await waitFor(() => allowed.connected, `a socket from ${origin}`);
    }
  });
});

describe('stats:watch per user', () => {
  it(`counts every socket of one user, over their sessions: ${WATCHES_PER_USER} watch, one more is refused with a sentence`, async () => {
    // Two logins of the Owner: the cap is the user's, not a session's.
    const cookies = [cookie, await ownerCookie(app.url)];
    const watch = (socket: Socket): Promise<Result<unknown>> =>
      socket.timeout(5_000).emitWithAck('stats:watch', { since: 'today' });
    const watching = Array.from({ length: WATCHES_PER_USER }, (_, i) =>
      raw({ extraHeaders: { Cookie: cookies[i % 2]! } }),
    );
    for (const socket of watching) expect(await watch(socket)).toMatchObject({ ok: true });

    const extra = raw({ extraHeaders: { Cookie: cookies[1]! } });
    expect(await watch(extra)).toEqual({
      ok: false,
      error: `You are already watching statistics on ${WATCHES_PER_USER} screens, the most one user may: close one of them to watch here.`,
    });
    watching[0]!.disconnect();
    await eventually(async () => (await watch(extra)).ok, 'a place freed by the disconnect');
  });
});
