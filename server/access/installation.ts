import type { Redis } from '../redis-client.ts';
import { z } from 'zod';
import type { AuthConfig } from '../config.ts';
import type { DataState, InstallationView, PersistenceView } from '../contract/installation.ts';
import type { Logger } from '../log.ts';
import type { AccessKeys } from '../store/keys.ts';
import { readPersistence } from '../store/persistence.ts';
import { conflict, forbidden } from '../refusal.ts';
import { hashPassword, type ScryptCost } from './accounts/password.ts';
import { newId } from './accounts/secrets.ts';
import type { UserStore } from './accounts/users.ts';
import { m } from '../contract/messages/messages.js';
import { say } from '../i18n.ts';

/**
 * The marker of a set-up board in Redis. `ok`: set up. `lost`: the accounts were found gone (the marker vanished
 * under a process that had seen it, or the Owner vanished under the marker). `open`: an operator allowed a new
 * set-up after a loss (`npm run backup -- allow-setup`).
 */
const markerSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  status: z.enum(['ok', 'lost', 'open']),
  lostAt: z.string().nullable(),
});
export type Marker = z.infer<typeof markerSchema>;

export interface InstallationOptions {
  readonly redis: Redis;
  readonly keys: AccessKeys;
  readonly users: UserStore;
  readonly owner: AuthConfig['owner'];
  readonly scryptCost: ScryptCost;
  readonly log: Logger;
  readonly clock?: () => number;
}

/** What one check found. */
export interface InstallationState {
  readonly marker: Marker | null;
  readonly ownerId: string | null;
  readonly persistence: PersistenceView;
}

/** The marker as written now. */
export function markerNow(now: number, previous: Marker | null, status: Marker['status']): Marker {
  const at = new Date(now).toISOString();
  return {
    id: previous?.id ?? newId(),
    createdAt: previous?.createdAt ?? at,
    status,
    lostAt: status === 'ok' ? null : (previous?.lostAt ?? at),
  };
}

/**
 * Tells a first start from a Redis that lost its data, and keeps the set-up closed after a loss: without this an
 * emptied Redis offers `/api/setup` to the first visitor, who becomes Owner. A first start has no marker and no Owner;
 * a process that saw the marker and finds it gone marks the loss in Redis, so that every process, those started later
 * included, knows it. With OWNER_USERNAME / OWNER_PASSWORD the Owner is created again whenever none exists. A Redis
 * emptied while no process ran cannot be told from a new one: hence persistence, checked here too, and OWNER_*.
 */
export class Installation {
  private readonly clock: () => number;
  /** The marker this process last saw: its disappearance means Redis lost its data. */
  private seen: Marker | null = null;
  private last: InstallationState | null = null;
  private running: Promise<InstallationState> | undefined;

  constructor(private readonly options: InstallationOptions) {
    this.clock = options.clock ?? Date.now;
  }

  /** Reads Redis, marks a loss, re-creates the Owner from OWNER_* if it is missing, and logs what changed. */
  check(): Promise<InstallationState> {
    return (this.running ??= this.run().finally(() => (this.running = undefined)));
  }

  /** The last check's findings as the operator reads them; null before the first check. */
  view(): InstallationView | null {
    return this.last && describe(this.last);
  }

  /** Throws the refusal of `POST /api/setup` unless a first Owner may be created now. */
  async requireSetupOpen(): Promise<void> {
    const { ownerId, marker } = await this.check();
    if (ownerId !== null) throw conflict(say(m.server_refusal_setup_done));
    if (marker?.status === 'lost') {
      throw forbidden(say(m.server_refusal_setup_lost, { at: String(marker.lostAt) }));
    }
    if (this.options.owner) throw forbidden(say(m.server_refusal_setup_from_env));
  }

  /** Whether `POST /api/setup` would create an Owner now. */
  async setupNeeded(): Promise<boolean> {
    return this.requireSetupOpen().then(
      () => true,
      () => false,
    );
  }

  /** The Owner dismisses the loss warning (after rebuilding what was lost by hand). */
  async acknowledgeLoss(): Promise<void> {
    const { marker } = await this.check();
    if (marker?.status !== 'lost') return;
    await this.write(markerNow(this.clock(), marker, 'ok'));
    this.options.log.info('the loss of the Redis data was acknowledged');
    await this.check();
  }

  /**
   * Checks on every Redis reconnection (a restarted Redis may have come back empty) and every `everyMs` (a flush
   * leaves the connection up). Returns a function that stops it.
   */
  watch(everyMs = 5_000): () => void {
    const run = (): void =>
      void this.check().catch((error: unknown) =>
        this.options.log.debug({ err: (error as Error).message }, 'installation check failed'),
      );
    this.options.redis.on('ready', run);
    const timer = setInterval(run, everyMs);
    timer.unref();
    return () => {
      clearInterval(timer);
      this.options.redis.off('ready', run);
    };
  }

