import { link, mkdir, mkdtemp, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HardLinkMirror } from '../../server/ftps/mirror.ts';

/** The hard-link mirror that builds unit administrators' FTP homes, on a real file system. */
let root: string;
let source: string;
let target: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'tablica-mirror-'));
  source = path.join(root, 'units', 'u1');
  target = path.join(root, 'ftp', 'ann', 'Sales');
  await mkdir(path.join(source, 'Recordings', '2026-12-06'), { recursive: true });
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Writes as the layout does: a temporary name, then a rename into place. */
async function write(file: string, text: string): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.tmp`);
  await writeFile(temporary, text);
  await rename(temporary, file);
}

async function tree(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)) + (entry.isDirectory() ? '/' : ''))
    .sort();
}

describe('hard-link mirror', () => {
  it('links every file, follows additions, replacements and removals, and skips files being written', async () => {
    const mirror = new HardLinkMirror();
    await write(path.join(source, 'Recordings', '2026-12-06', 'a.mp3'), 'a');
    await writeFile(path.join(source, 'Recordings', '2026-12-06', '.b.mp3.tmp'), 'half');
    await mirror.sync(source, target);
    expect(await tree(target)).toEqual(['Recordings/', 'Recordings/2026-12-06/', 'Recordings/2026-12-06/a.mp3']);
    const [original, linked] = await Promise.all([
      stat(path.join(source, 'Recordings', '2026-12-06', 'a.mp3')),
      stat(path.join(target, 'Recordings', '2026-12-06', 'a.mp3')),
    ]);
    expect(linked.ino).toBe(original.ino);

    await write(path.join(source, 'Recordings', '2026-12-06', 'a.mp3'), 'a again');
    await mkdir(path.join(source, 'CDRs'));
    await write(path.join(source, 'CDRs', '2026-12-06.csv'), 'rows');
    await mirror.sync(source, target);
    expect(await tree(target)).toEqual([
      'CDRs/',
      'CDRs/2026-12-06.csv',
      'Recordings/',
      'Recordings/2026-12-06/',
      'Recordings/2026-12-06/a.mp3',
    ]);
    expect((await stat(path.join(target, 'Recordings', '2026-12-06', 'a.mp3'))).size).toBe('a again'.length);

    await rm(path.join(source, 'Recordings'), { recursive: true });
    await mirror.sync(source, target);
    expect(await tree(target)).toEqual(['CDRs/', 'CDRs/2026-12-06.csv']);
  });

  it('reads again only folders whose time changed: a file put into an unchanged folder waits for it to change', async () => {
    const mirror = new HardLinkMirror();
    const day = path.join(source, 'Recordings', '2026-12-06');
    await write(path.join(day, 'a.mp3'), 'a');
    const at = new Date('2026-12-06T10:00:00Z');
    await utimes(day, at, at);
    await mirror.sync(source, target);
    // A hard link made by hand and the folder's time put back: as if nothing changed.
    await link(path.join(day, 'a.mp3'), path.join(day, 'b.mp3'));
    await utimes(day, at, at);
    await mirror.sync(source, target);
    expect(await tree(path.join(target, 'Recordings'))).toEqual(['2026-12-06/', '2026-12-06/a.mp3']);
    await write(path.join(day, 'c.mp3'), 'c');
    await mirror.sync(source, target);
    expect(await tree(path.join(target, 'Recordings'))).toEqual([
      '2026-12-06/',
      '2026-12-06/a.mp3',
      '2026-12-06/b.mp3',
      '2026-12-06/c.mp3',
    ]);
  });

  it('composes a home of one folder per unit and removes what is not one of them', async () => {
    const mirror = new HardLinkMirror();
    const home = path.join(root, 'ftp', 'ann');
    await write(path.join(source, 'Recordings', '2026-12-06', 'a.mp3'), 'a');
    await mkdir(path.join(home, 'Old unit'), { recursive: true });
    await writeFile(path.join(home, 'stray.csv'), 'x');
    await mirror.compose(
      home,
      new Map([
        ['Sales', source],
        ['Support', path.join(root, 'units', 'missing')],
      ]),
    );
    expect(await readdir(home)).toEqual(expect.arrayContaining(['Sales', 'Support']));
    expect((await readdir(home)).sort()).toEqual(['Sales', 'Support']);
    expect(await readdir(path.join(home, 'Support'))).toEqual([]);
  });
});
