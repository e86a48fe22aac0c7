import { createAmiConnection } from '../ami/connection.ts';
import type { AmiConnection, AmiConnectionOptions, AmiStatus } from '../ami/types.ts';
import type { DomainInput } from '../domain/input.ts';
import { initialState, reduce } from '../domain/reducer.ts';
import type { LiveState } from '../domain/state.ts';
import type { Logger } from '../log.ts';
import type { Lease } from '../store/lease.ts';
import type { LiveStateStore } from '../store/live-state.ts';
import type { StatsStore } from '../stats/store.ts';
import type { Publisher } from './publisher.ts';

export interface LiveSourceOptions {
  readonly ami: AmiConnectionOptions;
  readonly lease: Lease;
  readonly store: LiveStateStore;
  readonly publisher: Publisher;
  /** Statistics and call records: every reduction is handed over; it batches and never waits on Redis here. */
  readonly stats: StatsStore;
  readonly log: Logger;
  readonly clock?: () => number;
}

/**
 * One AMI source (one Asterisk) as this process sees it. While another process holds the source's lease: nothing.
 * Once we take it: the last state from Redis first (counters go on where the previous holder left them), published
 * at once, then our own AMI connection, whose resync replaces the live part; every input is reduced here and handed
 * to the publisher without waiting for anything.
 */
export class LiveSource {
  private state: LiveState | undefined;
  private ami: AmiConnection | undefined;
  private readonly clock: () => number;

  constructor(private readonly options: LiveSourceOptions) {
    this.clock = options.clock ?? Date.now;
  }

  start(): void {
    this.options.lease.start({ acquired: () => this.takeOver(), lost: () => this.standDown() });
  }

  /** Whether this process reads the AMI now. */
  isReading(): boolean {
    return this.ami !== undefined;
  }

  /** Our AMI connection's status while we hold the lease. */
  amiStatus(): AmiStatus | undefined {
    return this.ami?.status();
  }

  /** Stops reading (the AMI's `link down` is still published and written), then gives the lease back. */
  async close(): Promise<void> {
    await this.ami?.stop();
    this.ami = undefined;
    await this.options.publisher.end(true);
    this.state = undefined;
    await this.options.lease.stop();
  }

  private async takeOver(): Promise<void> {
    const { store, publisher, log } = this.options;
    // A failed load rejects, and the lease is given back: starting empty would overwrite the stored counters.
    const stored = await store.load();
    let state = stored?.state ?? initialState();
    // The stored link was the previous holder's; ours is down until our own login.
    if (state.link.up) state = reduce(state, { type: 'link', at: this.clock(), up: false }).state;
    this.state = state;
    publisher.begin(state, stored?.seq ?? 0);
    log.info({ seq: stored?.seq ?? 0, queues: Object.keys(state.queues).length }, 'reading AMI from the stored state');
    this.ami = createAmiConnection(this.options.ami, (input) => this.ingest(input));
    this.ami.start();
  }

  private async standDown(): Promise<void> {
    const ami = this.ami;
    this.ami = undefined;
    this.state = undefined;
    await this.options.publisher.end(false);
    await ami?.stop();
  }

  private ingest(input: DomainInput): void {
    if (!this.state) return;
    const reduction = reduce(this.state, input);
    this.state = reduction.state;
    this.options.publisher.update(reduction.state, reduction.changes);
    this.options.stats.record(input.at, reduction);
  }
}
