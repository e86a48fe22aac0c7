import { describe, expect, it } from 'vitest';
import type { UserView } from '../../../server/contract/accounts.ts';
import { createBody, draftOfUser, sortUsers, updateBody, userLabel } from './users.ts';

const user = (fields: Partial<UserView>): UserView => ({
  id: fields.username ?? 'u',
  username: 'u',
  displayName: 'U',
  role: 'agent',
  interfaces: [],
  disabled: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  ...fields,
});

describe('user form', () => {
  it('creates with the interfaces of the box and without an empty display name', () => {
    const draft = {
      ...draftOfUser(null),
      username: ' ann ',
      password: 'long enough password',
      interfaces: 'PJSIP/1001, PJSIP/1002',
    };
    expect(createBody(draft)).toEqual({
      username: 'ann',
      password: 'long enough password',
      role: 'agent',
      interfaces: ['PJSIP/1001', 'PJSIP/1002'],
      disabled: false,
      phone: null,
      extension: null,
      monitorCalls: false,
    });
    expect(createBody({ ...draft, displayName: ' Ann ', role: 'administrator' })).toMatchObject({
      displayName: 'Ann',
      role: 'administrator',
    });
  });

  it('edits what the form shows, and never the owner role or status', () => {
    const ann = user({ username: 'ann', displayName: 'Ann', interfaces: ['PJSIP/1001'] });
    const draft = {
      ...draftOfUser(ann),
      role: 'supervisor' as const,
      interfaces: 'PJSIP/1001\nPJSIP/1009',
      disabled: true,
    };
    const none = { phone: null, extension: null, monitorCalls: false };
    expect(updateBody(draft, ann)).toEqual({
      displayName: 'Ann',
      role: 'supervisor',
      interfaces: ['PJSIP/1001', 'PJSIP/1009'],
      disabled: true,
      ...none,
    });
    const owner = user({ username: 'boss', role: 'owner' });
    expect(updateBody({ ...draftOfUser(owner), displayName: 'Boss' }, owner)).toEqual({
      displayName: 'Boss',
      interfaces: [],
      ...none,
    });
  });

  it("sends call monitoring's phone, extension and switch, and clears an emptied box", () => {
    const sup = user({
      username: 'sup',
      role: 'supervisor',
      phone: 'PJSIP/2005',
      extension: '2005',
      monitorCalls: true,
    });
    const draft = draftOfUser(sup);
    expect(draft).toMatchObject({ phone: 'PJSIP/2005', extension: '2005', monitorCalls: true });
    expect(updateBody({ ...draft, phone: ' PJSIP/2006 ', extension: '' }, sup)).toMatchObject({
      phone: 'PJSIP/2006',
      extension: null,
      monitorCalls: true,
    });
  });

  it('sorts by any column, ties by username', () => {
    const rows = [
      user({ username: 'c', role: 'agent' }),
      user({ username: 'a', role: 'supervisor' }),
      user({ username: 'b', role: 'agent' }),
    ];
    expect(sortUsers(rows, { key: 'role', direction: 'asc' }).map((row) => row.username)).toEqual(['b', 'c', 'a']);
    expect(sortUsers(rows, { key: 'username', direction: 'desc' }).map((row) => row.username)).toEqual(['c', 'b', 'a']);
  });

  it('names a user by display name and username', () => {
    expect(userLabel({ username: 'ann', displayName: 'Ann' })).toBe('Ann (ann)');
    expect(userLabel({ username: 'ann', displayName: 'ann' })).toBe('ann');
  });
});
