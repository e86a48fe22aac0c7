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
  if (owners.length !== 1) throw badRequest(`users: must hold exactly one owner account, not ${owners.length}`);
  if (owners[0]!.disabled) throw badRequest(`users: the owner account ${owners[0]!.username} cannot be disabled`);

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
    within(`units[${i}] (${unit.name})`, () => checkUnit(unit, unit, backup.units, users)),
  );
  backup.teams.forEach((team, i) =>
    within(`teams[${i}] (${team.name})`, () => checkTeam(team, team.id, backup.teams, users)),
  );
  backup.policies.forEach((policy, i) =>
    within(`policies[${i}]`, () => checkPolicy(policy, policy.id, backup.teams, backup.policies)),
  );
  const unknown = (backup.recordings?.users ?? []).find((user) => !users.has(user));
  if (unknown !== undefined) throw badRequest(`recordings: users: no such user ${unknown}`);
  const layouts = new Set(backup.layouts.map((layout) => layout.id));
  backup.kiosks.forEach((kiosk, i) => {
    const where = `kiosks[${i}] (${kiosk.name})`;
    if (!users.has(kiosk.createdBy)) throw badRequest(`${where}: createdBy: no such user ${kiosk.createdBy}`);
    if (!layouts.has(kiosk.layoutId)) throw badRequest(`${where}: layoutId: no such layout ${kiosk.layoutId}`);
  });
}

function unique(section: string, values: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) throw badRequest(`${section}: the ${what} ${value} appears twice`);
    seen.add(value);
  }
}

/** An administrator's refusal (400 or 409) as a 400 naming where in the file it is. */
function within(where: string, check: () => void): void {
  try {
    check();
  } catch (error) {
    if (error instanceof Refusal) throw badRequest(`${where}: ${error.message}`);
    throw error;
  }
}
