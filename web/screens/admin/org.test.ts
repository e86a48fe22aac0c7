import { describe, expect, it } from 'vitest';
import type { UserView } from '../../../server/contract/accounts.ts';
import { administratorChoices, namesOf, queueChoices, userChoices } from './org.ts';

const users: UserView[] = [
  { id: '2', username: 'zoe', displayName: 'Zoe', role: 'agent', interfaces: [], disabled: false, createdAt: '' },
  {
    id: '1',
    username: 'adam',
    displayName: 'adam',
    role: 'administrator',
    interfaces: [],
    disabled: false,
    createdAt: '',
  },
  { id: '0', username: 'olga', displayName: 'Olga', role: 'owner', interfaces: [], disabled: false, createdAt: '' },
  { id: '3', username: 'sue', displayName: 'Sue', role: 'supervisor', interfaces: [], disabled: false, createdAt: '' },
];

describe('units and teams', () => {
  it('offers users by name', () => {
    expect(userChoices(users)).toEqual([
      { value: '1', label: 'adam' },
      { value: '0', label: 'Olga (olga)' },
      { value: '3', label: 'Sue (sue)' },
      { value: '2', label: 'Zoe (zoe)' },
    ]);
  });

  it('offers only Administrators as unit administrators: not the Owner, not Supervisors', () => {
    expect(administratorChoices(users)).toEqual([{ value: '1', label: 'adam' }]);
  });

  it("offers the board's queues, and keeps a unit's queue the board no longer reports", () => {
    expect(queueChoices(['sales', 'support'], ['sales', 'old'])).toEqual([
      { value: 'sales', label: 'sales' },
      { value: 'support', label: 'support' },
      { value: 'old', label: 'old (not reported now)' },
    ]);
  });

  it('names the ids of a unit or team, keeping an unknown id', () => {
    expect(namesOf(['2', '1', 'gone'], users)).toBe('Zoe (zoe), adam, gone');
  });
});
