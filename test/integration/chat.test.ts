import { m } from '../../server/contract/messages/messages.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type KioskCreatedView, type RevokedView } from '../../server/contract/accounts.ts';
import type { ChatMessage } from '../../server/contract/chat.ts';
import type { App } from '../../server/compose.ts';
import type { Simulator } from '../../server/sim/index.ts';
import { createRetention } from '../../server/stats/redis/retention.ts';
import { ChatStore } from '../../server/chat/store.ts';
import { chatKeys } from '../../server/store/keys.ts';
import { Redis } from 'ioredis';
import { boardConfig, startBoardApp, startQuietSimulator, uniquePrefix } from '../support/board-app.ts';
import { ChatOrg, ChatSocket, toTeam, toUser, type ChatUser } from '../support/chat.ts';
import { closeRedis } from '../../server/store/redis.ts';
import { testLogger } from '../support/test-logger.ts';
import { waitFor } from '../support/wait.ts';

/** The socket's reason for being closed, as an English-speaking user reads it (the catalogue's words). */
const ACCESS_REVOKED_EN = m.server_access_revoked({}, { locale: 'en' });

const redisUrl = inject('redisUrl');
const prefix = uniquePrefix();
let sim: Simulator;
let app: App;
let org: ChatOrg;
const users: ChatUser[] = [];

beforeAll(async () => {
  sim = await startQuietSimulator();
  app = await startBoardApp(boardConfig({ redisUrl, amiPort: sim.port, prefix }));
  org = await ChatOrg.of(app.url);
});

afterAll(async () => {
  for (const user of users) user.close();
  await app.close();
  await sim.close();
});

/** New users, each with one connected socket. */
async function people(...names: string[]): Promise<ChatUser[]> {
  const made = await Promise.all(names.map((name) => org.user(name)));
  for (const user of made) {
    users.push(user);
    await user.connect();
  }
  return made;
}

const first = (user: ChatUser): ChatSocket => user.sockets[0]!;

async function sent(from: ChatUser, to: Parameters<ChatSocket['send']>[0], text: string): Promise<ChatMessage> {
  const result = await first(from).send(to, text);
  if (!result.ok) throw new Error(`send refused: ${result.error}`);
  return result.data;
}

/** Waits until the socket has received the message; a barrier that proves earlier deliveries are in too. */
const received = (socket: ChatSocket, message: ChatMessage) =>
  waitFor(() => socket.posted.some((posted) => (posted as ChatMessage).id === message.id), `message ${message.id}`);

describe('direct messages', () => {
  it('reach every socket of the sender and the recipient, and no one else', async () => {
    const [alice, bob, carol] = await people('alice', 'bob', 'carol');
    const secondTab = await alice!.connect();

    const message = await sent(alice!, toUser(bob!), '  Can you take the next caller?  ');
    expect(message).toMatchObject({
      from: alice!.id,
      to: { kind: 'user', id: bob!.id },
      text: 'Can you take the next caller?',
    });
    expect(Date.parse(message.time)).toBeGreaterThan(Date.now() - 60_000);
    for (const socket of [first(bob!), first(alice!), secondTab]) {
      await received(socket, message);
      expect(socket.posted).toEqual([message]);
    }

    // Carol's next message is her barrier: had she been sent Alice's, it would have come first.
    const barrier = await sent(bob!, toUser(carol!), 'hello Carol');
    await received(first(carol!), barrier);
    expect(first(carol!).posted).toEqual([barrier]);
    expect(JSON.stringify(first(carol!).posted)).not.toContain('next caller');
  });

  it('lists whom a user may chat with, and never the user', async () => {
    const [dora, eli] = await people('dora', 'eli');
    const contacts = await first(dora!).contacts();
    expect(contacts.ok && contacts.data.policy).toBe('all');
    const names = contacts.ok ? contacts.data.users.map((user) => user.username) : [];
    expect(names).toEqual(expect.arrayContaining(['owner', 'eli']));
    expect(names).not.toContain('dora');
    expect(contacts.ok && contacts.data.users.find((user) => user.id === eli!.id)).toEqual({
      id: eli!.id,
      username: 'eli',
      displayName: 'eli',
    });
  });

  it('pages the history newest first with a before cursor', async () => {
    const [fay, gus] = await people('fay', 'gus');
    const texts = ['one', 'two', 'three', 'four', 'five', 'six', 'seven'];
    const messages: ChatMessage[] = [];
    // From both sides (each user's send limit is 5 at once): one conversation either way.
    for (const [index, text] of texts.entries())
      messages.push(await sent(index % 2 ? gus! : fay!, toUser(index % 2 ? fay! : gus!), text));

    const page1 = await first(fay!).history({ with: toUser(gus!), limit: 3 });
    expect(page1.ok && page1.data.messages.map((message) => message.text)).toEqual(['seven', 'six', 'five']);
    const cursor1 = page1.ok ? page1.data.before! : '';
    const page2 = await first(gus!).history({ with: toUser(fay!), limit: 3, before: cursor1 });
    expect(page2.ok && page2.data.messages.map((message) => message.text)).toEqual(['four', 'three', 'two']);
    const page3 = await first(fay!).history({
      with: toUser(gus!),
      limit: 3,
      before: page2.ok ? page2.data.before! : '',
    });
    expect(page3).toEqual({ ok: true, data: { messages: [messages[0]], before: null } });
  });

  it('limits how fast one user sends, over all their sockets', async () => {
    const [hal, ida] = await people('hal', 'ida');
    const tab = await hal!.connect();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, index) => (index % 2 ? tab : first(hal!)).send(toUser(ida!), `burst ${index}`)),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(5);
    expect(results.filter((result) => !result.ok)).toEqual(
      Array.from({ length: 3 }, () => ({ ok: false, error: 'Too many chat messages at once: wait a moment.' })),
    );
  });
});

