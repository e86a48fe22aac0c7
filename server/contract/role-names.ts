import type { Role } from './accounts.ts';
import type { Locale } from './locale.ts';
import { m } from './messages/messages.js';

const ROLE_NAMES: Readonly<Record<Role, typeof m.admin_users_role_owner>> = {
  owner: m.admin_users_role_owner,
  administrator: m.admin_users_role_administrator,
  supervisor: m.admin_users_role_supervisor,
  agent: m.admin_users_role_agent,
};

/** A role's name as people read it, in `locale` (by default the one the catalogue speaks now): Owner, Właściciel. */
export function roleName(role: Role, locale?: Locale): string {
  return ROLE_NAMES[role]({}, locale ? { locale } : {});
}
