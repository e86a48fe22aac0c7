import type { BoardSnapshot } from '../contract/board.ts';
import { initialState } from '../domain/reducer.ts';
import type { LiveState } from '../domain/state.ts';
import type { LiveStateStore, StoredBoard } from '../store/live-state.ts';
import type { RedisHealth } from '../store/redis.ts';
import type { Publisher } from './publisher.ts';
import { presentSnapshot } from './snapshot.ts';

/**
 * The board as any process can serve it: the lease holder from memory (its state is never behind the deltas it
 * emitted), every other process from Redis, where the state is written together with its seq before a delta goes
 * out. Concurrent reads from Redis share one round trip (a thousand boards reconnecting at once read it once).
 */
export class BoardReader {
  private reading: Promise<StoredBoard | null> | undefined;

  constructor(
    private readonly publisher: Publisher,
    private readonly store: LiveStateStore,
    private readonly redis: RedisHealth,
    private readonly clock: () => number = Date.now,
  ) {}

  async snapshot(): Promise<BoardSnapshot> {
    const { state, seq } = await this.board();
    return presentSnapshot(state, seq, this.redis.view(), this.clock());
  }

  async state(): Promise<LiveState> {
    return (await this.board()).state;
  }

  private async board(): Promise<{ state: LiveState; seq: number }> {
    const local = this.publisher.current();
    if (local) return local;
    this.reading ??= this.store.load().finally(() => {
      this.reading = undefined;
    });
    return (await this.reading) ?? { state: initialState(), seq: 0 };
  }
}
