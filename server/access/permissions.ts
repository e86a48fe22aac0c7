import type { Org, OrgUser } from './org/model.ts';
import { effectivePolicies, teamOnlyChatTeams } from './org/policies.ts';
import { scopeFor } from './scope.ts';

/** Whether one side's policies let it chat with the other: each team-only team of theirs must include the other. */
function chatAllowedFrom(from: OrgUser, to: OrgUser, org: Org): boolean {
  const { chat } = effectivePolicies(from, org);
  if (chat === 'none') return false;
  if (chat === 'all') return true;
  // In several team-only teams, the most restrictive reading: the other must be in every one of them.
  return [...teamOnlyChatTeams(from.id, org)].every((teamId) =>
    org.teams.some((team) => team.id === teamId && team.members.includes(to.id)),
  );
}

/** Chat needs both sides' consent: a member of a team-only team cannot be reached from outside it either. */
export function canChat(a: OrgUser, b: OrgUser, org: Org): boolean {
  return a.id !== b.id && chatAllowedFrom(a, b, org) && chatAllowedFrom(b, a, org);
}

/**
 * Whether a user may play or download the recording of a call: its queue, and the user whose interface answered it
 * (`owner`, null when no user holds that interface). "Call Recordings: disable access" takes every recording away
 * from the members of its teams (recording itself goes on). Otherwise a user hears their own calls; the Owner and
 * administrators hear everyone's, a unit administrator only their units' (a call of a unit's queue, or answered by one
 * of its users).
 */
export function canAccessRecording(
  user: OrgUser,
  call: { readonly owner: string | null; readonly queue: string },
  org: Org,
): boolean {
  if (!effectivePolicies(user, org).recordings) return false;
  if (user.id === call.owner || user.role === 'owner') return true;
  if (user.role !== 'administrator') return false;
  const { visible } = scopeFor(user, org);
  return visible === 'all' || visible.queues.has(call.queue) || (call.owner !== null && visible.users.has(call.owner));
}