describe('team policies, enforced by the server', () => {
  it('team only: chat with the team, and its room, only; both directions refused outside it', async () => {
    const [jon, kim, lea] = await people('jon', 'kim', 'lea');
    const desk = await org.team('Desk', [jon!, kim!], 'chat.teamOnly');
    const other = await org.team('Floor', [jon!, lea!]);

    await sent(jon!, toUser(kim!), 'inside the team');
    expect(await first(jon!).send(toUser(lea!), 'outside')).toEqual({
      ok: false,
      error: 'Your team policy allows chat within your team only, and lea is not in it.',
    });
    expect(await first(lea!).send(toUser(jon!), 'to a team-only member')).toEqual({
      ok: false,
      error: 'You cannot chat with jon: they may chat within their team only.',
    });
    expect(await first(jon!).send(toTeam(other), 'in the floor room')).toEqual({
      ok: false,
      error: 'Your team policy allows chat only in the rooms of your team-only teams, not in Floor.',
    });
    expect(await first(jon!).history({ with: toUser(lea!) })).toMatchObject({ ok: false });
    await sent(jon!, toTeam(desk), 'desk room');
    expect(await first(jon!).contacts()).toEqual({
      ok: true,
      data: {
        policy: 'team',
        users: [{ id: kim!.id, username: 'kim', displayName: 'kim' }],
        teams: [
          {
            id: desk.id,
            name: 'Desk',
            members: [jon, kim].map((member) => ({
              id: member!.id,
              username: member!.name,
              displayName: member!.name,
            })),
          },
        ],
      },
    });
  });

  it('disabled: every send, history and contact refused; in two teams the most restrictive wins', async () => {
    const [max, ned] = await people('max', 'ned');
    await org.team('Quiet', [max!], 'chat.disabled');
    await org.team('Pair', [max!, ned!], 'chat.teamOnly');

    const refusal = { ok: false, error: 'Chat is disabled for you by a team policy.' };
    expect(await first(max!).send(toUser(ned!), 'hello')).toEqual(refusal);
    expect(await first(max!).history({ with: toUser(ned!) })).toEqual(refusal);
    expect(await first(max!).contacts()).toEqual({ ok: true, data: { policy: 'none', users: [], teams: [] } });
    expect(await first(ned!).send(toUser(max!), 'hello')).toEqual({
      ok: false,
      error: 'Chat is disabled for max by a team policy.',
    });
  });

  it('refuses in the language the user saved: a Polish user reads Polish', async () => {
    const ola = await org.user('ola');
    users.push(ola);
    expect((await ola.api.call('PATCH', '/api/me', { locale: 'pl' })).status).toBe(200);
    await ola.connect();
    await org.team('Cisza', [ola], 'chat.disabled');

    expect(await first(ola).send(toUser(ola), 'cześć')).toEqual({
      ok: false,
      error: 'Czat jest dla Ciebie wyłączony przez politykę zespołu.',
    });
  });

  it('a team room reaches the members who may use it, as they are now', async () => {
    const [oli, pam, rex, sue] = await people('oli', 'pam', 'rex', 'sue');
    const room = await org.team('Room', [oli!, pam!, rex!]);
    await org.team('Mute', [rex!], 'chat.disabled');

    const message = await sent(oli!, toTeam(room), 'team meeting at ten');
    expect(message.to).toEqual({ kind: 'team', id: room.id });
    await received(first(pam!), message);
    await received(first(oli!), message);
    const history = await first(pam!).history({ with: toTeam(room) });
    expect(history.ok && history.data.messages).toEqual([message]);
    expect(await first(sue!).send(toTeam(room), 'let me in')).toEqual({
      ok: false,
      error: `You are not a member of team ${room.id}.`,
    });
    expect(await first(sue!).history({ with: toTeam(room) })).toMatchObject({ ok: false });

    // Rex (chat disabled) and Sue (not a member) were not sent it: their barriers arrive first.
    const toRex = await sent(oli!, toUser(sue!), 'barrier');
    await received(first(sue!), toRex);
    expect(first(sue!).posted).toEqual([toRex]);
    expect(first(rex!).posted).toEqual([]);
  });

  it('units: users of different units do not chat; everyone reaches those who see the whole board', async () => {
    const [tom, uma] = await people('tom', 'uma');
    for (const [name, member] of [
      ['North', tom!],
      ['South', uma!],
    ] as const) {
      await org.owner.call('POST', '/api/units', { name, members: [member.id] });
    }
    expect(await first(tom!).send(toUser(uma!), 'hi')).toEqual({
      ok: false,
      error: 'You cannot chat with uma: they are outside your organisational units.',
    });
    const contacts = await first(tom!).contacts();
    expect(contacts.ok && contacts.data.users.map((user) => user.username)).toContain('owner');
    expect(contacts.ok && contacts.data.users.map((user) => user.username)).not.toContain('uma');
    const ownerId = contacts.ok ? contacts.data.users.find((user) => user.username === 'owner')!.id : '';
    await sent(tom!, { kind: 'user', id: ownerId }, 'a question for the owner');
  });
});

