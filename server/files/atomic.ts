import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';

/** Temporary files start with a dot (hidden from listings) and end with this: the sweeper removes stale ones. */
export const TEMP_SUFFIX = '.part';

/** A temporary file beside `target`, in the same folder so that the rename that publishes it is atomic. */
export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
}

/** Writes a chunk, waiting for the stream to drain when its buffer is full: memory stays bounded whatever the size. */
export async function writeChunk(stream: WriteStream, chunk: string | Buffer): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

/** Ends a stream and waits until its file is closed. */
export async function closeStream(stream: WriteStream): Promise<void> {
  stream.end();
  if (!stream.closed) await once(stream, 'close');
}

/**
 * A file written in the dark and published whole: the content goes to a temporary file in the target's folder, which
 * is renamed onto the target only once complete. A reader (ProFTPD, an HTTP download) sees the old file or the new
 * one, never half of one; a failure removes the temporary file and leaves the old file as it was.
 */
export class AtomicFile {
  readonly temp: string;
  readonly stream: WriteStream;

  private constructor(readonly target: string) {
    this.temp = tempPathFor(target);
    this.stream = createWriteStream(this.temp, { mode: 0o644 });
  }

  static async open(target: string): Promise<AtomicFile> {
    await mkdir(path.dirname(target), { recursive: true });
    const file = new AtomicFile(target);
    await once(file.stream, 'open');
    return file;
  }

  write(chunk: string | Buffer): Promise<void> {
    return writeChunk(this.stream, chunk);
  }

  async commit(): Promise<void> {
    await closeStream(this.stream);
    await rename(this.temp, this.target);
  }

  async abort(): Promise<void> {
    this.stream.destroy();
    await rm(this.temp, { force: true });
  }
}

/**
 * A small text file published whole (ProFTPD's login files, its config snippet), with its mode; nothing is written
 * when the file holds `text` already. True when written.
 */
export async function writeTextAtomically(file: string, text: string, mode: number): Promise<boolean> {
  const current = await readFile(file, 'utf8').catch(() => null);
  if (current === text) return false;
  const temporary = tempPathFor(file);
  try {
    await writeFile(temporary, text, { mode });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return true;
}
