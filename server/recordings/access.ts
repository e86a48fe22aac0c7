import { canAccessRecording } from '../access/permissions.ts';
import type { Org, OrgUser } from '../access/org/model.ts';

/** The user whose interface answered a call (null when no user holds it): the recording is "theirs". */
export function ownerOf(agent: string, org: Org): string | null {
  return org.users.find((user) => user.interfaces.includes(agent))?.id ?? null;
}

/** Whether `user` may play or download the recording of a call of `queue` answered by `agent`. */
export function mayHear(
  user: OrgUser,
  recording: { readonly queue: string; readonly agent: string },
  org: Org,
): boolean {
  return canAccessRecording(user, { owner: ownerOf(recording.agent, org), queue: recording.queue }, org);
}

/** The units a call belongs to: those of its queue, and those of the user who answered it. */
export function unitsOf(recording: { readonly queue: string; readonly agent: string }, org: Org): string[] {
  const owner = ownerOf(recording.agent, org);
  return org.units
    .filter(
      (unit) =>
        unit.queues.includes(recording.queue) ||
        (owner !== null && (unit.members.includes(owner) || unit.administrators.includes(owner))),
    )
    .map((unit) => unit.id);
}

/** Whether a call is recorded by the settings: its queue is, or the user who answered it is. */
export function isRecorded(
  call: { readonly queue: string; readonly agent: string },
  settings: { readonly queues: readonly string[]; readonly users: readonly string[] },
  org: Org,
): boolean {
  if (settings.queues.includes(call.queue)) return true;
  const owner = ownerOf(call.agent, org);
  return owner !== null && settings.users.includes(owner);
}
