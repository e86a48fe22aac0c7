import { describe, expect, it } from 'vitest';
import { canAccessRecording, canChat } from '../../server/access/permissions.ts';
import { kioskScope, scopeFor, scopeKey } from '../../server/access/scope.ts';
import type { PolicyName, Role } from '../../server/contract/accounts.ts';
import type { Org, OrgUser } from '../../server/access/org/model.ts';
import { effectivePolicies } from '../../server/access/org/policies.ts';

const user = (id: string, role: Role, interfaces: string[] = []): OrgUser => ({ id, role, interfaces });
const owner = user('owner', 'owner', ['PJSIP/1000']);
const ada = user('ada', 'administrator');
const una = user('una', 'administrator', ['PJSIP/1009']);
const sam = user('sam', 'supervisor');
const alice = user('alice', 'agent', ['PJSIP/1001']);
const bob = user('bob', 'agent', ['PJSIP/1002', 'Local/1002@agents']);
const carol = user('carol', 'agent', ['PJSIP/2001']);

function org(policies: [PolicyName, string][] = [], teams: Record<string, string[]> = {}): Org {
  return {
    users: [owner, ada, una, sam, alice, bob, carol],
    units: [
      {
        id: 'sales',
        name: 'Sales',
        members: ['alice', 'bob'],
        administrators: ['una'],
        queues: ['sales', 'sales-vip'],
      },
      { id: 'support', name: 'Support', members: ['carol'], administrators: [], queues: ['support'] },
    ],
    teams: Object.entries(teams).map(([id, members]) => ({ id, name: id, members })),
    policies: policies.map(([policy, team], index) => ({ id: `p${index}`, policy, team })),
  };
}

describe('scopeFor', () => {
  it('gives the owner and users in no unit the whole board', () => {
    for (const viewer of [owner, ada, sam]) expect(scopeFor(viewer, org()).visible).toBe('all');
  });

  it('gives a unit administrator the unit’s queues and its users’ interfaces, and their own', () => {
    const { visible } = scopeFor(una, org());
    expect(visible).not.toBe('all');
    if (visible === 'all') return;
    expect([...visible.queues]).toEqual(['sales', 'sales-vip']);
    expect([...visible.agents].sort()).toEqual(['Local/1002@agents', 'PJSIP/1001', 'PJSIP/1002', 'PJSIP/1009']);
    expect([...visible.users].sort()).toEqual(['alice', 'bob', 'una']);
  });

  it('holds a unit’s members to their unit as well', () => {
    const { visible } = scopeFor(carol, org());
    expect(visible !== 'all' && [...visible.queues]).toEqual(['support']);
  });

  it('a kiosk sees what its creator sees, with no call of its own', () => {
    const scope = kioskScope(una, org([['presence.hideNumbers', 't']], { t: ['una'] }));
    expect(scope.presence).toBe('hideNumbers');
    expect(scope.own.size).toBe(0);
    expect(scope.visible).not.toBe('all');
  });

  it('scopeKey is equal for scopes that filter alike', () => {
    expect(scopeKey(scopeFor(ada, org()))).toBe(scopeKey(scopeFor(sam, org())));
    expect(scopeKey(scopeFor(una, org()))).not.toBe(scopeKey(scopeFor(ada, org())));
  });
});

