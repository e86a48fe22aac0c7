import type { EffectivePolicies, PolicyName } from '../../contract/accounts.ts';
import type { Org, OrgUser } from './model.ts';

/** The Owner is bound by no team policy: the initial account must never be able to lock itself out. */
const UNRESTRICTED: EffectivePolicies = {
  settingsLocked: false,
  presence: 'full',
  chat: 'all',
  recordings: true,
  copyNumber: true,
};

/** The policies that apply to a user: those of every team they are a member of. */
export function policiesOf(userId: string, org: Org): Set<PolicyName> {
  const teams = new Set(org.teams.filter((team) => team.members.includes(userId)).map((team) => team.id));
  return new Set(org.policies.filter((policy) => teams.has(policy.team)).map((policy) => policy.policy));
}

/**
 * A user's policies combined. A user in several teams gets the most restrictive combination: any team that locks
 * settings, hides numbers or disables recordings does so for them; "presence disabled" beats "hide numbers" (which
 * it includes), "chat disabled" beats "team only". Copying numbers is a grant, not a restriction: any of their teams
 * can give it, and it only ever copies what the member is shown (hidden numbers stay hidden).
 */
export function effectivePolicies(user: OrgUser, org: Org): EffectivePolicies {
  if (user.role === 'owner') return UNRESTRICTED;
  const has = policiesOf(user.id, org);
  return {
    settingsLocked: has.has('settings.locked'),
    presence: has.has('presence.disabled') ? 'none' : has.has('presence.hideNumbers') ? 'hideNumbers' : 'full',
    chat: has.has('chat.disabled') ? 'none' : has.has('chat.teamOnly') ? 'team' : 'all',
    recordings: !has.has('recordings.disabled'),
    copyNumber: has.has('softphone.copyNumber'),
  };
}

/** The teams with "Chat: allow within a team only" that a user is a member of. */
export function teamOnlyChatTeams(userId: string, org: Org): Set<string> {
  const teamOnly = new Set(
    org.policies.filter((policy) => policy.policy === 'chat.teamOnly').map((policy) => policy.team),
  );
  return new Set(
    org.teams.filter((team) => teamOnly.has(team.id) && team.members.includes(userId)).map((team) => team.id),
  );
}
