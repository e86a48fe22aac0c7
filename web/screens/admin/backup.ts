import type { RestoreSummary } from '../../../server/contract/backup.ts';
import type { Result } from '../../../server/contract/result.ts';

/** A chosen file's text as JSON, or an error saying it is not one; the server checks everything else. */
export function readBackupFile(name: string, text: string): Result<unknown> {
  try {
    return { ok: true, data: JSON.parse(text) };
  } catch {
    return { ok: false, error: `The file ${name} is not a backup file: it is not JSON.` };
  }
}

export function describeRestore(summary: RestoreSummary): string {
  const { users, units, teams, policies, kiosks, layouts } = summary;
  return (
    `Restored ${users} users, ${units} units, ${teams} teams, ${policies} policies, ${kiosks} kiosk links and ` +
    `${layouts} layouts. Log in again if your session ended.`
  );
}