describe('who never gets chat', () => {
  it('a kiosk screen: refused every command and sent nothing', async () => {
    const [vic, wes] = await people('vic', 'wes');
    const kiosk = await org.owner.call<KioskCreatedView>('POST', '/api/kiosk', { layoutId: 'overview' });
    expect(kiosk.status).toBe(201);
    const tv = await ChatSocket.open(app.url, { auth: { kiosk: kiosk.body.token } });
    try {
      expect(await tv.contacts()).toEqual({ ok: false, error: 'A kiosk screen has no chat.' });
      expect(await tv.send(toUser(vic!), 'hi')).toEqual({ ok: false, error: 'A kiosk screen has no chat.' });
      const message = await sent(vic!, toUser(wes!), 'not for the wall');
      await received(first(wes!), message);
      // The kiosk's own later answer is the barrier: anything sent to it before would have arrived first.
      await tv.contacts();
      expect(tv.posted).toEqual([]);
    } finally {
      tv.close();
    }
  });

  it('a disabled user: their sockets are dropped and nobody can write to them', async () => {
    const [xia, yan] = await people('xia', 'yan');
    const dropped = new Promise<RevokedView>((resolve) => first(yan!).socket.once('session:revoked', resolve));
    expect((await org.owner.call('PATCH', `/api/users/${yan!.id}`, { disabled: true })).status).toBe(200);
    expect(await dropped).toEqual({ reason: ACCESS_REVOKED_EN });
    await waitFor(() => !first(yan!).socket.connected, 'the socket closed');
    expect(await first(xia!).send(toUser(yan!), 'are you there?')).toEqual({
      ok: false,
      error: `There is no user ${yan!.id}.`,
    });
    const contacts = await first(xia!).contacts();
    expect(contacts.ok && contacts.data.users.map((user) => user.id)).not.toContain(yan!.id);
  });
});

