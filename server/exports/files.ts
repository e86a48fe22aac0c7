import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ExportDayView, ExportFileView } from '../contract/exports.ts';
import { categoryDir, cdrFile, dayOfName, queueCallsFile, type FileScope } from '../files/paths.ts';
import type { WrittenDay } from './exporter.ts';

/** A scope an asker may take files of, with the name the screen shows. */
export interface NamedScope {
  readonly scope: FileScope;
  readonly id: string;
  readonly name: string;
}

export type ReportKind = ExportFileView['kind'];

/** The file of a day's report of a kind, for a scope. */
export function reportFile(root: string, scope: FileScope, kind: ReportKind, day: string): string {
  return kind === 'cdrs' ? cdrFile(root, scope, day) : queueCallsFile(root, scope, day);
}

async function sizeOf(file: string): Promise<number | null> {
  try {
    return (await stat(file)).size;
  } catch {
    return null;
  }
}

async function names(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => !name.startsWith('.'));
  } catch {
    return [];
  }
}

/** The days on disk for these scopes, newest first, each with its files and when it was last written in full. */
export async function listDays(
  root: string,
  scopes: readonly NamedScope[],
  written: ReadonlyMap<string, WrittenDay>,
): Promise<ExportDayView[]> {
  const days = new Set<string>();
  for (const { scope } of scopes) {
    for (const category of ['CDRs', 'QueueCalls'] as const) {
      for (const name of await names(categoryDir(root, scope, category))) {
        const day = dayOfName(name);
        if (day) days.add(day);
      }
    }
  }
  const views: ExportDayView[] = [];
  for (const day of [...days].sort().reverse()) {
    const files: ExportFileView[] = [];
    for (const { scope, id, name: scopeName } of scopes) {
      for (const kind of ['cdrs', 'queueCalls'] as const) {
        const file = reportFile(root, scope, kind, day);
        const bytes = await sizeOf(file);
        if (bytes === null) continue;
        const slug = kind === 'cdrs' ? 'cdrs' : 'queue-calls';
        files.push({
          scope: id,
          scopeName,
          kind,
          name: path.basename(file),
          bytes,
          url: `/api/exports/${day}/${encodeURIComponent(id)}/${slug}`,
        });
      }
    }
    const entry = written.get(day);
    views.push({
      day,
      writtenAt: entry ? new Date(entry.writtenAt).toISOString() : null,
      complete: entry?.complete ?? false,
      files,
    });
  }
  return views;
}
