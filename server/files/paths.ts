import path from 'node:path';

/**
 * Where the files administrators take home live under FILES_DIR, the one layout shared by the daily reports, the
 * recordings and the FTPS homes:
 *
 *     center/CDRs/YYYY-MM-DD.csv                    center/QueueCalls/YYYY-MM-DD-queue-calls.zip
 *     units/<unitId>/CDRs/YYYY-MM-DD.csv            units/<unitId>/QueueCalls/YYYY-MM-DD-queue-calls.zip
 *     center/Recordings/YYYY-MM-DD/<name>.mp3       units/<unitId>/Recordings/YYYY-MM-DD/<name>.mp3
 *
 * A chroot to `center/` gives the whole call center; to `units/<unitId>/`, exactly that unit's data.
 */

/** The categories of files: each is a folder of every scope, and each file in it is dated by its name. */
export const FILE_CATEGORIES = ['CDRs', 'QueueCalls', 'Recordings'] as const;
export type FileCategory = (typeof FILE_CATEGORIES)[number];

/** The whole center, or one organisational unit. */
export type FileScope = { readonly kind: 'center' } | { readonly kind: 'unit'; readonly unitId: string };

export const CENTER: FileScope = { kind: 'center' };

/** A UTC day as files name it. */
export const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Unit ids (base64url) become folder names: only ids that cannot climb out of `units/` are accepted. */
const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Whether a unit id can name a folder (a hand-edited backup might hold one that cannot). */
export const isSafeUnitId = (unitId: string): boolean => SAFE_ID.test(unitId);

/** `ftp/`: the unit administrators' FTP homes (server/ftps), beside the scopes' folders. */
export const ftpHomesDir = (root: string): string => path.join(root, 'ftp');

export function scopeDir(root: string, scope: FileScope): string {
  if (scope.kind === 'center') return path.join(root, 'center');
  if (!isSafeUnitId(scope.unitId)) throw new Error(`The unit id "${scope.unitId}" cannot name a folder.`);
  return path.join(root, 'units', scope.unitId);
}

export function categoryDir(root: string, scope: FileScope, category: FileCategory): string {
  return path.join(scopeDir(root, scope), category);
}

/** `CDRs/YYYY-MM-DD.csv`. */
export function cdrFile(root: string, scope: FileScope, day: string): string {
  return path.join(categoryDir(root, scope, 'CDRs'), `${day}.csv`);
}

/** `QueueCalls/YYYY-MM-DD-queue-calls.zip`. */
export function queueCallsFile(root: string, scope: FileScope, day: string): string {
  return path.join(categoryDir(root, scope, 'QueueCalls'), `${day}-queue-calls.zip`);
}

/** `Recordings/YYYY-MM-DD/<name>.mp3` of a scope. */
export function recordingFile(root: string, scope: FileScope, day: string, fileName: string): string {
  return path.join(categoryDir(root, scope, 'Recordings'), day, fileName);
}

/** The day a file or a day folder of any category is for: the date its name starts with. */
export function dayOfName(name: string): string | null {
  const day = name.slice(0, 10);
  return DAY.test(day) ? day : null;
}
