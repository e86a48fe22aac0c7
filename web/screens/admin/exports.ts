import type { ExportFileView } from '../../../server/contract/exports.ts';
import { m } from '../../../server/contract/messages/messages.js';
import { formatNumber } from '../../display/format.ts';
import type { Locale } from '../../../server/contract/locale.ts';
import { getLocale } from '../../../server/contract/messages/runtime.js';

/** A file's link text: what it is and whose (the whole center named in the viewer's language). */
export function fileLabel(file: ExportFileView): string {
  const scope = file.scope === 'center' ? m.admin_exports_whole_center() : file.scopeName;
  return file.kind === 'cdrs' ? m.admin_exports_file_cdrs({ scope }) : m.admin_exports_file_queue_calls({ scope });
}

/** Bytes as people read them, a decimal comma in Polish. */
export function fileSize(bytes: number, locale: Locale = getLocale()): string {
  if (bytes < 1024) return `${formatNumber(bytes, locale)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, locale, 1)} kB`;
  return `${formatNumber(bytes / 1024 / 1024, locale, 1)} MB`;
}

/** Today's UTC date, the default of "Write now". */
export function utcToday(now = Date.now()): string {
  return new Date(now).toISOString().slice(0, 10);
}
