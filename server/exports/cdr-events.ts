import { TZDate } from '@date-fns/tz';
import { text } from '../domain/field-reads.ts';
import type { AmiFields } from '../domain/input.ts';

/**
 * The AMI `Cdr` event of cdr_manager: the same record, field for field and in the same order, as cdr_csv's Master.csv
 * line (trace 17). Kept as Asterisk sent it; what the reports make of it is decided when a day is written.
 */
export const CDR_FIELDS = [
  'AccountCode',
  'Source',
  'Destination',
  'DestinationContext',
  'CallerID',
  'Channel',
  'DestinationChannel',
  'LastApplication',
  'LastData',
  'StartTime',
  'AnswerTime',
  'EndTime',
  'Duration',
  'BillableSeconds',
  'Disposition',
  'AMAFlags',
  'UniqueID',
  'UserField',
] as const;
export type CdrField = (typeof CDR_FIELDS)[number];

/** One CDR: the values in CDR_FIELDS order. */
export type CdrValues = readonly string[];

export interface Cdr {
  readonly uniqueId: string;
  /** Epoch ms of StartTime, read in the PBX's time zone. */
  readonly startMs: number;
  readonly values: CdrValues;
}

const MAX_TEXT = 256;
const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

const FIELD_INDEX = Object.fromEntries(CDR_FIELDS.map((field, index) => [field, index])) as Record<CdrField, number>;

export function cdrValue(values: CdrValues, field: CdrField): string {
  return values[FIELD_INDEX[field]] ?? '';
}

const offsets = new Map<string, number>();

/** cdr_manager's `YYYY-MM-DD HH:MM:SS` in the PBX's local time → epoch ms; null when empty or malformed. */
export function cdrTime(value: string, timeZone: string): number | null {
  const match = LOCAL_TIME.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  if (timeZone === 'UTC') return Number.isFinite(asUtc) ? asUtc : null;
  // A zone's offset changes at most a few times a year: one lookup per zone and local hour serves a whole day.
  const hourKey = `${timeZone} ${value.slice(0, 13)}`;
  let offset = offsets.get(hourKey);
  if (offset === undefined) {
    offset = asUtc - new TZDate(year, month - 1, day, hour, minute, second, timeZone).getTime();
    if (offsets.size > 10_000) offsets.clear();
    offsets.set(hourKey, offset);
  }
  const at = asUtc - offset;
  return Number.isFinite(at) ? at : null;
}

/** The creation time Asterisk put in a UniqueID (`[systemname-]<epoch s>.<n>`), in ms; null if it holds none. */
export function uniqueIdTime(uniqueId: string): number | null {
  const match = /(\d{9,})\.\d+$/.exec(uniqueId);
  return match ? Number(match[1]) * 1000 : null;
}

/** A `Cdr` event as kept, or null when it is none or unusable (no UniqueID, no start, an absurdly long value). */
export function readCdr(fields: AmiFields, timeZone: string): Cdr | null {
  if (text(fields, 'event') !== 'Cdr') return null;
  const values = CDR_FIELDS.map((field) => text(fields, field.toLowerCase()));
  if (values.some((value) => value.length > MAX_TEXT)) return null;
  const uniqueId = cdrValue(values, 'UniqueID');
  const startMs = cdrTime(cdrValue(values, 'StartTime'), timeZone);
  if (!uniqueId || startMs === null) return null;
  return { uniqueId, startMs, values };
}

/** A `Hangup` event's cause as the reports show it (`16 Normal Clearing`), with the channel it ended. */
export function readHangup(fields: AmiFields): { uniqueId: string; cause: string } | null {
  if (text(fields, 'event') !== 'Hangup') return null;
  const uniqueId = text(fields, 'uniqueid');
  const cause = `${text(fields, 'cause')} ${text(fields, 'cause-txt')}`.trim();
  if (!uniqueId || !cause || uniqueId.length > MAX_TEXT || cause.length > MAX_TEXT) return null;
  return { uniqueId, cause };
}
