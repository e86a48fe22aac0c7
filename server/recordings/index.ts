import { unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Request, Router } from 'express';
import type { Redis } from '../redis-client.ts';
import type { AmiConnection } from '../ami/types.ts';
import type { AccessControl } from '../access/control.ts';
import { recordingUrl } from '../contract/recordings.ts';
import type { CallRecordView } from '../contract/stats.ts';
import { qualifiedName } from '../domain/endpoints.ts';
import type { DomainInput } from '../domain/input.ts';
import type { Logger } from '../log.ts';
import type { BoardSocket, Transport } from '../realtime/transport.ts';
import type { Purger } from '../stats/redis/retention.ts';
import { recordingKeys } from '../store/keys.ts';
import { isRecorded, mayHear, unitsOf } from './access.ts';
import type { RecordingsConfig } from './config.ts';
import { Conversions, type Timer } from './conversions.ts';
import { linkInto, wavToMp3 } from './convert.ts';
import { dayOf, recordingBaseName, recordingPaths } from './names.ts';
import { recordingRoutes } from './routes.ts';
import { recordingCommands, recordingFacts, type RecordingCommands } from './socket.ts';
import { RecordingStore, type PendingRecording } from './store.ts';
import { RecordingTracker, type AnsweredCall, type EndedRecording } from './tracker.ts';

export interface RecordingsDeps {
  readonly redis: Redis;
  readonly prefix: string;
  readonly access: AccessControl;
  readonly config: RecordingsConfig;
  /** The AMI connection to one PBX, while this process holds the AMI lease (as call monitoring sends its actions). */
  readonly ami: (endpoint: string) => AmiConnection | undefined;
  /** Several PBXs: the board names everything `<endpoint>/<name>`. */
  readonly qualified: boolean;
  readonly knownQueues: () => Promise<readonly string[]>;
  /** Resolves when the statistics recorded so far are written: the call list then holds the recorded call. */
  readonly callsWritten: () => Promise<void>;
  /** Tells the screens showing the call list of each new recording. */
  readonly transport: Transport;
  /** The user of a socket; none for a kiosk link. */
  readonly userOf: (socket: BoardSocket) => string | undefined;
  readonly log: Logger;
  readonly timer?: Timer;
}

export interface Recordings {
  /** Every AMI input the lease holder reads (LiveSource's tap). */
  readonly observe: (endpoint: string, input: DomainInput) => void;
  readonly router: Router;
  /** A socket's call list command (calls:watch). */
  readonly commands: (socket: BoardSocket) => RecordingCommands;
  /** A page of call records with the recordings the asker may hear. */
  readonly attach: (request: Request, calls: CallRecordView[]) => Promise<CallRecordView[]>;
  /** The "Recordings" retention category's purge: the MP3s and their links. */
  readonly purge: Purger;
  readonly conversions: Conversions;
  /** Resolves when everything this process noticed is written down and no conversion runs. */
  settled(): Promise<void>;
  close(): void;
}

/** How many recordings a purge deletes per round (one Redis read and their files). */
const PURGE_BATCH = 500;

/**
 * Call recording, wired. The lease holder follows recordings on the AMI (tracker.ts), starts MixMonitor on answered
 * calls of recorded queues and users, and, when a recording ends, queues its WAV for conversion (kept in Redis until
 * its MP3 is written, so a restart or a new holder resumes it). Any process serves the MP3s to those allowed.
 */
