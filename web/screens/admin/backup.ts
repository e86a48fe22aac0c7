import type { RestoreSummary } from '../../../server/contract/backup.ts';
import type { Result } from '../../../server/contract/result.ts';
import { m } from '../../../server/contract/messages/messages.js';

/** A chosen file's text as JSON, or an error saying it is not one; the server checks everything else. */
export function readBackupFile(name: string, text: string): Result<unknown> {
  try {
    return { ok: true, data: JSON.parse(text) };
  } catch {
    return { ok: false, error: m.admin_backup_not_json({ name }) };
  }
}

export function describeRestore(summary: RestoreSummary): string {
  const { users, units, teams, policies, kiosks, layouts } = summary;
  return m.admin_backup_restored({
    users: m.admin_backup_users({ count: users }),
    units: m.admin_backup_units({ count: units }),
    teams: m.admin_backup_teams({ count: teams }),
    policies: m.admin_backup_policies({ count: policies }),
    kiosks: m.admin_backup_kiosks({ count: kiosks }),
    layouts: m.admin_backup_layouts({ count: layouts }),
  });
}
