import type { RecordingSettingsView } from '../../../server/contract/recordings.ts';

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** What a save of the recording settings did, in words. */
export function describeSettings(settings: RecordingSettingsView): string {
  if (settings.queues.length + settings.users.length === 0) return 'Saved: no call is recorded.';
  return `Saved: the calls of ${count(settings.queues.length, 'queue', 'queues')} and ${count(settings.users.length, 'user', 'users')} are recorded.`;
}
