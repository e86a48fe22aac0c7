import { z } from 'zod';
import { problem } from './issues.ts';
import { textField } from './text.ts';

/**
 * Chat between the users of the board (PRODUCT.md 4, the chat policies): direct messages between two users, and one
 * room per team for its members. The server decides who may chat with whom on every send and every delivery.
 */

/** Who a message goes to: one user (a direct message) or a team's room. */
export type ChatPeer = { kind: 'user'; id: string } | { kind: 'team'; id: string };

export interface ChatMessage {
  /** Unique and ordered by time within a conversation; the `before` cursor of chat:history. */
  id: string;
  /** The sender's user id. */
  from: string;
  to: ChatPeer;
  text: string;
  /** ISO 8601, as the server stored it. */
  time: string;
}

/** One page of a conversation, newest first; `before` is the cursor of the next (older) page, null at the start. */
export interface ChatPage {
  messages: ChatMessage[];
  before: string | null;
}

export interface ChatUserContact {
  id: string;
  displayName: string;
  username: string;
}

export interface ChatTeamContact {
  id: string;
  name: string;
  /** Who is in the room now (the asking user too): the authors its messages are shown with. */
  members: ChatUserContact[];
}

/** Whom the asking user may chat with now, as their policies and units allow. */
export interface ChatContacts {
  /** The asking user's chat policy: 'none' means chat is disabled for them (and both lists are empty). */
  policy: 'all' | 'team' | 'none';
  users: ChatUserContact[];
  teams: ChatTeamContact[];
}

export const CHAT_TEXT_MAX = 2000;
export const CHAT_PAGE_MAX = 100;

const id = z.string().min(1).max(64);
export const chatPeerSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('user'), id }),
  z.strictObject({ kind: z.literal('team'), id }),
]);

export const chatSendSchema = z.strictObject({
  to: chatPeerSchema,
  text: textField({ max: CHAT_TEXT_MAX, multiline: true }),
});

export const chatHistorySchema = z.strictObject({
  with: chatPeerSchema,
  /** A message id: only older messages are returned. */
  before: z
    .string()
    .regex(/^\d{1,16}-\d{1,16}$/, problem('message_id'))
    .optional(),
  limit: z.number().int().min(1).max(CHAT_PAGE_MAX).optional(),
});

export type ChatSend = z.infer<typeof chatSendSchema>;
export type ChatHistoryRequest = z.infer<typeof chatHistorySchema>;
