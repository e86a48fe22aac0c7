import {
  policyName,
  type PolicyBody,
  type PolicyView,
  type Role,
  type TeamBody,
  type TeamView,
  type UnitBody,
  type UnitView,
} from '../../contract/accounts.ts';
import { badRequest, conflict } from '../../refusal.ts';
import { say } from '../../i18n.ts';
import { m } from '../../contract/messages/messages.js';

/** The checks the admin guide asks of units, teams and policies, before anything is stored. */

export interface NamedUser {
  readonly id: string;
  readonly username: string;
  readonly role: Role;
}

/** The refusal naming the field whose ids name no user. */
const UNKNOWN_USERS = {
  members: m.admin_refusal_unknown_members,
  administrators: m.admin_refusal_unknown_administrators,
};

function requireUsers(
  ids: readonly string[],
  users: ReadonlyMap<string, NamedUser>,
  field: keyof typeof UNKNOWN_USERS,
): NamedUser[] {
  const unknown = ids.filter((id) => !users.has(id));
  if (unknown.length > 0) throw badRequest(say(UNKNOWN_USERS[field], { ids: unknown.join(', ') }));
  return ids.map((id) => users.get(id)!);
}

function requireUniqueName(
  name: string,
  others: readonly { id: string; name: string }[],
  self: string | null,
  what: 'unit' | 'team',
) {
  const taken = others.find((other) => other.id !== self && other.name.toLowerCase() === name.toLowerCase());
  if (taken) {
    throw conflict(
      say(what === 'unit' ? m.admin_refusal_unit_taken : m.admin_refusal_team_taken, { name: taken.name }),
    );
  }
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
  requireUsers(body.members, users, 'members');
  for (const admin of requireUsers(body.administrators, users, 'administrators')) {
    // The owner could otherwise be bound to one unit's view and lose sight of the rest: it must never lock itself out.
    if (admin.role === 'owner') {
      throw badRequest(say(m.admin_refusal_owner_administers, { user: admin.username }));
    }
    if (admin.role !== 'administrator') {
      throw badRequest(say(m.admin_refusal_not_administrator, { user: admin.username }));
    }
  }
  const unknown = known ? body.queues.filter((queue) => !known.has(queue) && !self?.queues.includes(queue)) : [];
  if (unknown.length > 0) {
    const named = { count: unknown.length, queues: unknown.join(', ') };
    throw badRequest(
      known && known.size > 0
        ? say(m.admin_refusal_unknown_queues, { ...named, known: [...known].sort().join(', ') })
        : say(m.admin_refusal_unknown_queues_none, named),
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
  requireUsers(body.members, users, 'members');
}

export function checkPolicy(
  body: PolicyBody,
  self: string | null,
  teams: readonly TeamView[],
  policies: readonly PolicyView[],
) {
  if (!teams.some((team) => team.id === body.team))
    throw badRequest(say(m.admin_refusal_unknown_team, { id: body.team }));
  if (policies.some((policy) => policy.id !== self && policy.team === body.team && policy.policy === body.policy)) {
    throw conflict((locale) => m.admin_refusal_policy_taken({ policy: policyName(body.policy, locale) }, { locale }));
  }
}

/** A unit administrator must stay an Administrator: a role change that would break that is refused. */
export function checkRoleChange(user: NamedUser, role: Role, units: readonly UnitView[]): void {
  if (role === 'administrator') return;
  const administered = units.filter((unit) => unit.administrators.includes(user.id)).map((unit) => unit.name);
  if (administered.length > 0) {
    throw badRequest(say(m.admin_refusal_administers, { user: user.username, units: administered.join(', ') }));
  }
}