describe('effectivePolicies: several teams give the most restrictive combination', () => {
  it('has no restriction without a team', () => {
    expect(effectivePolicies(alice, org())).toEqual({
      settingsLocked: false,
      presence: 'full',
      chat: 'all',
      recordings: true,
      copyNumber: false,
    });
  });

  it('presence: disabled beats hidden numbers, whichever team has which', () => {
    const teams = { a: ['alice', 'bob'], b: ['alice'] };
    const both = org(
      [
        ['presence.hideNumbers', 'a'],
        ['presence.disabled', 'b'],
      ],
      teams,
    );
    expect(effectivePolicies(alice, both).presence).toBe('none');
    expect(effectivePolicies(bob, both).presence).toBe('hideNumbers');
    expect(scopeFor(alice, both).presence).toBe('none');
  });

  it('chat: disabled beats team-only; settings and recordings: any team locks them', () => {
    const teams = { a: ['alice'], b: ['alice'] };
    const policies = org(
      [
        ['chat.teamOnly', 'a'],
        ['chat.disabled', 'b'],
        ['settings.locked', 'a'],
        ['recordings.disabled', 'b'],
        ['softphone.copyNumber', 'b'],
      ],
      teams,
    );
    expect(effectivePolicies(alice, policies)).toEqual({
      settingsLocked: true,
      presence: 'full',
      chat: 'none',
      recordings: false,
      copyNumber: true,
    });
  });

  it('binds the owner to no team policy, so that it can never lock itself out', () => {
    const locked = org(
      [
        ['settings.locked', 't'],
        ['presence.disabled', 't'],
      ],
      { t: ['owner'] },
    );
    expect(effectivePolicies(owner, locked)).toMatchObject({ settingsLocked: false, presence: 'full' });
  });
});

describe('canChat', () => {
  it('lets anyone chat with anyone but themselves without a policy', () => {
    expect(canChat(alice, carol, org())).toBe(true);
    expect(canChat(alice, alice, org())).toBe(false);
  });

  it('team only: both ways, and within every team-only team of theirs', () => {
    const teams = { a: ['alice', 'bob', 'carol'], b: ['alice', 'bob'] };
    const one = org([['chat.teamOnly', 'b']], teams);
    expect(canChat(alice, bob, one)).toBe(true);
    expect(canChat(alice, carol, one)).toBe(false);
    expect(canChat(carol, alice, one)).toBe(false);
    const two = org(
      [
        ['chat.teamOnly', 'a'],
        ['chat.teamOnly', 'b'],
      ],
      teams,
    );
    expect(canChat(bob, alice, two)).toBe(true);
    expect(canChat(bob, carol, two)).toBe(false);
  });

  it('disabled: with nobody', () => {
    const off = org([['chat.disabled', 't']], { t: ['bob'] });
    expect(canChat(bob, alice, off)).toBe(false);
    expect(canChat(alice, bob, off)).toBe(false);
    expect(canChat(alice, carol, off)).toBe(true);
  });
});

describe('canAccessRecording', () => {
  it('own calls for everyone; every call for the owner and whole-board administrators; the unit’s for its administrator', () => {
    const plain = org();
    expect(canAccessRecording(alice, { owner: 'alice', queue: 'elsewhere' }, plain)).toBe(true);
    expect(canAccessRecording(alice, { owner: 'bob', queue: 'elsewhere' }, plain)).toBe(false);
    expect(canAccessRecording(sam, { owner: 'alice', queue: 'elsewhere' }, plain)).toBe(false);
    expect(canAccessRecording(owner, { owner: 'carol', queue: 'elsewhere' }, plain)).toBe(true);
    expect(canAccessRecording(ada, { owner: 'carol', queue: 'elsewhere' }, plain)).toBe(true);
    expect(canAccessRecording(una, { owner: 'alice', queue: 'elsewhere' }, plain)).toBe(true);
    expect(canAccessRecording(una, { owner: 'carol', queue: 'elsewhere' }, plain)).toBe(false);
    expect(canAccessRecording(una, { owner: null, queue: 'sales-vip' }, plain)).toBe(true);
    expect(canAccessRecording(ada, { owner: null, queue: 'elsewhere' }, plain)).toBe(true);
    expect(canAccessRecording(sam, { owner: null, queue: 'sales' }, plain)).toBe(false);
  });

  it('"Call Recordings: disable access" takes them away, own calls included', () => {
    const off = org([['recordings.disabled', 't']], { t: ['alice', 'una'] });
    expect(canAccessRecording(alice, { owner: 'alice', queue: 'elsewhere' }, off)).toBe(false);
    expect(canAccessRecording(una, { owner: 'bob', queue: 'elsewhere' }, off)).toBe(false);
    expect(canAccessRecording(bob, { owner: 'bob', queue: 'elsewhere' }, off)).toBe(true);
  });
});
