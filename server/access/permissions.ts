import { CALLBACK_ERRORS } from '../contract/callbacks.ts';
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

/** What the callback decision needs of a user besides the organisation. */
export interface CallbackUser extends OrgUser {
  readonly disabled: boolean;
  readonly phone?: string | null;
}

export type CallbackDecision =
  { readonly ok: true; readonly phone: string } | { readonly ok: false; readonly error: string };

/**
 * Whether a user may call back a caller who left `queue`. Whoever sees the queue on their board may (the Owner,
 * administrators and supervisors within their units); an agent only the callers of queues they are a member of now
 * (`memberQueues`), the queues they answer. A queue outside the user's units is not theirs to know of: the caller is
 * simply not on their list. Their own phone rings first, so they need one.
 */
export function decideCallback(
  user: CallbackUser,
  queue: string,
  memberQueues: ReadonlySet<string>,
  org: Org,
): CallbackDecision {
  const { visible } = scopeFor(user, org);
  if (user.disabled || (visible !== 'all' && !visible.queues.has(queue))) {
    return { ok: false, error: CALLBACK_ERRORS.notListed };
  }
  if (user.role === 'agent' && !memberQueues.has(queue)) return { ok: false, error: CALLBACK_ERRORS.agentQueue };
  if (!user.phone) return { ok: false, error: CALLBACK_ERRORS.noPhone };
  return { ok: true, phone: user.phone };
}
