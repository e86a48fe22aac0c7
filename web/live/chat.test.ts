import { describe, expect, it, vi } from 'vitest';
import type { ChatContacts, ChatMessage, ChatPage } from '../../server/contract/chat.ts';
import type { Result } from '../../server/contract/result.ts';
import { Chat } from './chat.svelte.ts';
import { compareIds, draftLimit, EMPTY_CONVERSATION, peerOf, withMessage, withPage } from './conversation.ts';
import type { ChatConnection } from './socket.ts';

const message = (id: string, from: string, to: string, text = id): ChatMessage => ({
  id,
  from,
  to: { kind: 'user', id: to },
  text,
  time: new Date(Number(id.split('-')[0])).toISOString(),
});

describe('conversations', () => {
  it('orders message ids as Redis numbers them, not as strings', () => {
    expect(['10-0', '9-1', '9-0', '100-0'].sort(compareIds)).toEqual(['9-0', '9-1', '10-0', '100-0']);
  });

  it('files a direct message under the other user, from either side', () => {
    expect(peerOf(message('1-0', 'me', 'ann'), 'me')).toEqual({ kind: 'user', id: 'ann' });
    expect(peerOf(message('1-0', 'ann', 'me'), 'me')).toEqual({ kind: 'user', id: 'ann' });
    expect(peerOf({ ...message('1-0', 'ann', 'x'), to: { kind: 'team', id: 't' } }, 'me')).toEqual({
      kind: 'team',
      id: 't',
    });
  });

  it('keeps each message once, oldest first, whether it came live, as an answer or in a page', () => {
    const live = withMessage(withMessage(EMPTY_CONVERSATION, message('30-0', 'a', 'b')), message('30-0', 'a', 'b'));
    const paged = withPage(live, { messages: [message('30-0', 'a', 'b'), message('20-0', 'b', 'a')], before: '20-0' });
    expect(paged).toEqual({
      messages: [message('20-0', 'b', 'a'), message('30-0', 'a', 'b')],
      before: '20-0',
      loaded: true,
    });
  });
});

function fakeConnection(pages: ChatPage[]) {
  const posted: ((message: ChatMessage) => void)[] = [];
  const connected: (() => void)[] = [];
  const asked: unknown[] = [];
  const contacts: ChatContacts = {
    policy: 'all',
    users: [{ id: 'ann', displayName: 'Ann', username: 'ann' }],
    teams: [{ id: 'desk', name: 'Desk', members: [{ id: 'zoe', displayName: 'Zoe', username: 'zoe' }] }],
  };
  const connection: ChatConnection = {
    onConnected: (handler) => (connected.push(handler), () => undefined),
    chatContacts: () => Promise.resolve({ ok: true, data: contacts }),
    chatHistory: (request) => {
      asked.push(request);
      return Promise.resolve({ ok: true, data: pages.shift() ?? { messages: [], before: null } });
    },
    sendChat: (send): Promise<Result<ChatMessage>> =>
      Promise.resolve(
        send.text === 'refuse me'
          ? { ok: false, error: 'refused: no' }
          : { ok: true, data: message('50-0', 'me', 'ann', send.text) },
      ),
    onChatPosted: (handler) => (posted.push(handler), () => undefined),
  };
  return {
    connection,
    asked,
    post: (m: ChatMessage) => posted.forEach((handler) => handler(m)),
    reconnect: () => connected.forEach((handler) => handler()),
  };
}

describe('Chat', () => {
  it('counts unread messages of conversations not on screen, and clears them when opened', async () => {
    const fake = fakeConnection([{ messages: [message('40-0', 'ann', 'me')], before: null }]);
    const chat = new Chat(fake.connection, () => 'me');
    fake.post(message('40-0', 'ann', 'me'));
    expect(chat.unread.get('user:ann')).toBe(1);
    expect(chat.totalUnread).toBe(1);
    chat.show(true);
    await chat.select({ kind: 'user', id: 'ann' });
    expect(chat.unread.size).toBe(0);
    expect(chat.conversation({ kind: 'user', id: 'ann' }).messages.map((m) => m.id)).toEqual(['40-0']);
    fake.post(message('41-0', 'ann', 'me'));
    expect(chat.totalUnread).toBe(0);
    chat.show(false);
    fake.post(message('42-0', 'ann', 'me'));
    expect(chat.totalUnread).toBe(1);
  });

  it('pages back with the cursor, sends, and shows a refusal', async () => {
    const fake = fakeConnection([
      { messages: [message('20-0', 'ann', 'me')], before: '20-0' },
      { messages: [message('10-0', 'me', 'ann')], before: null },
    ]);
    const chat = new Chat(fake.connection, () => 'me');
    await chat.select({ kind: 'user', id: 'ann' });
    await chat.loadOlder();
    await chat.loadOlder();
    expect(fake.asked).toEqual([
      { with: { kind: 'user', id: 'ann' }, limit: 50 },
      { with: { kind: 'user', id: 'ann' }, limit: 50, before: '20-0' },
    ]);
    expect(await chat.send('hello')).toBe(true);
    fake.post(message('50-0', 'me', 'ann', 'hello'));
    expect(chat.conversation({ kind: 'user', id: 'ann' }).messages.map((m) => m.text)).toEqual([
      '10-0',
      '20-0',
      'hello',
    ]);
    expect(await chat.send('refuse me')).toBe(false);
    expect(chat.error).toBe('refused: no');
  });

  it('names the authors of a room who are no direct contact, and the user as You', async () => {
    const chat = new Chat(fakeConnection([]).connection, () => 'me');
    await chat.refresh();
    expect(chat.nameOf({ kind: 'user', id: 'zoe' })).toBe('Zoe');
    expect(chat.nameOf({ kind: 'user', id: 'ann' })).toBe('Ann');
    expect(chat.nameOf({ kind: 'user', id: 'me' })).toBe('You');
    expect(chat.nameOf({ kind: 'team', id: 'desk' })).toBe('Desk');
  });

  it('reads the conversation on screen again after a reconnect, keeping what it showed', async () => {
    const fake = fakeConnection([
      { messages: [message('20-0', 'ann', 'me')], before: null },
      { messages: [message('30-0', 'ann', 'me', 'missed while away')], before: '30-0' },
    ]);
    const chat = new Chat(fake.connection, () => 'me');
    await chat.select({ kind: 'user', id: 'ann' });
    fake.reconnect();
    await vi.waitFor(() =>
      expect(chat.conversation({ kind: 'user', id: 'ann' }).messages.map((m) => m.text)).toEqual([
        '20-0',
        'missed while away',
      ]),
    );
    expect(fake.asked).toHaveLength(2);
  });
});

describe('draftLimit', () => {
  it('says nothing about a short draft, and counts down near the limit', () => {
    expect(draftLimit('hello', 2000)).toEqual({ over: false, words: null });
    expect(draftLimit('x'.repeat(1999), 2000)).toEqual({ over: false, words: '1 character left' });
  });

  it('holds a paste past the limit back and says by how much, counting the text as the server trims it', () => {
    expect(draftLimit(` ${'x'.repeat(2000)} `, 2000)).toEqual({ over: false, words: '0 characters left' });
    expect(draftLimit('x'.repeat(2500), 2000)).toEqual({
      over: true,
      words: '500 characters too long: a message holds at most 2000.',
    });
  });
});
