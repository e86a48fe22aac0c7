import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RedisConfig } from '../config.ts';
import type { Org } from '../access/org/model.ts';
import type { DayWritten } from './day-writer.ts';

/**
 * One day's writing, as the process that writes it is given it: everything it needs, in data that crosses a process
 * boundary (the org as the parent read it, the PBXs instead of the function that picks one).
 */
export interface DayJob {
  readonly redis: RedisConfig;
  readonly prefix: string;
  /** FILES_DIR. */
  readonly root: string;
  /** CDR_TIME_ZONE. */
  readonly timeZone: string;
  /** The PBXs, and whether queue names carry theirs (server/domain/endpoints.ts). */
  readonly endpoints: { readonly ids: readonly string[]; readonly qualified: boolean };
  readonly org: Org;
  readonly day: string;
  readonly units: 'all' | ReadonlySet<string>;
  readonly withCenter: boolean;
}

/** A day written apart, and by which process at which priority. */
export interface WrittenApart extends DayWritten {
  readonly writer: { readonly pid: number; readonly niceness: number };
}

/** What the writing process answers. */
export type DayJobResult =
  { readonly ok: true; readonly written: WrittenApart } | { readonly ok: false; readonly error: string };

/** Below the board's priority: on a busy machine the kernel gives the live board the cores first. */
export const WRITER_NICENESS = 10;

const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const ENTRY = fileURLToPath(new URL('./day-process.ts', import.meta.url));

/**
 * Writes a day in a process of its own (server/exports/day-process.ts): a day of 100,000 calls takes seconds of CPU
 * and tens of megabytes, which must not hold up the board's event loop nor grow its heap. The child runs at a lower
 * priority, with its own Redis connection, and exits when done; if this process goes, or `stop` is aborted (the
 * board closing), it goes too, leaving temporary files the sweep removes.
 */
export function writeDayApart(job: DayJob, stop?: AbortSignal): Promise<WrittenApart> {
  return new Promise((resolve, reject) => {
    const child = fork(ENTRY, [], {
      execArgv: ['--import', TSX],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      ...(stop && { signal: stop }),
    });
    try {
      if (child.pid !== undefined) os.setPriority(child.pid, WRITER_NICENESS);
    } catch {
      // Not allowed here (some containers): it runs at the board's priority, still off its event loop.
    }
    let answer: DayJobResult | undefined;
    child.once('message', (message: DayJobResult) => (answer = message));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (answer?.ok) resolve(answer.written);
      else reject(new Error(answer?.error ?? `the report writer stopped (${signal ?? `exit code ${code}`})`));
    });
    child.send(job);
  });
}
