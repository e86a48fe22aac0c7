import { io, type Socket } from 'socket.io-client';
import {
  memberKey,
  type BoardDelta,
  type BoardOp,
  type BoardSnapshot,
  type LinkView,
} from '../../server/contract/board.ts';
import type { ClientEvents, ServerEvents } from '../../server/contract/events.ts';
import type { AgentView, QueueSummaryView } from '../../server/contract/live.ts';
import type { CallView, QueueMemberView } from '../../server/contract/board.ts';
import type { Result } from '../../server/contract/result.ts';
import { waitFor } from './wait.ts';

export type BoardSocket = Socket<ServerEvents, ClientEvents>;

/** A logged-in user's socket (its session cookie sent), without reconnection: resolves once it is connected. */
export function openUserSocket(url: string, cookie: string): Promise<BoardSocket> {
  const socket: BoardSocket = io(url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { Cookie: cookie },
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** A board as a client rebuilds it from a snapshot and deltas, keyed like the contract keys it. */
export interface BoardModel {
  seq: number;
  link: LinkView;
  queues: Map<string, QueueSummaryView>;
  members: Map<string, QueueMemberView>;
  calls: Map<string, CallView>;
  agents: Map<string, AgentView>;
}

/**
 * A real socket.io-client that follows the documented client rule: deltas wait until the first snapshot, those
 * with seq ≤ the snapshot's are dropped, a gap asks for a new snapshot. Everything received is kept for assertions.
 */
export class BoardClient {
  readonly snapshots: BoardSnapshot[] = [];
  readonly deltas: BoardDelta[] = [];
  /** Times a gap was seen and a snapshot requested. */
  gaps = 0;
  board: BoardModel | undefined;
  /** Deltas with these seqs are lost on arrival: a test's way to make a gap. */
  readonly lose = new Set<number>();
  private pending: BoardDelta[] = [];

  constructor(readonly socket: BoardSocket) {
    socket.on('board:snapshotted', (snapshot) => {
      this.snapshots.push(snapshot);
      this.reset(snapshot);
    });
    socket.on('board:changed', (delta) => {
      if (this.lose.delete(delta.seq)) return;
      this.deltas.push(delta);
      if (!this.board) this.pending.push(delta);
      else this.apply(delta);
    });
  }

  static connect(url: string, options: Parameters<typeof io>[1] = {}): BoardClient {
    return new BoardClient(
      io(url, { transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 200, ...options }),
    );
  }

  request(): Promise<Result<BoardSnapshot>> {
    return this.socket.timeout(5_000).emitWithAck('board:snapshot');
  }

  async ready(): Promise<BoardModel> {
    return waitFor(() => this.board, 'the first snapshot');
  }

  /**
   * Resolves with `performance.now()` as the board first satisfies `check`: at once if it does already, else as the
   * snapshot or delta that makes it so is applied (this runs after the model's own listeners).
   */
  when(check: (board: BoardModel) => boolean): Promise<number> {
    if (this.board && check(this.board)) return Promise.resolve(performance.now());
    return new Promise((resolve) => {
      const test = () => {
        if (!this.board || !check(this.board)) return;
        this.socket.off('board:snapshotted', test);
        this.socket.off('board:changed', test);
        resolve(performance.now());
      };
      this.socket.on('board:snapshotted', test);
      this.socket.on('board:changed', test);
    });
  }

  close(): void {
    this.socket.disconnect();
  }

  private reset(snapshot: BoardSnapshot): void {
    this.board = {
      seq: snapshot.seq,
      link: snapshot.link,
      queues: new Map(snapshot.queues.map((queue) => [queue.name, queue])),
      members: new Map(snapshot.members.map((member) => [memberKey(member.queue, member.interface), member])),
      calls: new Map(snapshot.calls.map((call) => [call.id, call])),
      agents: new Map(snapshot.agents.map((agent) => [agent.interface, agent])),
    };
    const pending = this.pending;
    this.pending = [];
    for (const delta of pending) this.apply(delta);
  }

  private apply(delta: BoardDelta): void {
    const board = this.board!;
    if (delta.seq <= board.seq) return;
    if (delta.seq !== board.seq + 1) {
      this.gaps += 1;
      this.board = undefined;
      this.pending = [];
      void this.request().then((result) => result.ok && this.reset(result.data));
      return;
    }
    board.seq = delta.seq;
    for (const op of delta.ops) applyOp(board, op);
  }
}

function applyOp(board: BoardModel, op: BoardOp): void {
  switch (op.op) {
    case 'queue':
      return void board.queues.set(op.queue.name, op.queue);
    case 'queueRemoved':
      return void board.queues.delete(op.name);
    case 'member':
      return void board.members.set(memberKey(op.member.queue, op.member.interface), op.member);
    case 'memberRemoved':
      return void board.members.delete(memberKey(op.queue, op.interface));
    case 'call':
      return void board.calls.set(op.call.id, op.call);
    case 'callRemoved':
      return void board.calls.delete(op.id);
    case 'agent':
      return void board.agents.set(op.agent.interface, op.agent);
    case 'agentRemoved':
      return void board.agents.delete(op.interface);
    case 'link':
      board.link = op.link;
  }
}

/**
 * A board as plain sorted data, for comparing two boards. An agent's queues are listed in the order of the state's
 * queue map, which differs between a state built by a resync and one loaded from Redis: compared as a set.
 */
export function plainBoard(board: BoardModel) {
  const sorted = <T>(map: Map<string, T>) =>
    [...map.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, v]) => v);
  return {
    link: { ami: board.link.ami, redis: board.link.redis.up },
    queues: sorted(board.queues),
    members: sorted(board.members),
    calls: sorted(board.calls),
    agents: sorted(board.agents).map((agent) => ({ ...agent, queues: [...agent.queues].sort() })),
  };
}
