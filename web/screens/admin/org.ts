import type { UserView } from '../../../server/contract/accounts.ts';
import { m } from '../../../server/contract/messages/messages.js';
import { userLabel } from './users.ts';

/** The users as choices of a checklist, by name. */
export function userChoices(users: readonly UserView[]): { value: string; label: string }[] {
  return users
    .map((user) => ({ value: user.id, label: userLabel(user) }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** Ids as the names of their users, for a table cell; an id whose user is gone stays as it is. */
export function namesOf(ids: readonly string[], users: readonly UserView[]): string {
  const byId = new Map(users.map((user) => [user.id, user]));
  return ids
    .map((id) => {
      const user = byId.get(id);
      return user ? userLabel(user) : id;
    })
    .join(', ');
}

/** Who can administer a unit: the Administrators only (the server refuses the Owner and every other role). */
export function administratorChoices(users: readonly UserView[]): { value: string; label: string }[] {
  return userChoices(users.filter((user) => user.role === 'administrator'));
}

/** The queues a unit can cover: those the board knows, and any the unit has that the board no longer reports. */
export function queueChoices(known: readonly string[], current: readonly string[]): { value: string; label: string }[] {
  const gone = current.filter((queue) => !known.includes(queue));
  return [
    ...known.map((queue) => ({ value: queue, label: queue })),
    ...gone.map((queue) => ({ value: queue, label: m.admin_queue_not_reported({ queue }) })),
  ];
}
