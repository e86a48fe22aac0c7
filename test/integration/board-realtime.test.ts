import { io as connectRaw, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { NOT_ADMITTED } from '../../server/contract/accounts.ts';
import type { Result } from '../../server/contract/result.ts';
import type { App } from '../../server/compose.ts';
import type { Simulator } from '../../server/sim/index.ts';
import { boardConfig, ownerCookie, startBoardApp, startQuietSimulator } from '../support/board-app.ts';
import { BoardClient, plainBoard } from '../support/board-client.ts';
import { waitFor } from '../support/wait.ts';

const redisUrl = inject('redisUrl');
const ALICE = 'Local/1001@agents';

let sim: Simulator;
let app: App;
let cookie: string;
const sockets: { disconnect(): unknown }[] = [];

beforeEach(async () => {
  sim = await startQuietSimulator();
  app = await startBoardApp(boardConfig({ redisUrl, amiPort: sim.port, allowedOrigins: ['https://tv.example.com'] }));
  cookie = await ownerCookie(app.url);
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
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

  it('coalesces: an entity changed 51 times in one burst is sent once per window, in at most two deltas', async () => {
    const board = await liveBoard();
    const seen = board.deltas.length;
    for (let i = 0; i < 51; i += 1) sim.center.pause(ALICE, 'sales', i % 2 === 0, 'Break');
    await waitFor(() => board.board!.members.get(`sales\u0000${ALICE}`)?.state === 'paused', 'Alice paused');
    const aliceOps = board.deltas
      .slice(seen)
      .flatMap((delta) => delta.ops)
      .filter((op) => op.op === 'member' && op.member.interface === ALICE);
    // One window, or two when the burst straddles a window's end.
    expect(aliceOps.length).toBeLessThanOrEqual(2);
    expect(board.deltas.length - seen).toBeLessThanOrEqual(2);
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
