import { CENTER, isSafeUnitId, recordingFile } from '../files/paths.ts';

/**
 * Names and places of recordings (PRODUCT.md 6 and the shared file layout): every MP3 is
 * `center/Recordings/YYYY-MM-DD/<name>.mp3` under FILES_DIR, hard-linked as `units/<unitId>/Recordings/YYYY-MM-DD/…`
 * into each unit the call belongs to, so that an FTP home chrooted to a unit's folder holds exactly its recordings.
 */

/** What a recording's name is made of: the answer, the agent's interface, the caller, the number dialled, the call. */
export interface RecordingNameParts {
  /** When the agent answered (epoch ms); the name carries its UTC date and time. */
  readonly answeredAt: number;
  /** The queue member interface, e.g. `PJSIP/1001` or `Local/1001@agents`. */
  readonly agent: string;
  readonly callerIdNum: string;
  /** What the caller dialled (the queue's extension). */
  readonly dialled: string;
  /** The caller's Uniqueid: queue_log's call id. */
  readonly uniqueid: string;
}

/**
 * A part of a name with every character outside letters, digits and `.+@_` replaced by `_`: no separator, no control
 * character, nothing a shell, a spreadsheet or FileZilla reads specially, and no `-` (it separates the parts). Long
 * parts are cut, empty ones say so.
 */
export function safePart(text: string): string {
  const safe = text.replace(/[^A-Za-z0-9.+@_]/g, '_').slice(0, 64);
  return safe === '' || /^\.+$/.test(safe) ? 'unknown' : safe;
}

/** The SIP user name of a member interface: `PJSIP/1001` → `1001`, `Local/1001@agents` → `1001`. */
export function sipUsername(agent: string): string {
  const afterTech = agent.slice(agent.indexOf('/') + 1);
  return afterTech.split('@')[0] ?? afterTech;
}

const two = (n: number): string => String(n).padStart(2, '0');

/** `YYYY-MM-DD` of a time, in UTC: the folder of a day. */
export function dayOf(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** `YYYY_mm_dd_HH_mm_ss-SIP_USERNAME-CALLER_ID-CALLED_NO-UNIQUEID` (no extension). */
export function recordingBaseName(parts: RecordingNameParts): string {
  const at = new Date(parts.answeredAt);
  const stamp = [
    at.getUTCFullYear(),
    two(at.getUTCMonth() + 1),
    two(at.getUTCDate()),
    two(at.getUTCHours()),
    two(at.getUTCMinutes()),
    two(at.getUTCSeconds()),
  ].join('_');
  return [stamp, sipUsername(parts.agent), parts.callerIdNum, parts.dialled, parts.uniqueid]
    .map((part, i) => (i === 0 ? part : safePart(part)))
    .join('-');
}

/** Where a recording lives under FILES_DIR: the center's copy and one link per unit (paths relative to FILES_DIR). */
export function recordingPaths(
  day: string,
  fileName: string,
  units: readonly string[],
): { center: string; units: string[] } {
  return {
    center: recordingFile('', CENTER, day, fileName),
    units: units.filter(isSafeUnitId).map((unitId) => recordingFile('', { kind: 'unit', unitId }, day, fileName)),
  };
}
