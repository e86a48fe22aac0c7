import type { RecordingSettingsView } from '../../../server/contract/recordings.ts';
import { m } from '../../../server/contract/messages/messages.js';

/** What a save of the recording settings did, in words. */
export function describeSettings(settings: RecordingSettingsView): string {
  if (settings.queues.length + settings.users.length === 0) return m.admin_recordings_saved_none();
  return m.admin_recordings_saved({
    queues: m.admin_recordings_queues_count({ count: settings.queues.length }),
    users: m.admin_recordings_users_count({ count: settings.users.length }),
  });
}
