import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { FOREIGN_ORIGIN } from '../../server/access/control.ts';
import type { SessionView } from '../../server/contract/accounts.ts';
import { ApiClient, loggedIn, startAccessApp, startWith, TEST_AUTH, type AccessApp } from '../support/access-app.ts';

const OWNER_PASSWORD = 'correct horse battery';

describe('set-up: the owner account, once, never with a default password', () => {
  let app: AccessApp;
  beforeAll(async () => {
    app = await startAccessApp({ redisUrl: inject('redisUrl') });
  });
  afterAll(() => app.close());

  it('has no account to log in with before the set-up', async () => {
    const client = new ApiClient(app.url);
    expect(await client.call('GET', '/api/setup')).toMatchObject({ status: 200, body: { needed: true } });
    for (const password of ['admin', 'password', 'tablica', '']) {
      expect((await client.login('admin', password)).status).not.toBe(200);
    }
    expect(await app.access.users.list()).toEqual([]);
  });

  it('refuses a short password, then creates the owner and logs it in', async () => {
    const client = new ApiClient(app.url);
    const short = await client.call('POST', '/api/setup', { username: 'boss', password: 'short' });
    expect(short).toMatchObject({
      status: 400,
      body: { ok: false, error: 'Password must be at least 12 characters.' },
    });

    const created = await client.call<SessionView>('POST', '/api/setup', {
      username: 'Boss',
      password: OWNER_PASSWORD,
    });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({ username: 'boss', role: 'owner', disabled: false });
    expect(client.cookie).toMatch(/^tablica-session=/);
    expect(created.headers.getSetCookie()[0]).toMatch(/HttpOnly/);
    expect(created.headers.getSetCookie()[0]).toMatch(/SameSite=Lax/);
    expect(JSON.stringify(await app.redis.keys('*'))).not.toContain(client.cookie!.split('=')[1]);
  });

  it('refuses a second set-up', async () => {
    const client = new ApiClient(app.url);
    const again = await client.call('POST', '/api/setup', { username: 'intruder', password: 'another long password' });
    expect(again).toMatchObject({
      status: 409,
      body: { ok: false, error: 'Set-up is done: the Owner account exists already.' },
    });
    expect(await client.call('GET', '/api/setup')).toMatchObject({ body: { needed: false } });
  });
});

describe('the owner from OWNER_USERNAME and OWNER_PASSWORD', () => {
  it('is created when there is none and ignored once there is one', async () => {
    const redisUrl = inject('redisUrl');
    const first = await startAccessApp({
      redisUrl,
      auth: { ...TEST_AUTH, owner: { username: 'root', password: OWNER_PASSWORD } },
    });
    const prefix = first.access.options.prefix;
    await first.close();
    const second = await startAccessApp({
      redisUrl,
      prefix,
      auth: { ...TEST_AUTH, owner: { username: 'other', password: 'a different password' } },
    });
    try {
      const users = await second.access.users.list();
      expect(users.map((user) => [user.username, user.role])).toEqual([['root', 'owner']]);
      await loggedIn(second.url, 'root', OWNER_PASSWORD);
      expect((await new ApiClient(second.url).login('other', 'a different password')).status).toBe(401);
    } finally {
      await second.close();
    }
  });
});

