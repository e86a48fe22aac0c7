import type { Redis } from '../redis-client.ts';
import type { RecordingSettingsView } from '../contract/recordings.ts';
import type { RecordingKeys } from '../store/keys.ts';

/** A recording Asterisk has finished, waiting for its MP3. Names are the board's (qualified with several PBXs). */
export interface PendingRecording {
  readonly callId: string;
  readonly queue: string;
  readonly agent: string;
  /** The MP3's file name. */
  readonly name: string;
  /** The WAV in RECORDINGS_DIR. */
  readonly wav: string;
  readonly answeredAt: number;
  readonly endedAt: number;
}

/** A converted recording: its files, relative to FILES_DIR. */
export interface RecordingEntry extends Omit<PendingRecording, 'wav'> {
  readonly files: { readonly center: string; readonly units: readonly string[] };
  readonly bytes: number;
}

/** Recording settings, WAVs waiting for conversion and the index of MP3s by call, in Redis. */
export class RecordingStore {
  constructor(
    private readonly redis: Redis,
    readonly keys: RecordingKeys,
  ) {}

  async settings(): Promise<RecordingSettingsView> {
    const [queues, users] = await Promise.all([
      this.redis.smembers(this.keys.queues),
      this.redis.smembers(this.keys.users),
    ]);
    return { queues: queues.sort(), users: users.sort() };
  }

  async setSettings(settings: RecordingSettingsView): Promise<RecordingSettingsView> {
    const tx = this.redis.multi().del(this.keys.queues, this.keys.users);
    if (settings.queues.length > 0) tx.sadd(this.keys.queues, ...settings.queues);
    if (settings.users.length > 0) tx.sadd(this.keys.users, ...settings.users);
    await tx.exec();
    return this.settings();
  }

  async addPending(job: PendingRecording): Promise<void> {
    await this.redis.hset(this.keys.pending, job.callId, JSON.stringify(job));
  }

  async pending(): Promise<PendingRecording[]> {
    return Object.values(await this.redis.hgetall(this.keys.pending)).map(
      (json) => JSON.parse(json) as PendingRecording,
    );
  }

  /** The recording is converted: indexed, and no longer pending. */
  async done(entry: RecordingEntry): Promise<void> {
    await this.redis
      .multi()
      .hset(this.keys.index, entry.callId, JSON.stringify(entry))
      .zadd(this.keys.byEnd, entry.endedAt, entry.callId)
      .hdel(this.keys.pending, entry.callId)
      .exec();
  }

  async get(callId: string): Promise<RecordingEntry | null> {
    const json = await this.redis.hget(this.keys.index, callId);
    return json === null ? null : (JSON.parse(json) as RecordingEntry);
  }

  /** The recordings of some calls (absent ones left out). */
  async of(callIds: readonly string[]): Promise<Map<string, RecordingEntry>> {
    const found = new Map<string, RecordingEntry>();
    if (callIds.length === 0) return found;
    const texts = await this.redis.hmget(this.keys.index, ...callIds);
    texts.forEach((json, i) => {
      if (json !== null) found.set(callIds[i] ?? '', JSON.parse(json) as RecordingEntry);
    });
    return found;
  }

  /** The ids of recordings that ended before `beforeMs` (all with null), oldest first, at most `count`. */
  endedBefore(beforeMs: number | null, count: number): Promise<string[]> {
    return this.redis.zrangebyscore(
      this.keys.byEnd,
      '-inf',
      beforeMs === null ? '+inf' : `(${beforeMs}`,
      'LIMIT',
      0,
      count,
    );
  }

  async remove(callIds: readonly string[]): Promise<void> {
    if (callIds.length === 0) return;
    await this.redis
      .multi()
      .hdel(this.keys.index, ...callIds)
      .zrem(this.keys.byEnd, ...callIds)
      .exec();
  }
}
