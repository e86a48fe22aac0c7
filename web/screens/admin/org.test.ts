import { describe, expect, it } from 'vitest';
import type { UserView } from '../../../server/contract/access.ts';
import { namesOf, userChoices } from './org.ts';

const users: UserView[] = [
  { id: '2', username: 'zoe', displayName: 'Zoe', role: 'agent', interfaces: [], disabled: false, createdAt: '' },
  { id: '1', username: 'adam', displayName: 'adam', role: 'administrator', interfaces: [], disabled: false, createdAt: '' },
];

describe('units and teams', () => {
  it('offers users by name', () => {
    expect(userChoices(users)).toEqual([
      { value: '1', label: 'adam' },
      { value: '2', label: 'Zoe (zoe)' },
    ]);
  });

  it('names the ids of a unit or team, keeping an unknown id', () => {
    expect(namesOf(['2', '1', 'gone'], users)).toBe('Zoe (zoe), adam, gone');
  });
});
