import type { PolicyBody, PolicyView, Role, TeamBody, TeamView, UnitBody, UnitView } from '../contract/access.ts';
import { badRequest, conflict } from '../auth/errors.ts';

/** The checks the admin guide asks of units, teams and policies, before anything is stored. */

export interface NamedUser {
  readonly id: string;
  readonly username: string;
  readonly role: Role;
}

function requireUsers(ids: readonly string[], users: ReadonlyMap<string, NamedUser>, field: string): NamedUser[] {
  const unknown = ids.filter((id) => !users.has(id));
  if (unknown.length > 0) throw badRequest(`${field}: no such user ${unknown.join(', ')}`);
  return ids.map((id) => users.get(id)!);
}

function requireUniqueName(name: string, others: readonly { id: string; name: string }[], self: string | null, what: string) {
  const taken = others.find((other) => other.id !== self && other.name.toLowerCase() === name.toLowerCase());
  if (taken) throw conflict(`a ${what} named ${taken.name} exists already`);
}

export function checkUnit(
  body: UnitBody,
  self: string | null,
  units: readonly UnitView[],
  users: ReadonlyMap<string, NamedUser>,
): void {
  requireUniqueName(body.name, units, self, 'unit');
  requireUsers(body.members, users, 'members');
  for (const admin of requireUsers(body.administrators, users, 'administrators')) {
    // The owner could otherwise be bound to one unit's view and lose sight of the rest: it must never lock itself out.
    if (admin.role === 'owner') {
      throw badRequest(`administrators: ${admin.username} is the owner account, which cannot administer a unit`);
    }
    if (admin.role !== 'administrator') {
      throw badRequest(
        `administrators: ${admin.username} must have the Administrator role before being made a unit administrator`,
      );
    }
  }
}

export function checkTeam(body: TeamBody, self: string | null, teams: readonly TeamView[], users: ReadonlyMap<string, NamedUser>) {
  requireUniqueName(body.name, teams, self, 'team');
  requireUsers(body.members, users, 'members');
}

export function checkPolicy(body: PolicyBody, self: string | null, teams: readonly TeamView[], policies: readonly PolicyView[]) {
  if (!teams.some((team) => team.id === body.team)) throw badRequest(`team: no such team ${body.team}`);
  if (policies.some((policy) => policy.id !== self && policy.team === body.team && policy.policy === body.policy)) {
    throw conflict(`the team has the policy ${body.policy} already`);
  }
}

/** A unit administrator must stay an Administrator: a role change that would break that is refused. */
export function checkRoleChange(user: NamedUser, role: Role, units: readonly UnitView[]): void {
  if (role === 'administrator') return;
  const administered = units.filter((unit) => unit.administrators.includes(user.id)).map((unit) => unit.name);
  if (administered.length > 0) {
    throw badRequest(`role: ${user.username} administers ${administered.join(', ')}; remove them there first`);
  }
}
