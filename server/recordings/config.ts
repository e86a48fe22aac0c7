import path from 'node:path';
import { z } from 'zod';
import { parseEnv } from '../env.ts';

/** The recordings' part of the environment, parsed at start as part of server/config.ts. */
const absolute = 'must be an absolute path';
const schema = z.object({
  /** Where Tablica reads Asterisk's WAV recordings (on the Asterisk host, or a share mounted from it); unset: no recording. */
  RECORDINGS_DIR: z.string().optional(),
  /** That folder as Asterisk names it, when it differs (a share); unset: Asterisk's own monitor folder (a bare file name). */
  RECORDINGS_PBX_DIR: z
    .string()
    .refine((dir) => path.isAbsolute(dir), absolute)
    .optional(),
  /** true: a WAV is deleted once its MP3 is written. */
  RECORDINGS_DELETE_WAV: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('false')
    .transform((flag) => flag === 'true'),
  /** MP3 conversions running at once (each is one lame process). */
  RECORDINGS_CONVERSIONS: z.coerce.number().int().min(1, 'must be 1-16').max(16, 'must be 1-16').default(2),
  /** The lame program: a path, or a name looked up in PATH. */
  LAME_PATH: z.string().min(1).default('lame'),
});

export interface RecordingsConfig {
  /** RECORDINGS_DIR, absolute; null: recording is off (settings can still be made). */
  readonly wavDir: string | null;
  readonly pbxDir: string | null;
  readonly deleteWav: boolean;
  readonly concurrency: number;
  readonly lamePath: string;
  /** FILES_DIR, absolute (parsed with the files' other settings in server/config.ts). */
  readonly filesDir: string;
}

export function loadRecordingsConfig(env: NodeJS.ProcessEnv, filesDir: string, cwd = process.cwd()): RecordingsConfig {
  const vars = parseEnv(schema, env);
  return {
    wavDir: vars.RECORDINGS_DIR === undefined ? null : path.resolve(cwd, vars.RECORDINGS_DIR),
    pbxDir: vars.RECORDINGS_PBX_DIR ?? null,
    deleteWav: vars.RECORDINGS_DELETE_WAV,
    concurrency: vars.RECORDINGS_CONVERSIONS,
    lamePath: vars.LAME_PATH,
    filesDir,
  };
}