describe('hostile payloads', () => {
  it('get an error result and the socket keeps working', async () => {
    const [zed, amy] = await people('zed', 'amy');
    const socket = first(zed!);
    const cases: [string, unknown[]][] = [
      ['chat:send', [{ to: { kind: 'user', id: amy!.id }, text: 'x'.repeat(2001) }]],
      ['chat:send', [{ to: { kind: 'user', id: amy!.id }, text: '   ' }]],
      ['chat:send', [{ to: { kind: 'user', id: amy!.id }, text: 42 }]],
      ['chat:send', [{ to: { kind: 'room', id: 'x' }, text: 'hi' }]],
      ['chat:send', ['not an object']],
    ];
    for (const [event, args] of cases) {
      const answer = (await socket.raw(event, ...args)) as { ok: boolean; error: string };
      expect(answer.ok, JSON.stringify(args).slice(0, 80)).toBe(false);
      // A sentence for the person, not a schema path or the command's name.
      expect(answer.error).toMatch(/^(The message|To|The request)\b[^[\]]*\.$/);
    }
    expect(await socket.send({ kind: 'user', id: 'nobody' }, 'hi')).toEqual({
      ok: false,
      error: 'There is no user nobody.',
    });
    expect(await socket.send(toUser(zed!), 'hi')).toEqual({
      ok: false,
      error: 'A conversation needs another user.',
    });
    expect(await socket.send({ kind: 'team', id: 'nope' }, 'hi')).toEqual({
      ok: false,
      error: 'You are not a member of team nope.',
    });
    // Each socket may send 10 commands at once: the history cases go through a second tab.
    const tab = await zed!.connect();
    expect(await tab.raw('chat:history', { with: toUser(amy!), before: 'yesterday' })).toMatchObject({ ok: false });
    expect(await tab.raw('chat:history', { with: toUser(amy!), limit: 1000 })).toMatchObject({ ok: false });
    expect(await tab.raw('chat:history', { with: toUser(amy!), extra: true })).toMatchObject({ ok: false });

    expect(socket.socket.connected).toBe(true);
    const fine = await sent(zed!, toUser(amy!), 'x'.repeat(2000));
    await received(first(amy!), fine);
    expect(first(amy!).posted).toEqual([fine]);
  });
});

describe('retention of chat messages', () => {
  it('purges messages older than the rule keeps, and deletes all only after YES', async () => {
    const [ben, cat] = await people('ben', 'cat');
    for (const text of ['a', 'b', 'c']) await sent(ben!, toUser(cat!), text);
    expect((await org.owner.call('PUT', '/api/retention', { chatMessages: { days: 1 } })).body).toMatchObject({
      chatMessages: { days: 1 },
    });

    // The same purge the server schedules, two days later by its clock.
    const redis = new Redis(redisUrl);
    try {
      const store = new ChatStore(redis, chatKeys(prefix));
      const at = (offsetMs: number) =>
        createRetention(redis, {
          prefix,
          log: testLogger('retention'),
          clock: () => Date.now() + offsetMs,
          purgers: { chatMessages: (before) => store.purge(before) },
        });
      expect((await at(0).purge()).find((purged) => purged.category === 'chatMessages')).toEqual({
        category: 'chatMessages',
        deleted: 0,
      });
      const history = await first(ben!).history({ with: toUser(cat!) });
      expect(history.ok && history.data.messages).toHaveLength(3);
      const later = await at(2 * 86_400_000).purge();
      expect(later.find((purged) => purged.category === 'chatMessages')!.deleted).toBeGreaterThanOrEqual(3);
      expect(await first(ben!).history({ with: toUser(cat!) })).toEqual({
        ok: true,
        data: { messages: [], before: null },
      });
    } finally {
      await closeRedis(redis);
    }

    await sent(cat!, toUser(ben!), 'after the purge');
    expect((await org.owner.call('DELETE', '/api/retention/chatMessages', {})).status).toBe(400);
    const all = await org.owner.call('DELETE', '/api/retention/chatMessages', { confirm: 'YES' });
    expect(all).toMatchObject({ status: 200, body: { category: 'chatMessages' } });
    expect((all.body as { deleted: number }).deleted).toBeGreaterThanOrEqual(1);
    expect(await first(ben!).history({ with: toUser(cat!) })).toEqual({
      ok: true,
      data: { messages: [], before: null },
    });
  });
});
