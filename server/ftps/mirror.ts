import { randomBytes } from 'node:crypto';
import { type Dirent } from 'node:fs';
import { link, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Keeps a folder a copy of another made of hard links: every file of the source appears in the copy as the same
 * file (no bytes copied, no symbolic link that a chroot would break), files gone from the source go from the copy.
 * This is how a unit administrator's FTP home holds exactly their units' files: ProFTPD chroots the login to the
 * home, and nothing outside it can be reached.
 *
 * A folder whose modification time has not changed since the last pass is not read again (only its sub-folders are
 * visited), so that a pass over years of recordings costs a `stat` per folder, not per file. That holds because
 * every file of the layout is written under a temporary name and renamed into place, which changes its folder's time.
 */
export class HardLinkMirror {
  /** Source folder → what it held when last read: its mtime and its sub-folders. */
  private readonly seen = new Map<string, { readonly mtimeMs: number; readonly folders: readonly string[] }>();

  /** Makes `target` mirror `source` (a missing source mirrors as an empty folder). */
  async sync(source: string, target: string): Promise<void> {
    await mkdir(target, { recursive: true, mode: 0o755 });
    const key = `${source}\0${target}`;
    const info = await stat(source).catch(() => null);
    if (!info?.isDirectory()) {
      this.seen.delete(key);
      await this.prune(target, new Set());
      return;
    }
    const before = this.seen.get(key);
    let folders = before?.folders ?? [];
    if (before?.mtimeMs !== info.mtimeMs) {
      folders = await this.copyEntries(source, target);
      this.seen.set(key, { mtimeMs: info.mtimeMs, folders });
    }
    for (const folder of folders) await this.sync(path.join(source, folder), path.join(target, folder));
  }

  /**
   * Makes `target` hold exactly one folder per entry of `parts`, each mirroring its source (a unit administrator's
   * home: one folder per unit).
   */
  async compose(target: string, parts: ReadonlyMap<string, string>): Promise<void> {
    await this.keepOnly(target, new Set(parts.keys()));
    for (const [name, source] of parts) await this.sync(source, path.join(target, name));
  }

  /** Makes `target` a folder holding only the folders named in `names` (with their contents). */
  async keepOnly(target: string, names: ReadonlySet<string>): Promise<void> {
    await mkdir(target, { recursive: true, mode: 0o755 });
    await this.prune(target, names, names);
  }

  /** Forgets what was seen under `target`, after it was removed. */
  forget(target: string): void {
    for (const key of this.seen.keys()) {
      const mirrored = key.slice(key.indexOf('\0') + 1);
      if (mirrored === target || mirrored.startsWith(`${target}${path.sep}`)) this.seen.delete(key);
    }
  }

  /** Links the source's files into the target; returns its sub-folders. Names starting with `.` are files being written. */
  private async copyEntries(source: string, target: string): Promise<string[]> {
    const entries = (await readdir(source, { withFileTypes: true })).filter((entry) => !entry.name.startsWith('.'));
    const folders = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    const files = entries.filter((entry) => entry.isFile());
    await this.prune(target, new Set([...folders, ...files.map((entry) => entry.name)]), new Set(folders));
    for (const file of files) await linkFile(path.join(source, file.name), path.join(target, file.name));
    return folders;
  }

  /** Removes from the target what the source no longer has (and a file where a folder now is, or the reverse). */
  private async prune(
    target: string,
    keep: ReadonlySet<string>,
    folders: ReadonlySet<string> = new Set(),
  ): Promise<void> {
    const present: Dirent[] = await readdir(target, { withFileTypes: true }).catch(() => []);
    for (const entry of present) {
      if (keep.has(entry.name) && entry.isDirectory() === folders.has(entry.name)) continue;
      const gone = path.join(target, entry.name);
      await rm(gone, { recursive: true, force: true });
      this.forget(gone);
    }
  }
}

/** The target becomes the source's file: linked when missing, replaced (link, then rename) when it is another file. */
async function linkFile(source: string, target: string): Promise<void> {
  const [from, to] = await Promise.all([stat(source).catch(() => null), stat(target).catch(() => null)]);
  if (!from || (to && to.ino === from.ino && to.dev === from.dev)) return;
  if (!to) {
    await link(source, target).catch((error: NodeJS.ErrnoException) => {
      // Gone since it was listed, or linked meanwhile by another process serving the same files.
      if (error.code !== 'ENOENT' && error.code !== 'EEXIST') throw error;
    });
    return;
  }
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}`);
  try {
    await link(source, temporary);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
