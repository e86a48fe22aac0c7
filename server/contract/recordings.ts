import { z } from 'zod';
import { textField } from './text.ts';

/**
 * Call recording (PRODUCT.md 3, 4 and 6): an administrator turns recording on per queue and per user; Tablica starts
 * Asterisk's MixMonitor on their answered calls, converts each WAV to MP3 and lists it with the call's record.
 */

/** `GET|PUT /api/recordings/settings`: the queues and the users (ids) whose answered calls are recorded. */
export interface RecordingSettingsView {
  queues: string[];
  users: string[];
}

const unique = <T extends z.ZodType<string>>(item: T) =>
  z
    .array(item)
    .max(10_000)
    .transform((list) => [...new Set(list)].sort());

export const recordingSettingsBody = z.strictObject({
  queues: unique(textField({ max: 80 })),
  users: unique(z.string().min(1).max(64)),
});
export type RecordingSettingsBody = z.infer<typeof recordingSettingsBody>;

/** A call's recording as a call record lists it, for those who may hear it. */
export interface CallRecordingView {
  /** `YYYY_mm_dd_HH_mm_ss-SIP_USERNAME-CALLER_ID-CALLED_NO-UNIQUEID.mp3` */
  name: string;
  /** Plays in an `<audio>` element (byte ranges served). */
  url: string;
  /** The same file as an attachment. */
  downloadUrl: string;
  bytes: number;
}

/** Where a call's recording is served: the call's id (the caller's Uniqueid) names it. */
export function recordingUrl(callId: string, download = false): string {
  return `/api/recordings/${encodeURIComponent(callId)}${download ? '?download=1' : ''}`;
}
