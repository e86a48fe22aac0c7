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

  unique(
    'users',
    backup.users.map((user) => user.id),
    'id',
  );
  unique(
    'users',
    backup.users.map((user) => user.username),
    'username',
  );
  unique(
    'users',
    backup.users.flatMap((user) => user.interfaces),
    'linked interface',
  );
  unique(
    'units',
    backup.units.map((unit) => unit.id),
    'id',
  );
  unique(
    'teams',
    backup.teams.map((team) => team.id),
    'id',
  );
  unique(
    'policies',
    backup.policies.map((policy) => policy.id),
    'id',
  );
  unique(
    'kiosks',
    backup.kiosks.map((kiosk) => kiosk.id),
    'id',
  );
  unique(
    'kiosks',
    backup.kiosks.map((kiosk) => kiosk.tokenHash),
    'tokenHash',
  );
  unique(
    'layouts',
    backup.layouts.map((layout) => layout.id),
    'id',
  );

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
  const layouts = new Set(backup.layouts.map((layout) => layout.id));
  backup.kiosks.forEach((kiosk, i) => {
    const where = `Kiosk link ${i + 1} (${kiosk.name})`;
    if (!users.has(kiosk.createdBy))
      throw badRequest(`${where} was made by the user ${kiosk.createdBy}, whom the backup does not hold.`);
    if (!layouts.has(kiosk.layoutId))
      throw badRequest(`${where} shows the layout ${kiosk.layoutId}, which the backup does not hold.`);
  });
}

function unique(section: string, values: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const value of values) {
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