  private async run(): Promise<InstallationState> {
    const { redis, keys } = this.options;
    const [[stored = null, ownerId = null], persistence] = await Promise.all([
      redis.mget(keys.installation, keys.owner),
      readPersistence(redis),
    ]);
    const now = this.clock();
    let marker = parseMarker(stored);
    if (!marker && this.seen) {
      // A marker this process saw and cannot find: Redis lost its data.
      marker = await this.create(markerNow(now, this.seen, 'lost'));
    } else if (marker?.status === 'ok' && ownerId === null) {
      marker = await this.write(markerNow(now, marker, 'lost'));
    }
    const owner = ownerId ?? (await this.restoreOwner());
    if (!marker && owner !== null) {
      // A new Owner, or one set up before markers existed.
      marker = await this.create(markerNow(now, null, 'ok'));
    } else if (marker?.status === 'open' && owner !== null) {
      marker = await this.write(markerNow(now, marker, 'ok'));
    }
    if (marker) this.seen = marker;
    const state = { marker, ownerId: owner, persistence };
    this.report(state);
    this.last = state;
    return state;
  }

  /** The Owner from OWNER_USERNAME / OWNER_PASSWORD, when they are set; its id, or null. */
  private async restoreOwner(): Promise<string | null> {
    const { owner, users, log } = this.options;
    if (!owner) return null;
    try {
      const passwordHash = await hashPassword(owner.password, this.options.scryptCost);
      const created = await users.createOwner({ username: owner.username, displayName: owner.username, passwordHash });
      log.info({ username: owner.username }, 'owner account created from OWNER_USERNAME and OWNER_PASSWORD');
      return created.id;
    } catch (error) {
      // Another process may have won: one owner is all that is wanted.
      const id = await users.ownerId();
      if (id === null) throw error;
      return id;
    }
  }

  /** Logs when the loss or the persistence changes, not at every check. */
  private report(state: InstallationState): void {
    const { log } = this.options;
    const before = this.last;
    const lostAt = (of: InstallationState | null) => (of?.marker?.status === 'lost' ? of.marker.lostAt : null);
    const loss = lossWarning(state);
    if (loss && lostAt(state) !== lostAt(before)) log.error({ lostAt: lostAt(state) }, loss);
    const { mode, detail } = state.persistence;
    if (mode === before?.persistence.mode) return;
    const warning = persistenceWarning(state.persistence);
    if (warning) log.warn({ persistence: mode, detail }, warning);
    else log.info({ persistence: mode, detail }, 'Redis keeps its data on disk');
  }

  private async create(marker: Marker): Promise<Marker> {
    const { redis, keys } = this.options;
    if ((await redis.set(keys.installation, JSON.stringify(marker), 'NX')) !== null) return marker;
    return parseMarker(await redis.get(keys.installation)) ?? marker;
  }

  private async write(marker: Marker): Promise<Marker> {
    await this.options.redis.set(this.options.keys.installation, JSON.stringify(marker));
    return marker;
  }
}

export function parseMarker(json: string | null): Marker | null {
  if (json === null) return null;
  try {
    return markerSchema.parse(JSON.parse(json));
  } catch {
    // Unreadable: taken as a board that was set up and damaged, never as a first start.
    return {
      id: 'unreadable',
      createdAt: new Date(0).toISOString(),
      status: 'lost',
      lostAt: new Date(0).toISOString(),
    };
  }
}

function dataState(state: InstallationState): DataState {
  if (state.marker?.status === 'lost') return 'lost';
  return state.ownerId === null ? 'new' : 'ok';
}

function lossWarning({ marker, ownerId }: InstallationState): string | null {
  if (marker?.status !== 'lost') return null;
  const lost = `Redis lost the board's accounts, units, teams, policies, layouts and kiosk links (found at ${marker.lostAt})`;
  if (ownerId === null) {
    return `${lost}: restore a backup with "npm run backup -- restore <file>", or allow a new set-up with "npm run backup -- allow-setup"`;
  }
  return `${lost}; the Owner exists again: restore a backup, or dismiss this warning once the rest is set up again`;
}

function persistenceWarning({ mode, detail }: PersistenceView): string | null {
  if (mode === 'none') {
    return `Redis keeps its data only in memory (${detail}): its next restart loses every account, layout and statistic; run it with appendonly yes`;
  }
  if (mode === 'unknown') return `Redis does not say whether it keeps its data on disk (${detail}): make sure it does`;
  return null;
}

function describe(state: InstallationState): InstallationView {
  const data = dataState(state);
  const warnings = [lossWarning(state), persistenceWarning(state.persistence)].filter((line) => line !== null);
  return { persistence: state.persistence, data, lostAt: data === 'lost' ? state.marker!.lostAt : null, warnings };
}
