import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The folders of the files layout this part reads (FILES_DIR): `center/` holds the whole center's reports and
 * recordings, `units/<unit id>/` one unit's, and `ftp/<FTP user>/` the home of a unit administrator's FTP login.
 */
export const centerDir = (filesDir: string): string => path.join(filesDir, 'center');
export const unitDir = (filesDir: string, unitId: string): string => path.join(filesDir, 'units', unitId);
export const homesDir = (filesDir: string): string => path.join(filesDir, 'ftp');

/**
 * Writes a file as a temporary file in the same folder, then renames it into place, so that a reader (ProFTPD
 * looking up a login) never sees half of it. Nothing is written when the file holds `text` already. True when written.
 */
export async function writeAtomically(file: string, text: string, mode: number): Promise<boolean> {
  const current = await readFile(file, 'utf8').catch(() => null);
  if (current === text) return false;
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}`);
  try {
    await writeFile(temporary, text, { mode });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return true;
}
