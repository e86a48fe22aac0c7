import { describe, expect, it } from 'vitest';
import { mayMessage, mayUseTeamRoom } from '../../server/chat/rules.ts';
import type { PolicyName, Role, TeamView } from '../../server/contract/accounts.ts';
import type { Org, OrgUser } from '../../server/access/org/model.ts';

const user = (id: string, role: Role = 'agent'): OrgUser => ({ id, role, interfaces: [] });
const owner = user('owner', 'owner');
const ada = user('ada', 'administrator');
const una = user('una', 'administrator');
const alice = user('alice');
const bob = user('bob');
const carol = user('carol');

function org(policies: [PolicyName, string][] = [], teams: Record<string, string[]> = {}): Org {
  return {
    users: [owner, ada, una, alice, bob, carol],
    units: [
      { id: 'sales', name: 'Sales', members: ['alice', 'bob'], administrators: ['una'], queues: ['sales'] },
      { id: 'support', name: 'Support', members: ['carol'], administrators: [], queues: ['support'] },
    ],
    teams: Object.entries(teams).map(([id, members]) => ({ id, name: id, members })),
    policies: policies.map(([policy, team], index) => ({ id: `p${index}`, policy, team })),
  };
}

const team = (current: Org, id: string): TeamView => current.teams.find((candidate) => candidate.id === id)!;

describe('chat between users of units', () => {
  it('lets a unit administrator chat with their unit and with those who see the whole board, not other units', () => {
    const plain = org();
    expect(mayMessage(una, alice, plain)).toBe(true);
    expect(mayMessage(una, owner, plain)).toBe(true);
    expect(mayMessage(una, ada, plain)).toBe(true);
    expect(mayMessage(una, carol, plain)).toBe(false);
    expect(mayMessage(carol, alice, plain)).toBe(false);
    expect(mayMessage(owner, carol, plain)).toBe(true);
  });

  it('is symmetric', () => {
    const current = org([['chat.teamOnly', 'desk']], { desk: ['alice', 'una'] });
    for (const a of current.users)
      for (const b of current.users) expect(mayMessage(a, b, current)).toBe(mayMessage(b, a, current));
  });
});

describe('team rooms', () => {
  it('are for members: all rooms without a policy, only the team-only teams’ rooms with one, none when disabled', () => {
    const current = org(
      [
        ['chat.teamOnly', 'desk'],
        ['chat.disabled', 'quiet'],
      ],
      {
        desk: ['alice', 'bob'],
        floor: ['alice', 'carol', 'bob'],
        quiet: ['bob'],
      },
    );
    expect(mayUseTeamRoom(alice, team(current, 'desk'), current)).toBe(true);
    expect(mayUseTeamRoom(alice, team(current, 'floor'), current)).toBe(false);
    expect(mayUseTeamRoom(carol, team(current, 'floor'), current)).toBe(true);
    expect(mayUseTeamRoom(carol, team(current, 'desk'), current)).toBe(false);
    // Bob is in a team-only team and a disabled one: the most restrictive wins.
    expect(mayUseTeamRoom(bob, team(current, 'desk'), current)).toBe(false);
  });

  it('are not narrowed by units: the owner in a team-only team uses its room', () => {
    const current = org([['chat.teamOnly', 'mixed']], { mixed: ['owner', 'alice', 'carol'] });
    expect(mayUseTeamRoom(owner, team(current, 'mixed'), current)).toBe(true);
    expect(mayUseTeamRoom(carol, team(current, 'mixed'), current)).toBe(true);
    expect(mayMessage(carol, alice, current)).toBe(false);
  });
});
