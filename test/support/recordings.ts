import { Server } from 'socket.io';
import { Transport } from '../../server/realtime/transport.ts';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AmiConnection } from '../../server/ami/types.ts';
import type { AccessControl } from '../../server/access/control.ts';
import type { RecordingsConfig } from '../../server/recordings/config.ts';
import type { Timer } from '../../server/recordings/conversions.ts';
import { createRecordings, type Recordings } from '../../server/recordings/index.ts';
import { RecordingStore } from '../../server/recordings/store.ts';
import { recordingKeys } from '../../server/store/keys.ts';
import { testLogger } from './test-logger.ts';
import { readTraceFile } from './traces.ts';

/** The two WAVs Asterisk wrote in trace 16, by name. */
export const TRACE_WAVS = [
  '2026_11_28_06_09_36-1001-5516001-sales-1795846176.1.wav',
  '2026_11_28_06_09_48-1005-5516002-support-1795846186.5.wav',
] as const;

export function traceWav(name: (typeof TRACE_WAVS)[number]): Buffer {
  return readTraceFile('16-mixmonitor', `recordings/${name}`);
}

/** A folder of its own for a test's WAVs (`wav/`) and files (`files/`); removed by `remove`. */
export async function recordingFolders(): Promise<{
  root: string;
  wavDir: string;
  filesDir: string;
  remove: () => Promise<void>;
}> {
  const root = await mkdtemp(path.join(tmpdir(), 'tablica-recordings-'));
  return {
    root,
    wavDir: path.join(root, 'wav'),
    filesDir: path.join(root, 'files'),
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

export function recordingsConfig(
  folders: { wavDir: string; filesDir: string },
  more: Partial<RecordingsConfig> = {},
): RecordingsConfig {
  return {
    wavDir: folders.wavDir,
    pbxDir: null,
    deleteWav: false,
    concurrency: 2,
    lamePath: 'lame',
    filesDir: folders.filesDir,
    ...more,
  };
}

/** The actions a recordings part sent, through an AMI connection that answers every one with success. */
export function recordingAmi(): { sent: { action: string; fields: Record<string, unknown> }[]; ami: AmiConnection } {
  const sent: { action: string; fields: Record<string, unknown> }[] = [];
  const ami = {
    action: (action: string, fields: Record<string, unknown>) => {
      sent.push({ action, fields });
      return Promise.resolve({});
    },
    status: () => ({ state: 'live' }),
  } as unknown as AmiConnection;
  return { sent, ami };
}

export function startRecordings(
  access: AccessControl,
  config: RecordingsConfig,
  options: { ami?: AmiConnection; timer?: Timer; knownQueues?: readonly string[] } = {},
): { recordings: Recordings; store: RecordingStore } {
  const recordings = createRecordings({
    redis: access.options.redis,
    prefix: access.options.prefix,
    access,
    config,
    ami: () => options.ami,
    qualified: false,
    knownQueues: () => Promise.resolve(options.knownQueues ?? ['sales', 'support', 'billing']),
    // No statistics here: no call list to wait for.
    callsWritten: () => Promise.resolve(),
    // No sockets here: the facts for the call list go nowhere.
    transport: new Transport(new Server(), { othersReachable: () => false }),
    userOf: () => undefined,
    log: testLogger('recordings'),
    ...(options.timer && { timer: options.timer }),
  });
  return { recordings, store: new RecordingStore(access.options.redis, recordingKeys(access.options.prefix)) };
}

/** The first bytes of an MP3: an ID3 tag, or an MPEG audio frame's sync word (11 bits set). */
export async function isMp3(file: string): Promise<boolean> {
  const head = (await readFile(file)).subarray(0, 3);
  return head.toString('latin1') === 'ID3' || (head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0);
}
