/**
 * Whether this board's Redis keeps its data, and whether the data it held was lost: `/healthz` reports it, and the
 * administration screens show its warnings (`GET /api/installation`).
 */

/**
 * How Redis keeps its data across a restart: an append-only file, snapshots (`save` points), both, nothing (a restart
 * empties it) or unknown (Redis refused `CONFIG GET`, as managed services often do).
 */
export type PersistenceMode = 'aof' | 'snapshots' | 'aof+snapshots' | 'none' | 'unknown';

export interface PersistenceView {
  mode: PersistenceMode;
  /** What Redis answered, e.g. `appendonly yes, save 3600 1`, or why it could not be asked. */
  detail: string;
}

/**
 * `new`: nothing set up yet (the Owner is still to be created); `ok`: set up; `lost`: this Redis held a set-up board and
 * its accounts and settings are gone (Redis restarted empty, or was flushed) — `/api/setup` stays closed until a backup
 * is restored, the Owner dismisses the warning, or an operator allows a new set-up (`npm run backup -- allow-setup`).
 */
export type DataState = 'new' | 'ok' | 'lost';

export interface InstallationView {
  persistence: PersistenceView;
  data: DataState;
  /** When the loss was found (ISO); null unless `data` is `lost`. */
  lostAt: string | null;
  /** Sentences for the operator, worst first; empty when all is well. */
  warnings: string[];
}
