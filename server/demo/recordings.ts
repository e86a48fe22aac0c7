import { Redis } from 'ioredis';
import { RecordingStore } from '../recordings/store.ts';
import { recordingKeys } from '../store/keys.ts';

/** The queue the demo records (on every simulated PBX): its calls' MP3s show under Calls. */
export const DEMO_RECORDED_QUEUE = 'sales';

/**
 * Turns recording on for the demo's queue at every start, through the same store as the server (other settings an
 * administrator made stay).
 */
export async function applyDemoRecordings(
  redis: { url: string; prefix: string },
  queues: readonly string[],
): Promise<void> {
  const client = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await client.connect();
    const store = new RecordingStore(client, recordingKeys(redis.prefix));
    const current = await store.settings();
    await store.setSettings({ ...current, queues: [...new Set([...current.queues, ...queues])].sort() });
  } finally {
    client.disconnect();
  }
}
