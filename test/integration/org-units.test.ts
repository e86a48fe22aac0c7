import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { PolicyView, SessionView, TeamView, UnitView } from '../../server/contract/accounts.ts';
import { loggedIn, startAccessApp, startWith, type AccessApp, type ApiClient } from '../support/access-app.ts';

let app: AccessApp;
let ids: Map<string, string>;
/** The queues the board reports now. */
let known = ['sales', 'sales-vip', 'support'];
let owner: ApiClient;
const id = (username: string) => ids.get(username)!;
const login = (username: string) => loggedIn(app.url, username, `${username} password 1`);

beforeAll(async () => {
  app = await startAccessApp({ redisUrl: inject('redisUrl'), knownQueues: () => Promise.resolve(known) });
  ids = await startWith(app, [
    ['owner', 'owner'],
    ['ada', 'administrator'],
    ['sam', 'supervisor'],
    ['alice', 'agent', { interfaces: ['PJSIP/1001'] }],
    ['bob', 'agent', { interfaces: ['PJSIP/1002'] }],
  ]);
  owner = await login('owner');
});
afterAll(() => app.close());

describe('organisational units', () => {
  it('needs the Administrator role before a user administers a unit', async () => {
    const answer = await owner.call('POST', '/api/units', {
      name: 'Sales',
      members: [id('alice')],
      administrators: [id('sam')],
    });
    expect(answer).toMatchObject({
      status: 400,
      body: {
        ok: false,
        error: 'The user sam must have the Administrator role before being made a unit administrator.',
      },
    });
  });

  it('never makes the owner a unit administrator', async () => {
    const answer = await owner.call('POST', '/api/units', { name: 'Sales', administrators: [id('owner')] });
    expect(answer).toMatchObject({
      status: 400,
      body: { error: 'The owner account owner cannot administer a unit.' },
    });
  });

  it('refuses a queue the board does not know, naming the known ones, and keeps one the unit had', async () => {
    const refused = await owner.call('POST', '/api/units', { name: 'Typo', queues: ['sales', 'salse'] });
    expect(refused).toMatchObject({
      status: 400,
      body: {
        ok: false,
        error: 'There is no queue named salse on this board (its queues: sales, sales-vip, support).',
      },
    });
    const unit = await owner.call<UnitView>('POST', '/api/units', { name: 'Vip', queues: ['sales-vip'] });
    expect(unit.status).toBe(201);
    known = ['sales', 'support'];
    const kept = await owner.call<UnitView>('PUT', `/api/units/${unit.body.id}`, {
      name: 'VIP',
      queues: ['sales-vip'],
    });
    expect(kept).toMatchObject({ status: 200, body: { name: 'VIP', queues: ['sales-vip'] } });
    known = ['sales', 'sales-vip', 'support'];
    expect((await owner.call('DELETE', `/api/units/${unit.body.id}`)).status).toBe(204);
  });

  it('creates, lists, edits and deletes a unit; names are unique and users must exist', async () => {
    const body = { name: 'Sales', members: [id('alice'), id('alice')], administrators: [id('ada')], queues: ['sales'] };
    const created = await owner.call<UnitView>('POST', '/api/units', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Sales',
      members: [id('alice')],
      administrators: [id('ada')],
      queues: ['sales'],
    });
    expect(await owner.call('POST', '/api/units', { name: 'sales' })).toMatchObject({
      status: 409,
      body: { error: 'A unit named Sales exists already.' },
    });
    expect(await owner.call('POST', '/api/units', { name: 'Ghosts', members: ['nobody'] })).toMatchObject({
      status: 400,
      body: { error: 'Members: there is no user with the id nobody.' },
    });
    const unitId = created.body.id;
    const edited = await owner.call<UnitView>('PUT', `/api/units/${unitId}`, {
      ...body,
      queues: ['sales', 'sales-vip'],
    });
    expect(edited.body.queues).toEqual(['sales', 'sales-vip']);
    expect((await owner.call<UnitView[]>('GET', '/api/units')).body).toEqual([edited.body]);

    // Its administrator now sees one unit, so may no longer manage units: that would widen their own view.
    const ada = await login('ada');
    expect(await ada.call('GET', '/api/units')).toMatchObject({ status: 403 });
    expect(await ada.call('POST', '/api/units', { name: 'Mine', queues: ['support'] })).toMatchObject({ status: 403 });

    expect((await owner.call('DELETE', `/api/units/${unitId}`)).status).toBe(204);
    expect((await owner.call('DELETE', `/api/units/${unitId}`)).status).toBe(404);
    expect((await ada.call('GET', '/api/units')).status).toBe(200);
  });
});

