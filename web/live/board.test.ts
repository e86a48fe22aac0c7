import { describe, expect, it } from 'vitest';
import type { BoardDelta, BoardSnapshot } from '../../server/contract/board.ts';
import type { Result } from '../../server/contract/result.ts';
import { callView, deltaOf, snapshotOf, T0 } from '../testing/fixtures.ts';
import { Board } from './board.svelte.ts';
import type { BoardConnection } from './socket.ts';

/** A connection the test plays the server's part on, and animation frames it runs by hand. */
function harness() {
  const handlers = {
    connect: [] as (() => void)[],
    disconnect: [] as (() => void)[],
    snapshot: [] as ((snapshot: BoardSnapshot) => void)[],
    delta: [] as ((delta: BoardDelta) => void)[],
  };
  const answers: ((result: Result<BoardSnapshot>) => void)[] = [];
  let closed = false;
  const connection: BoardConnection = {
    onConnect: (handler) => handlers.connect.push(handler),
    onDisconnect: (handler) => handlers.disconnect.push(handler),
    onSnapshot: (handler) => handlers.snapshot.push(handler),
    onDelta: (handler) => handlers.delta.push(handler),
    requestSnapshot: () => new Promise((resolve) => answers.push(resolve)),
    close: () => {
      closed = true;
    },
  };
  const frames: (() => void)[] = [];
  const clock = {
    get now() {
      return Date.now();
    },
  };
  const board = new Board(connection, { scheduleFrame: (render) => frames.push(render), clock, retryMs: 1 });
  return {
    board,
    answers,
    isClosed: () => closed,
    connect: () => handlers.connect.forEach((handler) => handler()),
    disconnect: () => handlers.disconnect.forEach((handler) => handler()),
    sendSnapshot: (snapshot: BoardSnapshot) => handlers.snapshot.forEach((handler) => handler(snapshot)),
    sendDelta: (delta: BoardDelta) => handlers.delta.forEach((handler) => handler(delta)),
    pendingFrames: () => frames.length,
    runFrame: () => frames.splice(0).forEach((render) => render()),
  };
}

const callOp = (id: string) => ({ op: 'call' as const, call: callView(id, 'sales') });
const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('Board', () => {
  it('shows nothing until the first snapshot, then renders it on the next frame', () => {
    const test = harness();
    test.connect();
    expect(test.board.connected).toBe(true);
    expect(test.board.entities).toBeNull();
    test.sendSnapshot(snapshotOf(1, { calls: [callView('a', 'sales')] }));
    expect(test.board.entities).toBeNull();
    test.runFrame();
    expect([...(test.board.entities?.calls.keys() ?? [])]).toEqual(['a']);
  });

  it('renders a burst of deltas once, in one frame', () => {
    const test = harness();
    test.connect();
    test.sendSnapshot(snapshotOf(1));
    test.runFrame();
    const first = test.board.entities;
    test.sendDelta(deltaOf(2, callOp('a')));
    test.sendDelta(deltaOf(3, callOp('b')));
    test.sendDelta(deltaOf(4, { op: 'callRemoved', id: 'a' }));
    expect(test.pendingFrames()).toBe(1);
    expect(test.board.entities).toBe(first);
    test.runFrame();
    expect([...(test.board.entities?.calls.keys() ?? [])]).toEqual(['b']);
  });

  it('asks for a snapshot on a gap and applies the answer', async () => {
    const test = harness();
    test.connect();
    test.sendSnapshot(snapshotOf(1));
    test.runFrame();
    test.sendDelta(deltaOf(3, callOp('late')));
    expect(test.answers).toHaveLength(1);
    test.answers[0]?.({ ok: true, data: snapshotOf(2, { calls: [callView('early', 'sales')] }) });
    await settle();
    test.runFrame();
    expect([...(test.board.entities?.calls.keys() ?? [])]).toEqual(['early', 'late']);
  });

  it('asks again when the server refuses a snapshot', async () => {
    const test = harness();
    test.connect();
    test.sendSnapshot(snapshotOf(1));
    test.sendDelta(deltaOf(5, callOp('x')));
    test.answers[0]?.({ ok: false, error: 'busy' });
    await settle();
    expect(test.answers).toHaveLength(2);
  });

  it('follows the server clock from the snapshot', () => {
    const test = harness();
    const serverAhead = 90_000;
    test.sendSnapshot({ ...snapshotOf(1), at: new Date(Date.now() + serverAhead).toISOString() });
    expect(Math.abs(test.board.now - Date.now() - serverAhead)).toBeLessThan(1_000);
  });

  it('marks the board stale from the moment the socket drops until a new snapshot is on screen', () => {
    const test = harness();
    test.connect();
    test.sendSnapshot(snapshotOf(1));
    test.runFrame();
    expect(test.board.staleSince).toBeNull();
    test.disconnect();
    expect(test.board.connected).toBe(false);
    // In server time: the snapshot said it was T0 a moment ago.
    expect(Math.abs((test.board.staleSince ?? 0) - T0)).toBeLessThan(1_000);
    test.connect();
    expect(test.board.staleSince).not.toBeNull();
    test.sendSnapshot(snapshotOf(1));
    test.runFrame();
    expect(test.board.staleSince).toBeNull();
  });

  it('ignores the answer to a request of a connection that is gone', async () => {
    const test = harness();
    test.connect();
    test.sendSnapshot(snapshotOf(1));
    test.runFrame();
    test.sendDelta(deltaOf(3, callOp('x')));
    test.disconnect();
    test.connect();
    test.answers[0]?.({ ok: true, data: snapshotOf(2, { calls: [callView('old', 'sales')] }) });
    await settle();
    test.runFrame();
    expect(test.board.entities?.calls.has('old')).toBe(false);
  });

  it('drops an answer to its request when a pushed snapshot has already closed the gap', async () => {
    const test = harness();
    test.connect();
    test.sendSnapshot(snapshotOf(1));
    test.sendDelta(deltaOf(3, callOp('x')));
    test.sendSnapshot(snapshotOf(9, { calls: [callView('new', 'sales')] }));
    test.answers[0]?.({ ok: true, data: snapshotOf(2, { calls: [callView('old', 'sales')] }) });
    await settle();
    test.runFrame();
    expect([...(test.board.entities?.calls.keys() ?? [])]).toEqual(['new']);
  });

  it('closes its connection', () => {
    const test = harness();
    test.board.close();
    expect(test.isClosed()).toBe(true);
  });
});
