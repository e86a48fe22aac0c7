import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * WAV to MP3 with Debian's `lame`, and the MP3's hard links. `lame` reads anything as raw PCM when it finds no header,
 * so the WAV is checked first: a file Asterisk is still writing has no sizes in its header yet (they are written when
 * it closes the file), and is refused like a broken one, to be tried again later.
 */

/** Why a file is not a complete PCM WAV, or null. */
export async function wavProblem(file: string): Promise<string | null> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(12), 0, 12, 0);
    if (bytesRead < 12 || buffer.toString('latin1', 0, 4) !== 'RIFF' || buffer.toString('latin1', 8, 12) !== 'WAVE') {
      return 'it is not a WAV file (no RIFF/WAVE header)';
    }
    const declared = buffer.readUInt32LE(4) + 8;
    if (declared !== size) return `it is incomplete (its header says ${declared} bytes, the file has ${size})`;
    return null;
  } finally {
    await handle.close();
  }
}

/** How lame encodes call audio (8 kHz mono speech): mono, 32 kbit/s; `--quiet` keeps progress bars out of the logs. */
const LAME_OPTIONS = ['--quiet', '--nohist', '-m', 'm', '-b', '32'];

/** Runs `lame` (an argument list, never a shell); rejects with its exit code and the end of what it wrote to stderr. */
function lame(lamePath: string, input: string, output: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(lamePath, [...LAME_OPTIONS, input, output], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-500)));
    child.once('error', (error) => reject(new Error(`lame could not be started (${lamePath}): ${error.message}`)));
    child.once('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`lame failed (${signal ?? `exit code ${code}`}): ${stderr.trim() || 'no message'}`));
    });
  });
}

/** A name beside `file` for its temporary copy: hidden (a leading dot), unique to this attempt. */
function temporary(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Converts `wav` into `mp3` through a temporary file in the same folder, so a reader never sees half an MP3. */
export async function wavToMp3(wav: string, mp3: string, lamePath = 'lame'): Promise<number> {
  const problem = await wavProblem(wav);
  if (problem) throw new Error(`${wav} cannot be converted yet: ${problem}`);
  await mkdir(path.dirname(mp3), { recursive: true });
  const tmp = temporary(mp3);
  try {
    await lame(lamePath, wav, tmp);
    await rename(tmp, mp3);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
  return (await stat(mp3)).size;
}

/** Hard-links `file` as `target` (replacing an older link), through a temporary name, so it appears whole at once. */
export async function linkInto(file: string, target: string): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const tmp = temporary(target);
  await link(file, tmp);
  try {
    await rename(tmp, target);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
}