describe('teams and their policies', () => {
  let support: TeamView;
  let quiet: TeamView;

  it('adds a policy by choosing the policy and the team, and edits it by its id', async () => {
    support = (await owner.call<TeamView>('POST', '/api/teams', { name: 'Support', members: [id('alice'), id('bob')] }))
      .body;
    quiet = (await owner.call<TeamView>('POST', '/api/teams', { name: 'Quiet', members: [id('alice')] })).body;
    const added = await owner.call<PolicyView>('POST', '/api/policies', {
      policy: 'presence.hideNumbers',
      team: support.id,
    });
    expect(added).toMatchObject({ status: 201, body: { policy: 'presence.hideNumbers', team: support.id } });
    expect(
      await owner.call('POST', '/api/policies', { policy: 'presence.hideNumbers', team: support.id }),
    ).toMatchObject({
      status: 409,
    });
    expect(await owner.call('POST', '/api/policies', { policy: 'chat.whatever', team: support.id })).toMatchObject({
      status: 400,
    });
    expect(await owner.call('POST', '/api/policies', { policy: 'chat.disabled', team: 'none' })).toMatchObject({
      status: 400,
      body: { error: 'There is no team with the id none.' },
    });
    const edited = await owner.call<PolicyView>('PUT', `/api/policies/${added.body.id}`, {
      policy: 'chat.teamOnly',
      team: support.id,
    });
    expect(edited.body).toEqual({ id: added.body.id, policy: 'chat.teamOnly', team: support.id });
  });

  it('gives a member of several teams the most restrictive combination', async () => {
    for (const [policy, team] of [
      ['presence.hideNumbers', support.id],
      ['presence.disabled', quiet.id],
      ['chat.disabled', quiet.id],
      ['softphone.copyNumber', support.id],
      ['settings.locked', quiet.id],
      ['recordings.disabled', quiet.id],
    ] as const) {
      expect((await owner.call('POST', '/api/policies', { policy, team })).status).toBe(201);
    }
    const alice = (await (await login('alice')).call<SessionView>('GET', '/api/session')).body.policies;
    expect(alice).toEqual({
      settingsLocked: true,
      presence: 'none',
      chat: 'none',
      recordings: false,
      copyNumber: true,
    });
    const bob = (await (await login('bob')).call<SessionView>('GET', '/api/session')).body.policies;
    expect(bob).toEqual({
      settingsLocked: false,
      presence: 'hideNumbers',
      chat: 'team',
      recordings: true,
      copyNumber: true,
    });
  });

  it('"User Settings: disable changes" makes PATCH /api/me refuse with a clear message, a language change too', async () => {
    const alice = await login('alice');
    const refused = {
      status: 403,
      body: {
        ok: false,
        error: 'Your settings cannot be changed: your team has the policy “User Settings: disable changes”.',
      },
    };
    expect(await alice.call('PATCH', '/api/me', { displayName: 'Alicja' })).toMatchObject(refused);
    expect(await alice.call('PATCH', '/api/me', { locale: 'pl' })).toMatchObject(refused);
    expect((await alice.call<SessionView>('GET', '/api/session')).body.user.locale).toBeNull();
    expect((await (await login('bob')).call('PATCH', '/api/me', { displayName: 'Robert' })).status).toBe(200);
  });

  it('deleting a team takes its policies with it', async () => {
    expect((await owner.call('DELETE', `/api/teams/${quiet.id}`)).status).toBe(204);
    const left = (await owner.call<PolicyView[]>('GET', '/api/policies')).body;
    expect(left.every((policy) => policy.team === support.id)).toBe(true);
    expect((await (await login('alice')).call('PATCH', '/api/me', { displayName: 'Alicja' })).status).toBe(200);
  });

  it('is for the Owner and administrators only', async () => {
    expect(await (await login('sam')).call('POST', '/api/teams', { name: 'Mine' })).toMatchObject({ status: 403 });
    expect(await (await login('alice')).call('GET', '/api/policies')).toMatchObject({ status: 403 });
  });
});
