import { CHAT_TEXT_MAX, type ChatMessage, type ChatPage, type ChatPeer } from '../../server/contract/chat.ts';
import { m } from '../../server/contract/messages/messages.js';

/** One conversation as the panel holds it: oldest message first; `before` pages further back, null at its start. */
export interface Conversation {
  readonly messages: readonly ChatMessage[];
  readonly before: string | null;
  /** Whether its newest page was read from the server (else it holds only messages that arrived live). */
  readonly loaded: boolean;
}

export const EMPTY_CONVERSATION: Conversation = { messages: [], before: null, loaded: false };

export function peerKey(peer: ChatPeer): string {
  return `${peer.kind}:${peer.id}`;
}

/** The conversation a message belongs to, from the viewer's side: a room, or the other user of a direct message. */
export function peerOf(message: ChatMessage, me: string): ChatPeer {
  if (message.to.kind === 'team') return message.to;
  return { kind: 'user', id: message.from === me ? message.to.id : message.from };
}

/** Message ids are `<ms>-<seq>`: in the order they were stored. */
export function compareIds(a: string, b: string): number {
  const [aMs = 0, aSeq = 0] = a.split('-').map(Number);
  const [bMs = 0, bSeq = 0] = b.split('-').map(Number);
  return aMs - bMs || aSeq - bSeq;
}

/** The messages of both, each once, oldest first (a message may come as the send's answer and live as well). */
function merged(existing: readonly ChatMessage[], added: readonly ChatMessage[]): ChatMessage[] {
  const byId = new Map(existing.map((message) => [message.id, message]));
  for (const message of added) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => compareIds(a.id, b.id));
}

export function withMessage(conversation: Conversation, message: ChatMessage): Conversation {
  return { ...conversation, messages: merged(conversation.messages, [message]) };
}

/** A page from chat:history added: the first one sets where older pages start. */
export function withPage(conversation: Conversation, page: ChatPage): Conversation {
  return { messages: merged(conversation.messages, page.messages), before: page.before, loaded: true };
}

/** Characters left before a counter appears under the send box. */
const COUNT_FROM = 200;

/**
 * A draft against the server's limit (it counts the trimmed text): whether it is too long to send, and what the counter
 * says, if anything. A long paste stays whole in the box, so that the user decides what to cut.
 */
export function draftLimit(draft: string, max = CHAT_TEXT_MAX): { over: boolean; words: string | null } {
  const left = max - draft.trim().length;
  if (left < 0) return { over: true, words: m.chat_too_long({ count: -left, max }) };
  return { over: false, words: left <= COUNT_FROM ? m.chat_characters_left({ count: left }) : null };
}
