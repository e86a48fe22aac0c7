import { z } from 'zod';
import { problem } from './issues.ts';
import { alertsBackup } from './alerts.ts';
import { pauseReasonsBody } from './agent-actions.ts';
import { kioskBody, policyBody, ROLES, teamBody, unitBody, userCreateBody, usernameField } from './accounts.ts';
import { idSchema, layoutSchema } from './layout.ts';
import { recordingSettingsBody } from './recordings.ts';
import { retentionUpdateBody } from './retention.ts';

/**
 * A backup of the board's configuration, as one JSON file (`GET /api/backup`, `npm run backup -- export`): accounts
 * with their password hashes (the point is to recover them), units, teams, policies, kiosk links (their tokens'
 * hashes, so that the wall TVs' links keep working), layouts, retention rules, what is recorded, the alert rules and
 * webhooks, and the pause reasons, as stored. Live state, statistics,
 * call records, recordings and chat messages are not configuration and are not in it.
 *
 * `version` says how to read the rest. A section added later (monitoring groups) is optional in the version that adds
 * it, so that an older file restores with none; a file from a newer version is refused rather than half read.
 */
export const BACKUP_FORMAT = 'tablica-configuration';
export const BACKUP_VERSION = 1;

const id = z.string().min(1).max(64);
const epochMs = z.int().min(0).max(8_640_000_000_000_000);

const backupUser = z.strictObject({
  id,
  username: usernameField,
  displayName: userCreateBody.shape.displayName.unwrap(),
  role: z.enum(ROLES),
  interfaces: userCreateBody.shape.interfaces,
  disabled: z.boolean(),
  passwordHash: z.string().regex(/^scrypt\$\d+\$\d+\$\d+\$[\w-]+\$[\w-]+$/, problem('scrypt')),
  createdAt: epochMs,
});

const backupKiosk = z.strictObject({
  id,
  name: kioskBody.shape.name.unwrap(),
  layoutId: kioskBody.shape.layoutId,
  createdBy: id,
  createdAt: epochMs,
  expiresAt: epochMs.nullable(),
  tokenHash: z.string().regex(/^[0-9a-f]{64}$/, problem('token_hash')),
});

const header = {
  format: z.literal(BACKUP_FORMAT, { error: problem('backup_format', { format: BACKUP_FORMAT }) }),
  version: z.literal(BACKUP_VERSION, {
    error: (issue) => problem('backup_version', { got: String(issue.input), version: String(BACKUP_VERSION) }),
  }),
};

/** Read first, so that another file, or one of another version, gets that one error rather than a list of all. */
export const backupHeader = z.object(header);

export const backupSchema = z.strictObject({
  ...header,
  createdAt: z.iso.datetime({ offset: true }),
  users: z.array(backupUser).max(100_000),
  units: z.array(unitBody.extend({ id })).max(100_000),
  teams: z.array(teamBody.extend({ id })).max(100_000),
  policies: z.array(policyBody.extend({ id })).max(100_000),
  kiosks: z.array(backupKiosk).max(100_000),
  layouts: z.array(layoutSchema).max(100_000),
  /** Shipped layouts seeded once: one deleted before the backup is not seeded again after a restore. */
  seededLayouts: z.array(idSchema).max(100_000),
  retention: retentionUpdateBody,
  /** The queues and users whose calls are recorded (added later: a file without it restores with no recording). */
  recordings: recordingSettingsBody.optional(),
  /** Alert rules and webhooks, their secrets included (added later: a file without it restores with none). */
  alerts: alertsBackup.optional(),
  /** The center's pause reasons (added later: a file without them restores the defaults). */
  pauseReasons: pauseReasonsBody.shape.reasons.optional(),
});

export type Backup = z.infer<typeof backupSchema>;
export type BackupUser = z.infer<typeof backupUser>;

/** `POST /api/backup/restore` and `npm run backup -- restore`: how much was restored. */
export interface RestoreSummary {
  users: number;
  units: number;
  teams: number;
  policies: number;
  kiosks: number;
  layouts: number;
}
