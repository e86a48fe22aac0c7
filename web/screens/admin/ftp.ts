import type { FtpHomeView } from '../../../server/contract/ftp.ts';
import { m } from '../../../server/contract/messages/messages.js';

/** What an FTP login's home holds, in a sentence. */
export function ftpHomeText(home: FtpHomeView): string {
  if (home.kind === 'center') return m.admin_ftp_home_center();
  if (home.units.length === 0) return m.admin_ftp_home_none();
  const folders = home.units.map(({ unit, folder }) => (unit === folder ? folder : `${folder} (${unit})`));
  return m.admin_ftp_home_units({ folders: folders.join(', ') });
}
