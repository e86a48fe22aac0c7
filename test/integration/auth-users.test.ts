import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SessionView, UserView } from '../../server/contract/accounts.ts';
import { ApiClient, loggedIn, startAccessApp, startWith, type AccessApp } from '../support/access-app.ts';

let app: AccessApp;
let ids: Map<string, string>;
const login = (username: string, password = `${username} password 1`) => loggedIn(app.url, username, password);
const id = (username: string) => ids.get(username)!;

beforeAll(async () => {
  app = await startAccessApp({ redisUrl: inject('redisUrl') });
  ids = await startWith(app, [
    ['owner', 'owner'],
    ['admin', 'administrator'],
    ['unitadmin', 'administrator'],
    ['sup', 'supervisor'],
    ['agent', 'agent', { interfaces: ['PJSIP/1001'] }],
  ]);
  await app.access.org.units.put({
    id: 'u1',
    name: 'Sales',
    members: [],
    administrators: [id('unitadmin')],
    queues: ['sales'],
  });
});
afterAll(() => app.close());

describe('users admin: only the Owner and whole-board administrators', () => {
  it('refuses anonymous requests, agents, supervisors and unit administrators', async () => {
    expect(await new ApiClient(app.url).call('GET', '/api/users')).toMatchObject({
      status: 401,
      body: { ok: false, error: 'Log in first.' },
    });
    for (const username of ['agent', 'sup']) {
      expect(await (await login(username)).call('GET', '/api/users')).toMatchObject({
        status: 403,
        body: { ok: false, error: 'This needs the role owner or administrator.' },
      });
    }
    expect(await (await login('unitadmin')).call('GET', '/api/users')).toMatchObject({
      status: 403,
      body: { error: 'A unit administrator cannot manage accounts, units, teams or policies.' },
    });
  });

  it('lists accounts without password hashes', async () => {
    const list = await (await login('admin')).call<UserView[]>('GET', '/api/users');
    expect(list.status).toBe(200);
    expect(list.body.map((user) => user.username)).toEqual(['admin', 'agent', 'owner', 'sup', 'unitadmin']);
    expect(JSON.stringify(list.body)).not.toContain('scrypt');
  });

  it('creates users, with unique usernames and interfaces, never a second owner', async () => {
    const admin = await login('admin');
    const body = { username: 'bob', password: 'bob password 1', role: 'agent', interfaces: ['Local/1002@agents'] };
    const created = await admin.call<UserView>('POST', '/api/users', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      username: 'bob',
      displayName: 'bob',
      role: 'agent',
      interfaces: ['Local/1002@agents'],
    });
    expect(await admin.call('POST', '/api/users', body)).toMatchObject({
      status: 409,
      body: { error: 'The username bob is taken.' },
    });
    expect(
      await admin.call('POST', '/api/users', { ...body, username: 'bob2', interfaces: ['PJSIP/1001'] }),
    ).toMatchObject({
      status: 400,
      body: { error: 'Interface PJSIP/1001 is already linked to agent.' },
    });
    expect((await admin.call('POST', '/api/users', { ...body, username: 'boss2', role: 'owner' })).status).toBe(400);
    expect((await admin.call('POST', '/api/users', { ...body, username: 'x', interfaces: ['1001'] })).status).toBe(400);
    await login('bob', 'bob password 1');
  });

  it('edits role and interfaces; disabling ends the user’s sessions', async () => {
    const admin = await login('admin');
    const bob = await login('bob', 'bob password 1');
    const bobId = (await bob.call<SessionView>('GET', '/api/session')).body.user.id;
    const edited = await admin.call<UserView>('PATCH', `/api/users/${bobId}`, {
      role: 'supervisor',
      interfaces: ['PJSIP/1002'],
    });
    expect(edited.body).toMatchObject({ role: 'supervisor', interfaces: ['PJSIP/1002'] });
    expect((await bob.call('GET', '/api/session')).status).toBe(200);
    expect((await admin.call('PATCH', `/api/users/${bobId}`, { disabled: true })).body).toMatchObject({
      disabled: true,
    });
    expect((await bob.call('GET', '/api/session')).status).toBe(401);
    expect((await new ApiClient(app.url).login('bob', 'bob password 1')).status).toBe(403);
    await admin.call('PATCH', `/api/users/${bobId}`, { disabled: false });
    await login('bob', 'bob password 1');
  });

  it('resets a password: the old one and every session of it stop working', async () => {
    const admin = await login('admin');
    const before = await login('sup');
    expect(
      await admin.call('POST', `/api/users/${id('sup')}/password`, { password: 'brand new password' }),
    ).toMatchObject({
      status: 204,
    });
    expect((await before.call('GET', '/api/session')).status).toBe(401);
    expect((await new ApiClient(app.url).login('sup', 'sup password 1')).status).toBe(401);
    await login('sup', 'brand new password');
  });

  it('protects the owner account: only the owner edits it, and it keeps its role and stays enabled', async () => {
    const admin = await login('admin');
    const refused = { status: 403, body: { error: 'Only the Owner changes the Owner account.' } };
    expect(await admin.call('PATCH', `/api/users/${id('owner')}`, { disabled: true })).toMatchObject(refused);
    expect(
      await admin.call('POST', `/api/users/${id('owner')}/password`, { password: 'taken over, ha ha' }),
    ).toMatchObject(refused);
    const owner = await login('owner');
    for (const change of [{ disabled: true }, { role: 'agent' }]) {
      expect(await owner.call('PATCH', `/api/users/${id('owner')}`, change)).toMatchObject({
        status: 400,
        body: { error: 'The Owner account keeps its role and cannot be disabled.' },
      });
    }
    expect((await owner.call('PATCH', `/api/users/${id('owner')}`, { displayName: 'The Boss' })).status).toBe(200);
  });

  it('keeps a unit administrator an Administrator', async () => {
    const admin = await login('admin');
    expect(await admin.call('PATCH', `/api/users/${id('unitadmin')}`, { role: 'agent' })).toMatchObject({
      status: 400,
      body: { error: 'The user unitadmin administers Sales: remove them there first, then change the role.' },
    });
  });
});

describe('PATCH /api/me: own settings', () => {
  it('changes the display name and, given the current one, the password; other sessions end', async () => {
    const here = await login('agent');
    const elsewhere = await login('agent');
    expect(
      await here.call('PATCH', '/api/me', { password: { current: 'wrong', next: 'agent password 2' } }),
    ).toMatchObject({
      status: 400,
      body: { error: 'The current password is not right.' },
    });
    const changed = await here.call<SessionView>('PATCH', '/api/me', {
      displayName: 'Agent One',
      password: { current: 'agent password 1', next: 'agent password 2' },
    });
    expect(changed).toMatchObject({ status: 200, body: { user: { displayName: 'Agent One' } } });
    expect((await here.call('GET', '/api/session')).status).toBe(200);
    expect((await elsewhere.call('GET', '/api/session')).status).toBe(401);
    await login('agent', 'agent password 2');
  });

  it('refuses what is not an own setting', async () => {
    const agent = await login('agent', 'agent password 2');
    expect(await agent.call('PATCH', '/api/me', { role: 'administrator' })).toMatchObject({ status: 400 });
  });
});
