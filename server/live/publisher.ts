import type { BoardDelta } from '../contract/board.ts';
import { memberKey } from '../contract/board.ts';
import { MAX_CLOCK_AHEAD_MS, MAX_DURATION_SEC } from '../domain/checks.ts';
import type { Change, LiveState } from '../domain/state.ts';
import type { Logger } from '../log.ts';
import type { LiveStateStore } from '../store/live-state.ts';
import type { RedisHealth } from '../store/redis.ts';
import type { BoardFacts, BoardSink } from '../realtime/boards.ts';
import { systemTimers, type CancelTimer, type Timers } from '../timers.ts';
import { Dirty, type MemberRef } from './dirty.ts';
import { buildOps } from './ops.ts';
import { linkView, presentSnapshot } from './snapshot.ts';

export interface PublisherOptions {
  readonly store: LiveStateStore;
  /** This process's boards, and every other process's through the Socket.IO adapter. */
  readonly emitter: BoardFacts;
  readonly redis: RedisHealth;
  /**
   * Deltas go out at most once per this window (default 20 ms: 50 a second, below a screen's frame rate); changes
   * meanwhile are coalesced into the next.
   */
  readonly windowMs?: number;
  readonly log: Logger;
  /** Wall-clock time, for what boards are shown (default Date.now). */
  readonly clock?: () => number;
  /** The delta window's, write retries' and wrap-up ends' timers (default: the process's). */
  readonly timers?: Timers;
}

/**
 * The latest a wrap-up can end: the event ahead of us by as much as a PBX clock may be, the LastCall it carries ahead
 * of the event by as much again, then the longest wrap-up (well below the 24.8 days a Node timer holds).
 */
const LONGEST_WRAP_UP_MS = 2 * MAX_CLOCK_AHEAD_MS + MAX_DURATION_SEC * 1000;

// After a failed write, the full state is written again this much later even if nothing changes meanwhile.
const RETRY_WRITE_MS = 1_000;
/** How often the last seq relayed is said again: the longest a board elsewhere stays behind a lost relay. */
export const PUBLISHED_EVERY_MS = 2_000;

/**
 * The lease holder's path from reduced state to Redis and the boards. Changes are collected for one short window,
 * then one flush gives them the next seq, emits the delta to this process's boards at once (their snapshots come
 * from this publisher's memory), and writes the touched entities and the seq to Redis in one transaction; once that
 * write settled, the delta goes to the other processes, whose boards' snapshots are read from Redis: a snapshot is
 * never behind a delta already sent. Writes go one after another (see persist); the relays follow the same order
 * through `chain`. The AMI read path only calls update(), which never waits on Redis. While
 * Redis is down this process's boards still get every delta (with the Redis warning in their link); when it returns
 * the whole state is written again.
 */
export class Publisher {
  private state: LiveState | undefined;
  /** The state the last delta described. */
  private published: LiveState | undefined;
  private seq = 0;
  /** The state and seq of the last delta or snapshot emitted: what a snapshot from memory shows. */
  private emitted: { state: LiveState; seq: number } | undefined;
  private dirty = new Dirty();
  /** Redis missed writes (or may have lost its data): the next write replaces the whole stored state. */
  private rewrite = false;
  private cancelFlush: CancelTimer | undefined;
  /** When the last flush ran (monotonic ms): the next one is due a window later. */
  private flushedAt = -Infinity;
  private cancelRetry: CancelTimer | undefined;
  private cancelPublished: CancelTimer | undefined;
  private chain: Promise<void> = Promise.resolve();
  /** The last write to Redis: the next one waits for it. */
  private writing: Promise<void> = Promise.resolve();
  private readonly wrapUps = new Map<string, CancelTimer>();
  private readonly windowMs: number;
  private readonly clock: () => number;
  private readonly timers: Timers;

  constructor(private readonly options: PublisherOptions) {
    this.windowMs = options.windowMs ?? 20;
    this.clock = options.clock ?? Date.now;
    this.timers = options.timers ?? systemTimers;
    options.redis.onChange((up) => {
      if (!this.state) return;
      this.dirty.link = true;
      if (up) this.rewrite = true;
      this.schedule();
    });
  }

  /** Starts publishing from `state` at `seq`; boards get a snapshot, so that all of them continue from this seq. */
  begin(state: LiveState, seq: number): void {
    this.state = state;
    this.published = state;
    this.seq = seq;
    this.emitted = { state, seq };
    this.dirty = new Dirty();
    this.dirty.all = true;
    this.schedule();
    this.sayPublished();
  }

  /** Called on the AMI read path with each reduce's result. */
  update(state: LiveState, changes: readonly Change[]): void {
    if (!this.state) return;
    this.state = state;
    this.dirty.add(changes);
    this.schedule();
  }

  /**
   * The board as of the last delta emitted. Never the newer state: a board given a state ahead of its seq could hold
   * an entity that appeared and went away again before the next delta, which that delta would then not mention.
   */
  current(): { state: LiveState; seq: number } | undefined {
    return this.state && this.emitted;
  }

