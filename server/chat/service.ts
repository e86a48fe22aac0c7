import type { UserRecord } from '../access/accounts/users.ts';
import type { TeamView } from '../contract/accounts.ts';
import type { ChatContacts, ChatHistoryRequest, ChatMessage, ChatPage, ChatSend } from '../contract/chat.ts';
import { canChat } from '../access/permissions.ts';
import type { OrgRecords } from '../access/org/store.ts';
import { effectivePolicies } from '../access/org/policies.ts';
import { CommandRefused } from '../realtime/commands.ts';
import { m } from '../contract/messages/messages.js';
import { say, type Localized } from '../i18n.ts';
import { mayMessage, mayUseTeamRoom } from './rules.ts';
import { conversationOf, type ChatStore } from './store.ts';

/** Hands a stored message to the sockets of these users, on every process. */
export type ChatDelivery = (userIds: readonly string[], message: ChatMessage) => void;

const DEFAULT_PAGE = 50;

/**
 * Chat as the users see it: every send, history read and contacts list is decided from the organisation as it is
 * now (server/chat/rules.ts), so that a policy, unit or team change applies to the next message.
 */
export class ChatService {
  constructor(
    private readonly store: ChatStore,
    private readonly directory: () => Promise<OrgRecords>,
    private readonly deliver: ChatDelivery,
  ) {}

  async send(senderId: string, { to, text }: ChatSend): Promise<ChatMessage> {
    const org = await this.directory();
    const sender = chatting(org, senderId);
    const recipients =
      to.kind === 'user'
        ? [sender.id, correspondent(org, sender, to.id).id]
        : roomMembers(org, room(org, sender, to.id)).map((member) => member.id);
    const message = await this.store.append(sender.id, to, text);
    this.deliver(recipients, message);
    return message;
  }

  async history(userId: string, request: ChatHistoryRequest): Promise<ChatPage> {
    const org = await this.directory();
    const user = chatting(org, userId);
    const peer = request.with;
    if (peer.kind === 'user') correspondent(org, user, peer.id);
    else room(org, user, peer.id);
    return this.store.page(conversationOf(user.id, peer), request.before, request.limit ?? DEFAULT_PAGE);
  }

  async contacts(userId: string): Promise<ChatContacts> {
    const org = await this.directory();
    const user = org.users.find((candidate) => candidate.id === userId && !candidate.disabled);
    const policy = user ? effectivePolicies(user, org).chat : 'none';
    if (!user || policy === 'none') return { policy: 'none', users: [], teams: [] };
    const contacts = (users: readonly UserRecord[]) =>
      users
        .map(({ id, displayName, username }) => ({ id, displayName, username }))
        .sort((a, b) => a.displayName.localeCompare(b.displayName));
    return {
      policy,
      users: contacts(org.users.filter((other) => !other.disabled && mayMessage(user, other, org))),
      teams: org.teams
        .filter((team) => mayUseTeamRoom(user, team, org))
        .map((team) => ({ id: team.id, name: team.name, members: contacts(roomMembers(org, team)) }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    };
  }
}

const refused = (message: Localized) => new CommandRefused(message);

/** The asking user, if their account is enabled and their policies let them chat at all. */
function chatting(org: OrgRecords, id: string): UserRecord {
  const user = org.users.find((candidate) => candidate.id === id);
  if (!user || user.disabled) throw refused(say(m.chat_refusal_disabled_account));
  if (effectivePolicies(user, org).chat === 'none') throw refused(say(m.chat_refusal_disabled_you));
  return user;
}

/** The other user of a direct conversation, if the two may chat now; otherwise the refusal says why. */
function correspondent(org: OrgRecords, user: UserRecord, id: string): UserRecord {
  const other = org.users.find((candidate) => candidate.id === id && !candidate.disabled);
  if (!other) throw refused(say(m.chat_refusal_no_user, { id }));
  if (other.id === user.id) throw refused(say(m.chat_refusal_self));
  if (mayMessage(user, other, org)) return other;
  if (effectivePolicies(other, org).chat === 'none')
    throw refused(say(m.chat_refusal_disabled_other, { name: other.displayName }));
  if (!canChat(user, other, org)) {
    const refusal =
      effectivePolicies(user, org).chat === 'team' ? m.chat_refusal_your_team_only : m.chat_refusal_their_team_only;
    throw refused(say(refusal, { name: other.displayName }));
  }
  throw refused(say(m.chat_refusal_outside_units, { name: other.displayName }));
}

/** A team whose room the user may use now. */
function room(org: OrgRecords, user: UserRecord, id: string): TeamView {
  const team = org.teams.find((candidate) => candidate.id === id);
  if (!team || !team.members.includes(user.id)) throw refused(say(m.chat_refusal_not_member, { id }));
  if (!mayUseTeamRoom(user, team, org)) {
    throw refused(say(m.chat_refusal_room, { team: team.name }));
  }
  return team;
}

/** Who is in a room: every member judged now, so that one whose chat was disabled since gets nothing. */
function roomMembers(org: OrgRecords, team: TeamView): UserRecord[] {
  return org.users.filter((user) => !user.disabled && mayUseTeamRoom(user, team, org));
}