export function createRecordings(deps: RecordingsDeps): Recordings {
  const { config, log } = deps;
  const store = new RecordingStore(deps.redis, recordingKeys(deps.prefix));
  const trackers = new Map<string, RecordingTracker>();
  const board = (endpoint: string, name: string) => (deps.qualified ? qualifiedName(endpoint, name) : name);
  let writing: Promise<unknown> = Promise.resolve();
  const saved = recordingFacts(deps.transport);

  const conversions = new Conversions({
    concurrency: config.concurrency,
    log,
    ...(deps.timer && { timer: deps.timer }),
    convert: async (job) => {
      const org = await deps.access.org.load();
      const files = recordingPaths(dayOf(job.answeredAt), job.name, unitsOf(job, org));
      const center = path.join(config.filesDir, files.center);
      const bytes = await wavToMp3(job.wav, center, config.lamePath);
      for (const unit of files.units) await linkInto(center, path.join(config.filesDir, unit));
      const { wav: _wav, ...rest } = job;
      await store.done({ ...rest, files, bytes });
      // A screen reads the list again when told: the call must be in it by then. Written or not, it is told.
      await deps.callsWritten().catch(() => undefined);
      saved({ callId: job.callId, queue: job.queue });
      if (config.deleteWav)
        await unlink(job.wav).catch((error: unknown) => log.warn({ err: (error as Error).message }, 'WAV not deleted'));
      log.info({ callId: job.callId, file: files.center, units: files.units.length, bytes }, 'recording converted');
    },
  });

  const resume = () => {
    writing = writing
      .then(() => store.pending())
      .then((jobs) => jobs.forEach((job) => conversions.add(job)))
      .catch((error: unknown) => log.warn({ err: (error as Error).message }, 'pending recordings not read'));
  };

  const answered = (endpoint: string, call: AnsweredCall) => {
    const wavDir = config.wavDir;
    if (!wavDir) return;
    writing = writing
      .then(async () => {
        const [settings, org] = await Promise.all([store.settings(), deps.access.org.load()]);
        if (!isRecorded({ queue: board(endpoint, call.queue), agent: board(endpoint, call.agent) }, settings, org))
          return;
        const ami = deps.ami(endpoint);
        if (!ami) return;
        const file = `${recordingBaseName(call)}.wav`;
        await ami.action('MixMonitor', {
          Channel: call.agentChannel,
          File: config.pbxDir ? path.posix.join(config.pbxDir, file) : file,
        });
      })
      .catch((error: unknown) =>
        log.warn({ err: (error as Error).message, callId: call.uniqueid }, 'recording not started'),
      );
  };

  const ended = (endpoint: string, { call, file, endedAt }: EndedRecording) => {
    const wavDir = config.wavDir;
    if (!wavDir) return;
    const job: PendingRecording = {
      callId: board(endpoint, call.uniqueid),
      queue: board(endpoint, call.queue),
      agent: board(endpoint, call.agent),
      name: `${recordingBaseName(call)}.mp3`,
      // Asterisk names the file by its own path; Tablica finds it by name in RECORDINGS_DIR (several PBXs: in its
      // folder named by the endpoint's id).
      wav: path.join(wavDir, ...(deps.qualified ? [endpoint] : []), path.posix.basename(file)),
      answeredAt: call.answeredAt,
      endedAt,
    };
    writing = writing
      .then(() => store.addPending(job))
      .then(() => conversions.add(job))
      .catch((error: unknown) =>
        log.warn({ err: (error as Error).message, callId: job.callId }, 'recording not queued'),
      );
  };

  return {
    observe: (endpoint, input) => {
      if (input.type === 'link') {
        if (input.up) resume();
        return;
      }
      if (input.type !== 'event') return;
      let tracker = trackers.get(endpoint);
      if (!tracker) trackers.set(endpoint, (tracker = new RecordingTracker()));
      const output = tracker.observe(input.fields, input.at);
      if (output?.kind === 'answered' && !output.recording) answered(endpoint, output.call);
      else if (output?.kind === 'ended') ended(endpoint, output.recording);
    },
    commands: (socket) => recordingCommands(socket, deps.userOf(socket)),
    router: recordingRoutes({
      access: deps.access,
      store,
      filesDir: config.filesDir,
      knownQueues: deps.knownQueues,
      log,
    }),
    attach: async (request, calls) => {
      const { user } = deps.access.userOf(request);
      const [found, org] = await Promise.all([store.of(calls.map((call) => call.id)), deps.access.org.load()]);
      return calls.map((call) => {
        const entry = found.get(call.id);
        if (!entry || !mayHear(user, entry, org)) return call;
        return {
          ...call,
          recording: {
            name: entry.name,
            url: recordingUrl(call.id),
            downloadUrl: recordingUrl(call.id, true),
            bytes: entry.bytes,
          },
        };
      });
    },
    purge: async (beforeMs) => {
      let deleted = 0;
      for (;;) {
        const ids = await store.endedBefore(beforeMs, PURGE_BATCH);
        if (ids.length === 0) return deleted;
        for (const entry of (await store.of(ids)).values()) {
          for (const file of [entry.files.center, ...entry.files.units]) {
            await unlink(path.join(config.filesDir, file)).catch((error: NodeJS.ErrnoException) => {
              if (error.code !== 'ENOENT') throw error;
            });
          }
          deleted++;
        }
        await store.remove(ids);
      }
    },
    conversions,
    settled: async () => {
      for (let last: unknown; last !== writing;) {
        last = writing;
        await writing;
      }
      await conversions.idle();
    },
    close: () => conversions.close(),
  };
}
