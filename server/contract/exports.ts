import { z } from 'zod';
import { problem } from './issues.ts';

/** One rate of the uploaded table: numbers starting with `prefix` cost `perMinute` (a decimal as written). */
export interface RateRow {
  readonly prefix: string;
  readonly destination: string;
  readonly perMinute: string;
}

/** `GET /api/exports/rates`. */
export interface RateTableView {
  readonly rates: readonly RateRow[];
  readonly updatedAt: string | null;
}

/** `PUT /api/exports/rates`: the CSV as uploaded. */
export const rateTableBody = z.strictObject({
  csv: z
    .string({ error: (issue) => (issue.code === 'invalid_type' ? problem('rate_table') : undefined) })
    .max(10_000_000),
});

/** One file of a written day, for a scope (the center or a unit) the asker may take. */
export interface ExportFileView {
  /** `center` or a unit id. */
  readonly scope: string;
  readonly scopeName: string;
  readonly kind: 'cdrs' | 'queueCalls';
  readonly name: string;
  readonly bytes: number;
  /** Where to download it over HTTP. */
  readonly url: string;
}

export interface ExportDayView {
  readonly day: string;
  readonly writtenAt: string | null;
  /** Whether the day was over when it was written (a day written "so far" is written again after it ends). */
  readonly complete: boolean;
  readonly files: readonly ExportFileView[];
}

/** `GET /api/exports`: the written days, newest first, with the files the asker may download. */
export interface ExportListView {
  readonly days: readonly ExportDayView[];
  /** Whether the asker may upload the rate table (the Owner and administrators of the whole center). */
  readonly mayEditRates: boolean;
}

/** A UTC day in the path of `/api/exports/:day`. */
export const exportDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, problem('day_form'))
  .refine(
    (day) =>
      !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day),
    problem('day_missing'),
  );