  /**
   * Stops publishing once what was issued is written and emitted. `flush`: publish what is pending first (a clean
   * stop); not after the lease went to another process, whose state must not be overwritten with ours.
   */
  async end(flush: boolean): Promise<void> {
    if (!this.state) return;
    this.cancelFlush?.();
    this.cancelFlush = undefined;
    if (flush) this.flush();
    this.cancelRetry?.();
    this.cancelPublished?.();
    for (const cancel of this.wrapUps.values()) cancel();
    this.wrapUps.clear();
    this.state = undefined;
    await this.chain;
  }

  /**
   * The window runs from the last flush, not from the first change after it: a change read late, because the loop
   * was busy sending the last delta to every socket, still goes out one window after that delta; and the first
   * change after a quiet spell goes out at once (on the next turn of the loop, with the rest of its read). When
   * sending to every socket takes longer than the window, deltas simply go out less often: AMI reads still run
   * between two flushes.
   */
  private schedule(): void {
    this.cancelFlush ??= this.timers.setTimeout(
      () => this.flush(),
      Math.max(0, this.flushedAt + this.windowMs - this.timers.now()),
    );
  }

  private flush(): void {
    this.cancelFlush = undefined;
    this.flushedAt = this.timers.now();
    const next = this.state;
    const prev = this.published;
    if (!next || !prev) return;
    const dirty = this.dirty;
    this.dirty = new Dirty();
    this.published = next;
    const now = this.clock();
    let emit: ((sink: BoardSink) => void) | undefined;
    if (dirty.all) {
      const snapshot = presentSnapshot(next, ++this.seq, this.options.redis.view(), now);
      emit = (sink) => sink.snapshotted(snapshot);
    } else if (!dirty.isEmpty()) {
      const link = dirty.link ? linkView(next, this.options.redis.view()) : null;
      const ops = buildOps(prev, next, dirty, link, now);
      // A change the board does not show (a caller whose exit is still being decided) is stored but not sent.
      if (ops.length > 0) {
        const delta: BoardDelta = { seq: ++this.seq, at: new Date(now).toISOString(), ops };
        emit = (sink) => sink.changed(delta);
      }
    } else if (!this.rewrite) return;
    this.watchWrapUps(next, dirty.all ? allMembers(next) : dirty.members.values(), now);
    const seq = this.seq;
    const written = this.persist(next, dirty, seq);
    const { local, others } = this.options.emitter;
    if (emit) {
      emit(local);
      this.emitted = { state: next, seq };
    }
    this.chain = this.chain.then(() => written.then(() => emit?.(others)));
  }

  /**
   * Every PUBLISHED_EVERY_MS, once the relays issued before have gone, the seq they reached: a process whose adapter
   * missed one of them sends its boards a snapshot (server/realtime/boards.ts).
   */
  private sayPublished(): void {
    this.cancelPublished?.();
    this.cancelPublished = this.timers.setTimeout(() => {
      if (!this.state) return;
      const seq = this.seq;
      this.chain = this.chain.then(() => this.options.emitter.others.published(seq));
      this.sayPublished();
    }, PUBLISHED_EVERY_MS);
  }

  /**
   * Never rejects: a failed write is repaired by writing everything again later. Each write starts when the one
   * before it has settled: a cluster retries a write that meets a failover later, and one issued meanwhile would
   * otherwise land first and be overwritten by the older state. Whether to write everything is decided when the
   * write starts, so a write queued behind a failed one replaces the whole stored state.
   */
  private persist(state: LiveState, dirty: Dirty, seq: number): Promise<void> {
    const { store, redis, log } = this.options;
    this.writing = this.writing.then(() => {
      if (!redis.isUp()) {
        this.rewrite = true;
        return;
      }
      const full = this.rewrite;
      this.rewrite = false;
      return (full ? store.writeAll(state, seq) : store.write(state, dirty, seq)).catch((error: unknown) => {
        log.warn({ err: (error as Error).message, seq }, 'live state not written to Redis; will write it all again');
        this.rewrite = true;
        this.cancelRetry?.();
        this.cancelRetry = this.timers.setTimeout(() => {
          if (this.state) this.schedule();
        }, RETRY_WRITE_MS);
      });
    });
    return this.writing;
  }

  /**
   * Wrap-up ends without an event (it is the member's last call plus its wrap-up time): the member is sent again
   * when it ends, so that boards see the agent available without polling.
   */
  private watchWrapUps(state: LiveState, refs: Iterable<MemberRef>, now: number): void {
    for (const ref of refs) {
      const member = state.queues[ref.queue]?.members.get(ref.interface);
      const endsAt =
        member && member.wrapupSec > 0 && member.lastCall > 0 ? (member.lastCall + member.wrapupSec) * 1000 : 0;
      // Further away than the entry checks allow, it was stored before them; a timer that long would overflow, and
      // Node would fire it at once, again and again.
      if (endsAt <= now || endsAt - now > LONGEST_WRAP_UP_MS) continue;
      const key = memberKey(ref.queue, ref.interface);
      this.wrapUps.get(key)?.();
      this.wrapUps.set(
        key,
        this.timers.setTimeout(
          () => {
            this.wrapUps.delete(key);
            if (!this.state) return;
            this.dirty.touchMember(ref.queue, ref.interface);
            this.schedule();
          },
          endsAt - now + 1,
        ),
      );
    }
  }
}

function* allMembers(state: LiveState): Iterable<MemberRef> {
  for (const queue of Object.values(state.queues)) yield* queue.members.values();
}
