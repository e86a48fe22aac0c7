import type { Backup } from '../contract/backup.ts';
import { Refusal, badRequest } from '../refusal.ts';
import { checkPolicy, checkTeam, checkUnit } from '../access/org/rules.ts';

/**
 * What the schema cannot say of a backup: one enabled Owner, unique ids, names and interfaces, and every reference
 * (unit members, team members, policies' teams, kiosks' creators and layouts) pointing at something in the file.
 * Units, teams and policies pass the same checks as when an administrator saves them.
 */
export function checkBackup(backup: Backup): void {
  const owners = backup.users.filter((user) => user.role === 'owner');
  if (owners.length !== 1) throw badRequest(`The backup must hold exactly one owner account, not ${owners.length}.`);
  if (owners[0]!.disabled)
    throw badRequest(`The backup's owner account ${owners[0]!.username} is disabled: the Owner cannot be.`);

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
    within(`Unit ${i + 1} (${unit.name})`, () => checkUnit(unit, unit, backup.units, users)),
  );
  backup.teams.forEach((team, i) =>
    within(`Team ${i + 1} (${team.name})`, () => checkTeam(team, team.id, backup.teams, users)),
  );
  backup.policies.forEach((policy, i) =>
    within(`Policy ${i + 1}`, () => checkPolicy(policy, policy.id, backup.teams, backup.policies)),
  );
  const unknown = (backup.recordings?.users ?? []).find((user) => !users.has(user));
  if (unknown !== undefined)
    throw badRequest(`The recording settings name the user ${unknown}, whom the backup does not hold.`);
  const alerts = backup.alerts ?? { rules: [], webhooks: [] };
  unique('alert rules', 'id', alerts.rules, (rule) => rule.id);
  unique('webhooks', 'id', alerts.webhooks, (webhook) => webhook.id);
  const webhooks = new Set(alerts.webhooks.map((webhook) => webhook.id));
  alerts.rules.forEach((rule, i) => {
    const missing = rule.webhooks.find((webhook) => !webhooks.has(webhook));
    if (missing !== undefined)
      throw badRequest(
        `Alert rule ${i + 1} (${rule.name}) sends to the webhook ${missing}, which the backup does not hold.`,
      );
  });
  const layouts = new Set(backup.layouts.map((layout) => layout.id));
  backup.kiosks.forEach((kiosk, i) => {
    const where = `Kiosk link ${i + 1} (${kiosk.name})`;
    if (!users.has(kiosk.createdBy))
      throw badRequest(`${where} was made by the user ${kiosk.createdBy}, whom the backup does not hold.`);
    if (!layouts.has(kiosk.layoutId))
      throw badRequest(`${where} shows the layout ${kiosk.layoutId}, which the backup does not hold.`);
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
    if (seen.has(value)) throw badRequest(`The ${what} ${value} appears twice in the backup's ${section}.`);
    seen.add(value);
  }
}

/** An administrator's refusal (400 or 409) as a 400 naming where in the file it is. */
function within(where: string, check: () => void): void {
  try {
    check();
  } catch (error) {
    if (error instanceof Refusal) throw badRequest(`${where} in the backup: ${error.message}`);
    throw error;
  }
}
