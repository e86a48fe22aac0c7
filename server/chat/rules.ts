import type { TeamView } from '../contract/accounts.ts';
import { canChat } from '../access/permissions.ts';
import { scopeFor } from '../access/scope.ts';
import type { Org, OrgUser } from '../access/org/model.ts';
import { effectivePolicies, teamOnlyChatTeams } from '../access/org/policies.ts';

/**
 * Who may chat with whom, decided from the organisation as it is at each send, history read and contacts list.
 *
 * - Direct messages need both sides' team policies to allow them (canChat: "Chat: disable" on either side refuses;
 *   "Chat: allow within a team only" needs the other in every team-only team of theirs).
 * - Organisational units limit chat as they limit the board: one of the two must see the other. A unit member or
 *   unit administrator chats with the users of their units, and with those who see the whole board (the Owner,
 *   administrators and users in no unit), who see them anyway; two users of different units do not chat.
 * - A team's room is for its members. A member whose chat is team-only uses only the rooms of their team-only teams;
 *   one whose chat is disabled uses none. Units do not narrow a room: the team's members were put together on purpose.
 */

function sees(viewer: OrgUser, other: OrgUser, org: Org): boolean {
  const { visible } = scopeFor(viewer, org);
  return visible === 'all' || visible.users.has(other.id);
}

export function mayMessage(a: OrgUser, b: OrgUser, org: Org): boolean {
  return canChat(a, b, org) && (sees(a, b, org) || sees(b, a, org));
}

export function mayUseTeamRoom(user: OrgUser, team: TeamView, org: Org): boolean {
  if (!team.members.includes(user.id)) return false;
  const { chat } = effectivePolicies(user, org);
  return chat === 'all' || (chat === 'team' && teamOnlyChatTeams(user.id, org).has(team.id));
}
