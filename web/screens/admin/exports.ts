import type { ExportFileView } from '../../../server/contract/exports.ts';

/** A file's link text: what it is and whose. */
export function fileLabel(file: ExportFileView): string {
  return `${file.kind === 'cdrs' ? 'CDRs' : 'Queue calls'} (${file.scopeName})`;
}

/** Bytes as people read them. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Today's UTC date, the default of "Write now". */
export function utcToday(now = Date.now()): string {
  return new Date(now).toISOString().slice(0, 10);
}
