import type { PolicyBody, PolicyView, Role, TeamBody, TeamView, UnitBody, UnitView } from '../../contract/accounts.ts';
import { badRequest, conflict } from '../../refusal.ts';

/** The checks the admin guide asks of units, teams and policies, before anything is stored. */

export interface NamedUser {
  readonly id: string;
  readonly username: string;
  readonly role: Role;
}

function requireUsers(ids: readonly string[], users: ReadonlyMap<string, NamedUser>, what: string): NamedUser[] {
  const unknown = ids.filter((id) => !users.has(id));
  if (unknown.length > 0) throw badRequest(`${what}: there is no user with the id ${unknown.join(', ')}.`);
  return ids.map((id) => users.get(id)!);
}

function requireUniqueName(
  name: string,
  others: readonly { id: string; name: string }[],
  self: string | null,
  what: string,
) {
  const taken = others.find((other) => other.id !== self && other.name.toLowerCase() === name.toLowerCase());
  if (taken) throw conflict(`A ${what} named ${taken.name} exists already.`);
}

/**
 * `known`: the queues the board knows (null: not checked). A queue the unit had before stays allowed, so that a queue
 * gone from Asterisk does not stop the unit's other changes.
 */
export function checkUnit(
  body: UnitBody,
  self: UnitView | null,
  units: readonly UnitView[],
  users: ReadonlyMap<string, NamedUser>,
  known: ReadonlySet<string> | null = null,
): void {
  requireUniqueName(body.name, units, self?.id ?? null, 'unit');
  requireUsers(body.members, users, 'Members');
  for (const admin of requireUsers(body.administrators, users, 'Administrators')) {
    // The owner could otherwise be bound to one unit's view and lose sight of the rest: it must never lock itself out.
    if (admin.role === 'owner') {
      throw badRequest(`The owner account ${admin.username} cannot administer a unit.`);
    }
    if (admin.role !== 'administrator') {
      throw badRequest(
        `The user ${admin.username} must have the Administrator role before being made a unit administrator.`,
      );
    }
  }
  const unknown = known ? body.queues.filter((queue) => !known.has(queue) && !self?.queues.includes(queue)) : [];
  if (unknown.length > 0) {
    const plural = unknown.length > 1;
    throw badRequest(
      `There ${plural ? 'are no queues' : 'is no queue'} named ${unknown.join(', ')} on this board` +
        (known && known.size > 0
          ? ` (its queues: ${[...known].sort().join(', ')}).`
          : ': it knows no queues yet; is Asterisk connected?'),
    );
  }
}

export function checkTeam(
  body: TeamBody,
  self: string | null,
  teams: readonly TeamView[],
  users: ReadonlyMap<string, NamedUser>,
) {
  requireUniqueName(body.name, teams, self, 'team');
  requireUsers(body.members, users, 'Members');
}

export function checkPolicy(
  body: PolicyBody,
  self: string | null,
  teams: readonly TeamView[],
  policies: readonly PolicyView[],
) {
  if (!teams.some((team) => team.id === body.team)) throw badRequest(`There is no team with the id ${body.team}.`);
  if (policies.some((policy) => policy.id !== self && policy.team === body.team && policy.policy === body.policy)) {
    throw conflict(`The team has the policy ${body.policy} already.`);
  }
}

/** A unit administrator must stay an Administrator: a role change that would break that is refused. */
export function checkRoleChange(user: NamedUser, role: Role, units: readonly UnitView[]): void {
  if (role === 'administrator') return;
  const administered = units.filter((unit) => unit.administrators.includes(user.id)).map((unit) => unit.name);
  if (administered.length > 0) {
    throw badRequest(
      `The user ${user.username} administers ${administered.join(', ')}: remove them there first, then change the role.`,
    );
  }
}
