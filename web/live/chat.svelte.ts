import type { ChatContacts, ChatMessage, ChatPeer } from '../../server/contract/chat.ts';
import type { Result } from '../../server/contract/result.ts';
import { m } from '../../server/contract/messages/messages.js';
import { SvelteMap } from 'svelte/reactivity';
import { EMPTY_CONVERSATION, peerKey, peerOf, withMessage, withPage, type Conversation } from './conversation.ts';
import type { ChatConnection } from './socket.ts';

const PAGE = 50;

/**
 * The chat of a logged-in user, for the whole time the workspace is open: contacts, the conversations read so far,
 * and unread counts of those not on screen. The server decides who may chat with whom; this shows its answers.
 */
export class Chat {
  contacts = $state.raw<ChatContacts | null>(null);
  /** The conversation on screen, if any. */
  current = $state.raw<ChatPeer | null>(null);
  readonly conversations = new SvelteMap<string, Conversation>();
  /** Messages that arrived while their conversation was not on screen, by peerKey. */
  readonly unread = new SvelteMap<string, number>();
  error = $state<string | null>(null);
  totalUnread = $derived([...this.unread.values()].reduce((sum, count) => sum + count, 0));
  readonly #connection: ChatConnection;
  readonly #me: () => string;
  readonly #stop: (() => void)[] = [];
  /** Whether the chat screen is showing: only then does the current conversation count as read. */
  #shown = false;

  /** `me`: the logged-in user's id. */
  constructor(connection: ChatConnection, me: () => string) {
    this.#connection = connection;
    this.#me = me;
    this.#stop.push(
      connection.onConnected(() => void this.#reconnected()),
      connection.onChatPosted((message) => this.#posted(message)),
    );
  }

  get me(): string {
    return this.#me();
  }

  conversation(peer: ChatPeer): Conversation {
    return this.conversations.get(peerKey(peer)) ?? EMPTY_CONVERSATION;
  }

  /** The name of a user or team for the screen. */
  nameOf(peer: ChatPeer): string {
    if (peer.kind === 'user' && peer.id === this.me) return 'You';
    const contacts = this.contacts;
    // A room's author may be no direct contact (another unit, another team-only team): the room lists its members.
    const found =
      peer.kind === 'user'
        ? [...(contacts?.users ?? []), ...(contacts?.teams.flatMap((team) => team.members) ?? [])].find(
            (user) => user.id === peer.id,
          )?.displayName
        : contacts?.teams.find((team) => team.id === peer.id)?.name;
    return found ?? (peer.kind === 'user' ? m.chat_former_user() : m.chat_former_team());
  }

  async refresh(): Promise<void> {
    await this.#ask(this.#connection.chatContacts(), (contacts) => (this.contacts = contacts));
  }

  show(shown: boolean): void {
    this.#shown = shown;
    if (shown && this.current) this.#markRead(this.current);
  }

  async select(peer: ChatPeer): Promise<void> {
    this.current = peer;
    this.#markRead(peer);
    if (!this.conversation(peer).loaded) await this.loadOlder();
  }

  /** The newest page of the current conversation the first time, then the page before the oldest one shown. */
  async loadOlder(): Promise<void> {
    const peer = this.current;
    if (!peer) return;
    const { before, loaded } = this.conversation(peer);
    if (loaded && before === null) return;
    await this.#ask(
      this.#connection.chatHistory({ with: peer, limit: PAGE, ...(loaded && before && { before }) }),
      (page) => this.#update(peer, (conversation) => withPage(conversation, page)),
    );
  }

  /** Sends to the current conversation; false (with the server's reason in `error`) when it was refused. */
  async send(text: string): Promise<boolean> {
    const peer = this.current;
    if (!peer || text.trim() === '') return false;
    let sent = false;
    await this.#ask(this.#connection.sendChat({ to: peer, text }), (message) => {
      this.#posted(message);
      sent = true;
    });
    return sent;
  }

  close(): void {
    for (const stop of this.#stop) stop();
  }

  #posted(message: ChatMessage): void {
    const peer = peerOf(message, this.me);
    const key = peerKey(peer);
    const known = this.conversation(peer).messages.some((shown) => shown.id === message.id);
    this.#update(peer, (conversation) => withMessage(conversation, message));
    const onScreen = this.#shown && this.current !== null && peerKey(this.current) === key;
    if (!known && message.from !== this.me && !onScreen) this.unread.set(key, (this.unread.get(key) ?? 0) + 1);
    // A message from someone the list does not show yet (a team or policy changed): the list is out of date.
    if (!this.contacts || (peer.kind === 'user' && !this.contacts.users.some((user) => user.id === peer.id)))
      void this.refresh();
  }

  /**
   * Messages may have been posted while the socket was away: every conversation read so far is read again from its
   * newest page when next shown (the one on screen at once); what it holds stays meanwhile.
   */
  async #reconnected(): Promise<void> {
    for (const [key, conversation] of this.conversations)
      this.conversations.set(key, { ...conversation, loaded: false });
    await Promise.all([this.refresh(), this.current && this.loadOlder()]);
  }

  #markRead(peer: ChatPeer): void {
    this.unread.delete(peerKey(peer));
  }

  #update(peer: ChatPeer, change: (conversation: Conversation) => Conversation): void {
    this.conversations.set(peerKey(peer), change(this.conversation(peer)));
  }

  async #ask<T>(pending: Promise<Result<T>>, use: (data: T) => void): Promise<void> {
    try {
      const result = await pending;
      if (result.ok) {
        use(result.data);
        this.error = null;
      } else {
        this.error = result.error;
      }
    } catch {
      this.error = m.common_no_answer_try_again();
    }
  }
}
