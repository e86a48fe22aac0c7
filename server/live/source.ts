import { createAmiConnection } from '../ami/connection.ts';
import type { AmiConnection, AmiConnectionOptions, AmiStatus } from '../ami/types.ts';
import { endpointPart, mergeChanged, mergeEndpoints, qualifyInput } from '../domain/endpoints.ts';
import type { DomainInput } from '../domain/input.ts';
import { initialState, reduce } from '../domain/reducer.ts';
import type { LiveState } from '../domain/state.ts';
import type { Logger } from '../log.ts';
import type { Lease } from '../store/lease.ts';
import type { LiveStateStore } from '../store/live-state.ts';
import type { StatsStore } from '../stats/redis/store.ts';
import type { Publisher } from './publisher.ts';
import { RejectionLog } from '../ami/rejections.ts';

/** One Asterisk this source reads. */
export interface SourceEndpoint {
  readonly id: string;
  readonly ami: AmiConnectionOptions;
}

export interface LiveSourceOptions {
  /** The PBXs read together under the one lease; with `qualified` their names are shown as `<id>/<name>`. */
  readonly endpoints: readonly SourceEndpoint[];
  readonly qualified: boolean;
  readonly lease: Lease;
  readonly store: LiveStateStore;
  readonly publisher: Publisher;
  /** Statistics and call records: every reduction is handed over; it batches and never waits on Redis here. */
  readonly stats: StatsStore;
  readonly log: Logger;
  readonly clock?: () => number;
  /** Sees every input of every PBX we read, before it is reduced (call monitoring follows its sessions there). */
  readonly tap?: (endpoint: string, input: DomainInput) => void;
}

/** An endpoint being read: its connection and its own part of the state. */
interface Reading {
  readonly ami: AmiConnection;
  state: LiveState;
}

/**
 * The board's AMI source (one Asterisk, or several under AMI_ENDPOINTS) as this process sees it. While another
 * process holds the source's lease: nothing. Once we take it: the last state from Redis first (counters go on where
 * the previous holder left them), published at once, then our own AMI connections, whose resyncs replace the live
 * part; every input is reduced here and handed to the publisher without waiting for anything. Each PBX has its own
 * reducer state; the board's is their union (see domain/endpoints.ts), the one PBX's state itself when there is one.
 */
export class LiveSource {
  private readings: Map<string, Reading> | undefined;
  /** With several PBXs: the board, their union, kept up to date change by change. */
  private merged: LiveState | undefined;
  /** Input counts of the stored state we started from. */
  private baseStats: LiveState['stats'] = initialState().stats;
  private readonly clock: () => number;
  private readonly rejections: RejectionLog;

  constructor(private readonly options: LiveSourceOptions) {
    this.clock = options.clock ?? Date.now;
    this.rejections = new RejectionLog(options.log, this.clock);
  }

  start(): void {
    this.options.lease.start({ acquired: () => this.takeOver(), lost: () => this.standDown() });
  }

  /** Whether this process reads the AMI now. */
  isReading(): boolean {
    return this.readings !== undefined;
  }

  /** Our AMI connections' status, by endpoint id, while we hold the lease. */
  amiStatus(): ReadonlyMap<string, AmiStatus> | undefined {
    if (!this.readings) return undefined;
    return new Map([...this.readings].map(([id, reading]) => [id, reading.ami.status()]));
  }

  /** Our AMI connection to one PBX, while we hold the lease (call monitoring sends its actions there). */
  ami(endpoint: string): AmiConnection | undefined {
    return this.readings?.get(endpoint)?.ami;
  }

  /** Stops reading (the AMI's `link down` is still published and written), then gives the lease back. */
  async close(): Promise<void> {
    await Promise.all([...(this.readings?.values() ?? [])].map((reading) => reading.ami.stop()));
    this.readings = undefined;
    await this.options.publisher.end(true);
    await this.options.lease.stop();
  }

  private async takeOver(): Promise<void> {
    const { store, publisher, log } = this.options;
    // A failed load rejects, and the lease is given back: starting empty would overwrite the stored counters.
    const stored = await store.load();
    let state = stored?.state ?? initialState();
    // The stored link was the previous holder's; ours is down until our own login.
    if (state.link.up) state = reduce(state, { type: 'link', at: this.clock(), up: false }).state;
    const readings = new Map<string, Reading>();
    for (const endpoint of this.options.endpoints) {
      const part = this.options.qualified ? endpointPart(state, endpoint.id) : state;
      const ami = createAmiConnection(endpoint.ami, (input) => this.ingest(endpoint.id, input));
      readings.set(endpoint.id, { ami, state: part });
    }
    this.readings = readings;
    if (this.options.qualified) {
      this.baseStats = state.stats;
      state = mergeEndpoints(this.parts(readings), this.baseStats);
      this.merged = state;
    }
    publisher.begin(state, stored?.seq ?? 0);
    log.info({ seq: stored?.seq ?? 0, queues: Object.keys(state.queues).length }, 'reading AMI from the stored state');
    for (const reading of readings.values()) reading.ami.start();
  }

  private async standDown(): Promise<void> {
    const readings = this.readings;
    this.readings = undefined;
    this.merged = undefined;
    await this.options.publisher.end(false);
    await Promise.all([...(readings?.values() ?? [])].map((reading) => reading.ami.stop()));
  }

  private ingest(endpoint: string, input: DomainInput): void {
    const reading = this.readings?.get(endpoint);
    if (!reading) return;
    this.options.tap?.(endpoint, input);
    const reduction = reduce(reading.state, this.options.qualified ? qualifyInput(endpoint, input) : input);
    reading.state = reduction.state;
    if (reduction.rejected.length > 0) this.rejections.note(endpoint, reduction.rejected);
    // Most AMI events change nothing the board shows: the union follows only those that do (its input counts catch
    // up with the next change).
    if (this.options.qualified && reduction.changes.length === 0 && reduction.facts.length === 0) return;
    const state = this.options.qualified
      ? (this.merged = mergeChanged(
          this.merged!,
          reduction.state,
          reduction.changes,
          this.parts(this.readings!),
          this.baseStats,
        ))
      : reduction.state;
    this.options.publisher.update(state, reduction.changes);
    this.options.stats.record(input.at, { ...reduction, state });
  }

  private parts(readings: ReadonlyMap<string, Reading>): Map<string, LiveState> {
    return new Map([...readings].map(([id, reading]) => [id, reading.state]));
  }
}