describe('login, session, CSRF, logout', () => {
  let app: AccessApp;
  let now = Date.parse('2025-03-01T08:00:00Z');
  beforeAll(async () => {
    app = await startAccessApp({
      redisUrl: inject('redisUrl'),
      auth: {
        ...TEST_AUTH,
        session: { idleMs: 60_000, maxAgeMs: 3_600_000 },
        login: { perUser: 3, perIp: 4, windowMs: 5_000 },
      },
      clock: () => now,
    });
    await startWith(app, [
      ['owner', 'owner'],
      ['alice', 'agent'],
      ['dora', 'agent', { disabled: true }],
    ]);
  });
  afterAll(() => app.close());
  // Every test logs in from 127.0.0.1: each starts with no failed login counted.
  beforeEach(async () => {
    const counters = await app.redis.keys(`${app.access.options.prefix}:*login-failures*`);
    if (counters.length > 0) await app.redis.del(...counters);
  });

  it('logs in with the right password and answers GET /api/session with the user and a CSRF token', async () => {
    const client = await loggedIn(app.url, 'Alice', 'alice password 1');
    const session = await client.call<SessionView>('GET', '/api/session');
    expect(session.status).toBe(200);
    expect(session.body.user).toMatchObject({ username: 'alice', role: 'agent' });
    expect(session.body.user).not.toHaveProperty('passwordHash');
    expect(session.body.csrfToken).toBe(client.csrf);
    expect(session.body.policies).toEqual({
      settingsLocked: false,
      presence: 'full',
      chat: 'all',
      recordings: true,
      copyNumber: false,
    });
  });

  it('refuses a wrong password and an unknown user alike, and a disabled user after the right password', async () => {
    const client = new ApiClient(app.url);
    const wrong = await client.login('alice', 'not her password');
    const unknown = await client.login('mallory', 'not her password');
    expect(wrong).toMatchObject({ status: 401, body: { ok: false, error: 'Wrong username or password.' } });
    expect(unknown.body).toEqual(wrong.body);
    expect(client.cookie).toBeNull();
    expect(await client.login('dora', 'not her password')).toMatchObject({ status: 401 });
    expect(await client.login('dora', 'dora password 1')).toMatchObject({
      status: 403,
      body: { ok: false, error: 'This account is disabled: ask an administrator.' },
    });
    expect(client.cookie).toBeNull();
  });

  it('answers 429 with Retry-After after too many failures for one username, then for one address', async () => {
    const client = new ApiClient(app.url);
    for (let attempt = 0; attempt < 3; attempt++) expect((await client.login('owner', 'guess')).status).toBe(401);
    const locked = await client.login('owner', 'owner password 1');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(locked.headers.get('retry-after'))).toBeLessThanOrEqual(5);
    expect(JSON.stringify(locked.body)).toMatch(
      /^\{"ok":false,"error":"Too many failed logins: try again in \d+ s\."\}$/,
    );
    // Other accounts from this address still may, until the address has failed too often as well.
    expect((await client.login('alice', 'guess')).status).toBe(401);
    expect((await client.login('alice', 'alice password 1')).status).toBe(429);
  });

  it('refuses a change without the CSRF token, with a wrong one, and from a foreign origin', async () => {
    const client = await loggedIn(app.url, 'owner', 'owner password 1');
    const body = { displayName: 'Changed' };
    const csrf = client.csrf!;
    client.csrf = null;
    const missing = await client.call('PATCH', '/api/me', body);
    expect(missing).toEqual({
      status: 403,
      body: { ok: false, error: 'Send the csrfToken of GET /api/session in the X-CSRF-Token header.' },
      headers: missing.headers,
    });
    expect((await client.call('PATCH', '/api/me', body, { 'X-CSRF-Token': 'x'.repeat(43) })).status).toBe(403);
    const foreign = await client.call('PATCH', '/api/me', body, {
      'X-CSRF-Token': csrf,
      Origin: 'https://evil.example',
    });
    expect(foreign).toMatchObject({
      status: 403,
      body: { error: FOREIGN_ORIGIN },
    });
    const login = await new ApiClient(app.url).call(
      'POST',
      '/api/session',
      { username: 'alice', password: 'x' },
      {
        Origin: 'https://evil.example',
      },
    );
    expect(login.status).toBe(403);
    const same = await client.call<SessionView>('PATCH', '/api/me', body, { 'X-CSRF-Token': csrf, Origin: app.url });
    expect(same).toMatchObject({ status: 200, body: { user: { displayName: 'Changed' } } });
  });

  it('ends an idle session, keeps a used one alive, and ends every session at its absolute age', async () => {
    const sessionKeys = () => app.redis.keys(`${app.access.options.prefix}:*:session:*`);
    const before = (await sessionKeys()).sort();
    const idle = await loggedIn(app.url, 'owner', 'owner password 1');
    const busy = await loggedIn(app.url, 'owner', 'owner password 1');
    // Idle limit 60 s on the app's clock, which the test moves: 100 s pass, the busy session used every 25.
    for (let step = 0; step < 4; step++) {
      now += 25_000;
      expect((await busy.call('GET', '/api/session')).status).toBe(200);
    }
    expect(await idle.call('GET', '/api/session')).toMatchObject({
      status: 401,
      body: { ok: false, error: 'You are not logged in.' },
    });
    now += 3_600_000;
    expect((await busy.call('GET', '/api/session')).status).toBe(401);
    expect((await sessionKeys()).sort()).toEqual(before);
  });

  it('logs out: the cookie is cleared and the session is gone', async () => {
    const client = await loggedIn(app.url, 'owner', 'owner password 1');
    const cookie = client.cookie;
    expect((await client.call('DELETE', '/api/session')).status).toBe(204);
    expect(client.cookie).toBeNull();
    client.cookie = cookie;
    expect((await client.call('GET', '/api/session')).status).toBe(401);
  });
});
