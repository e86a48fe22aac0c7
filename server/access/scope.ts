import type { Presence, UnitView } from '../contract/accounts.ts';
import type { Org, OrgUser } from './org/model.ts';
import { effectivePolicies } from './org/policies.ts';

/** The part of the call center a unit-bound viewer may see. */
export interface UnitScope {
  /** The users of the viewer's units (members and administrators). */
  readonly users: ReadonlySet<string>;
  readonly queues: ReadonlySet<string>;
  /** The queue member interfaces linked to those users: how the board knows their calls. */
  readonly agents: ReadonlySet<string>;
}

/** What one viewer (a user's socket or request, or a kiosk) may receive. Decided on the server, never in the browser. */
export interface Scope {
  readonly visible: 'all' | UnitScope;
  readonly presence: Presence;
  /** The viewer's own interfaces: their own calls are never hidden from them. */
  readonly own: ReadonlySet<string>;
  /** "Desktop Softphone: copy number to clipboard": a copy control beside each number shown (hidden ones never). */
  readonly copyNumbers: boolean;
}

/**
 * A user's scope. The Owner sees the whole board. Anyone else who administers or belongs to organisational units sees
 * those units only: their queues, and their users' agents (a unit administrator sees "only the unit's users and
 * queues"; a unit's own members are held to the same, so that nobody sees more than their administrator). A user in
 * no unit sees the whole board. Team policies then decide how much of other users' calls is shown.
 */
export function scopeFor(user: OrgUser, org: Org): Scope {
  const own = new Set(user.interfaces);
  const { presence, copyNumber: copyNumbers } = effectivePolicies(user, org);
  if (user.role === 'owner') return { visible: 'all', presence, own, copyNumbers };
  const units = unitsOf(user, org);
  if (units.length === 0) return { visible: 'all', presence, own, copyNumbers };
  return { visible: unitsPart(units, org, own), presence, own, copyNumbers };
}

/** What units hold: their queues, their users (members and administrators) and those users' agents. */
function unitsPart(units: readonly UnitView[], org: Org, own: ReadonlySet<string>): UnitScope {
  const users = new Set(units.flatMap((unit) => [...unit.members, ...unit.administrators]));
  const interfaces = org.users.filter((other) => users.has(other.id)).flatMap((other) => other.interfaces);
  return { users, queues: new Set(units.flatMap((unit) => unit.queues)), agents: new Set([...interfaces, ...own]) };
}

/** One unit's own data, as its administrators see it (the unit's files of the daily reports): nobody's own calls. */
export function unitScope(unit: UnitView, org: Org): Scope {
  return { visible: unitsPart([unit], org, new Set()), presence: 'full', own: new Set(), copyNumbers: false };
}

/** The units a user administers or belongs to: what binds them to a part of the center (none for the Owner). */
export function unitsOf(user: OrgUser, org: Pick<Org, 'units'>): UnitView[] {
  if (user.role === 'owner') return [];
  return org.units.filter((unit) => unit.members.includes(user.id) || unit.administrators.includes(user.id));
}

/** A kiosk shows what its creator may see, but it is nobody: no call on it is its own, and a wall TV copies nothing. */
export function kioskScope(creator: OrgUser, org: Org): Scope {
  return { ...scopeFor(creator, org), own: new Set(), copyNumbers: false };
}

/** Whether the viewer sees the whole board (and may therefore manage accounts and units). */
export function wholeBoard(scope: Scope): boolean {
  return scope.visible === 'all';
}

/**
 * Equal for scopes that filter alike: sockets can be grouped by it (one Socket.IO room per distinct scope), so that a
 * delta is filtered once per group rather than once per socket.
 */
export function scopeKey(scope: Scope): string {
  const sorted = (set: ReadonlySet<string>) => [...set].sort();
  const { visible } = scope;
  return JSON.stringify([
    scope.presence,
    scope.copyNumbers,
    // Own interfaces only change the outcome where something is hidden from others.
    scope.presence === 'full' && visible === 'all' ? [] : sorted(scope.own),
    visible === 'all' ? 'all' : [sorted(visible.queues), sorted(visible.agents)],
  ]);
}
