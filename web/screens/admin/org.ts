import type { UserView } from '../../../server/contract/access.ts';
import { userLabel } from './users.ts';

/** The users as choices of a checklist, by name. */
export function userChoices(users: readonly UserView[]): { value: string; label: string }[] {
  return users.map((user) => ({ value: user.id, label: userLabel(user) })).sort((a, b) => a.label.localeCompare(b.label));
}

/** Ids as the names of their users, for a table cell; an id whose user is gone stays as it is. */
export function namesOf(ids: readonly string[], users: readonly UserView[]): string {
  const byId = new Map(users.map((user) => [user.id, user]));
  return ids.map((id) => {
    const user = byId.get(id);
    return user ? userLabel(user) : id;
  }).join(', ');
}
