import {
  ASSIGNABLE_ROLES,
  type Role,
  type UserCreateBody,
  type UserUpdateBody,
  type UserView,
} from '../../../server/contract/accounts.ts';
import { parseList } from '../../components/checklist.ts';
import { labelled } from '../../i18n/labelled.ts';
import { roleName } from '../../../server/contract/role-names.ts';
import { m } from '../../../server/contract/messages/messages.js';
import { sortRows, type ColumnSpec, type SortState, type SortValue } from '../../tables/sort.ts';

export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];

export type UserColumn = 'username' | 'displayName' | 'role' | 'interfaces' | 'status';

export const USER_COLUMNS: readonly ColumnSpec<UserColumn>[] = [
  labelled({ key: 'username' as const }, () => m.admin_users_col_username()),
  labelled({ key: 'displayName' as const }, () => m.admin_users_col_display_name()),
  labelled({ key: 'role' as const }, () => m.admin_users_col_role()),
  labelled({ key: 'interfaces' as const }, () => m.admin_users_col_interfaces()),
  labelled({ key: 'status' as const }, () => m.admin_users_col_status()),
];

export function userStatus(user: UserView): string {
  return user.disabled ? m.admin_users_status_disabled() : m.admin_users_status_active();
}

function valueOf(user: UserView, key: UserColumn): SortValue {
  switch (key) {
    case 'role':
      return roleName(user.role);
    case 'interfaces':
      return user.interfaces.join(', ');
    case 'status':
      return userStatus(user);
    default:
      return user[key];
  }
}

/** The user list sorted by a column, by username among equals. */
export function sortUsers(users: readonly UserView[], sort: SortState<UserColumn>): UserView[] {
  return sortRows(users, sort, valueOf, (user) => user.username);
}

/** How a user is named in pickers and messages. */
export function userLabel(user: Pick<UserView, 'displayName' | 'username'>): string {
  return user.displayName === user.username ? user.username : `${user.displayName} (${user.username})`;
}

/** The user form as typed: interfaces in one box, the password only when creating; call monitoring's phone too. */
export interface UserDraft {
  username: string;
  displayName: string;
  role: Role;
  interfaces: string;
  disabled: boolean;
  password: string;
  phone: string;
  extension: string;
  monitorCalls: boolean;
}

export function draftOfUser(user: UserView | null): UserDraft {
  const monitoring = {
    phone: user?.phone ?? '',
    extension: user?.extension ?? '',
    monitorCalls: user?.monitorCalls ?? false,
  };
  if (!user)
    return {
      username: '',
      displayName: '',
      role: 'agent',
      interfaces: '',
      disabled: false,
      password: '',
      ...monitoring,
    };
  const { username, displayName, role, disabled } = user;
  return { username, displayName, role, interfaces: user.interfaces.join('\n'), disabled, password: '', ...monitoring };
}

/** Call monitoring's fields as the server takes them: an empty box clears the phone or extension. */
function monitoringFields(draft: UserDraft): Pick<UserUpdateBody, 'phone' | 'extension' | 'monitorCalls'> {
  return {
    phone: draft.phone.trim() || null,
    extension: draft.extension.trim() || null,
    monitorCalls: draft.monitorCalls,
  };
}

function isAssignable(role: Role): role is AssignableRole {
  return (ASSIGNABLE_ROLES as readonly Role[]).includes(role);
}

/**
 * The body of POST /api/users. An empty display name is left out (the server uses the username); the server checks
 * every field and its message names the one that is wrong.
 */
export function createBody(draft: UserDraft): UserCreateBody {
  return {
    username: draft.username.trim(),
    password: draft.password,
    ...(draft.displayName.trim() && { displayName: draft.displayName.trim() }),
    role: isAssignable(draft.role) ? draft.role : 'agent',
    interfaces: parseList(draft.interfaces),
    disabled: draft.disabled,
    ...monitoringFields(draft),
  };
}

/** The body of PATCH /api/users/:id: the Owner's role and status are not the form's to change, so they are not sent. */
export function updateBody(draft: UserDraft, user: UserView): UserUpdateBody {
  const fields = {
    displayName: draft.displayName.trim(),
    interfaces: parseList(draft.interfaces),
    ...monitoringFields(draft),
  };
  if (user.role === 'owner' || !isAssignable(draft.role)) return fields;
  return { ...fields, role: draft.role, disabled: draft.disabled };
}
