import type { FtpHomeView } from '../../../server/contract/ftp.ts';

/** What an FTP login's home holds, in a sentence. */
export function ftpHomeText(home: FtpHomeView): string {
  if (home.kind === 'center') return 'The whole call center: the folders CDRs, QueueCalls and Recordings.';
  if (home.units.length === 0) return 'Nothing yet: you administer no unit.';
  const folders = home.units.map(({ unit, folder }) => (unit === folder ? folder : `${folder} (${unit})`));
  return `Your units only, one folder each: ${folders.join(', ')}; each holds CDRs, QueueCalls and Recordings.`;
}
