import type { Backup } from '../contract/backup.ts';
import { Refusal, badRequest } from '../refusal.ts';
import { checkPolicy, checkTeam, checkUnit } from '../access/org/rules.ts';
import { say, type Localized } from '../i18n.ts';
import { m } from '../contract/messages/messages.js';

/**
 * What the schema cannot say of a backup: one enabled Owner, unique ids, names and interfaces, and every reference
 * (unit members, team members, policies' teams, kiosks' creators and layouts) pointing at something in the file.
 * Units, teams and policies pass the same checks as when an administrator saves them.
 */
export function checkBackup(backup: Backup): void {
  const owners = backup.users.filter((user) => user.role === 'owner');
  if (owners.length !== 1) throw badRequest(say(m.admin_backup_refusal_owners, { count: owners.length }));
  if (owners[0]!.disabled) throw badRequest(say(m.admin_backup_refusal_owner_disabled, { user: owners[0]!.username }));

  const identified: Record<string, readonly { id: string }[]> = {
    users: backup.users,
    units: backup.units,
    teams: backup.teams,
    policies: backup.policies,
    kiosks: backup.kiosks,
    layouts: backup.layouts,
  };
  for (const [section, entries] of Object.entries(identified)) unique(section, 'id', entries, (entry) => entry.id);
  unique('users', 'username', backup.users, (user) => user.username);
  unique('users', 'linked interface', backup.users, (user) => user.interfaces);
  unique('kiosks', 'tokenHash', backup.kiosks, (kiosk) => kiosk.tokenHash);

  const users = new Map(backup.users.map((user) => [user.id, user]));
  backup.units.forEach((unit, i) =>
    within(say(m.admin_backup_where_unit, { number: i + 1, name: unit.name }), () =>
      checkUnit(unit, unit, backup.units, users),
    ),
  );
  backup.teams.forEach((team, i) =>
    within(say(m.admin_backup_where_team, { number: i + 1, name: team.name }), () =>
      checkTeam(team, team.id, backup.teams, users),
    ),
  );
  backup.policies.forEach((policy, i) =>
    within(say(m.admin_backup_where_policy, { number: i + 1 }), () =>
      checkPolicy(policy, policy.id, backup.teams, backup.policies),
    ),
  );
  const unknown = (backup.recordings?.users ?? []).find((user) => !users.has(user));
  if (unknown !== undefined) throw badRequest(say(m.admin_backup_refusal_recording_user, { user: unknown }));
  const alerts = backup.alerts ?? { rules: [], webhooks: [] };
  unique('alert rules', 'id', alerts.rules, (rule) => rule.id);
  unique('webhooks', 'id', alerts.webhooks, (webhook) => webhook.id);
  const webhooks = new Set(alerts.webhooks.map((webhook) => webhook.id));
  alerts.rules.forEach((rule, i) => {
    const missing = rule.webhooks.find((webhook) => !webhooks.has(webhook));
    if (missing !== undefined) {
      throw badRequest(say(m.admin_backup_refusal_alert_webhook, { number: i + 1, name: rule.name, webhook: missing }));
    }
  });
  const layouts = new Set(backup.layouts.map((layout) => layout.id));
  backup.kiosks.forEach((kiosk, i) => {
    const where = say(m.admin_backup_where_kiosk, { number: i + 1, name: kiosk.name });
    if (!users.has(kiosk.createdBy)) {
      throw badRequest((locale) =>
        m.admin_backup_refusal_kiosk_creator({ where: where(locale), user: kiosk.createdBy }, { locale }),
      );
    }
    if (!layouts.has(kiosk.layoutId)) {
      throw badRequest((locale) =>
        m.admin_backup_refusal_kiosk_layout({ where: where(locale), layout: kiosk.layoutId }, { locale }),
      );
    }
  });
}

/** Refuses a file where two entries of a section share a value (or one of their values, for a list). */
function unique<Entry>(
  section: string,
  what: string,
  entries: readonly Entry[],
  values: (entry: Entry) => string | readonly string[],
): void {
  const seen = new Set<string>();
  for (const value of entries.flatMap(values)) {
    if (seen.has(value)) throw badRequest(say(m.admin_backup_refusal_twice, { what, value, section }));
    seen.add(value);
  }
}

/** An administrator's refusal (400 or 409) as a 400 naming where in the file it is. */
function within(where: Localized, check: () => void): void {
  try {
    check();
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    throw badRequest((locale) =>
      m.admin_backup_refusal_within({ where: where(locale), problem: error.say(locale) }, { locale }),
    );
  }
}
