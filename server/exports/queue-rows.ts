import type { QueueCallRecord } from '../domain/facts.ts';
import { amount, isoTime } from '../domain/readout.ts';
import type { Cell } from './csv.ts';

/**
 * The two files of the queue call report (PRODUCT.md 6), from Tablica's own queue call records: one row per queue call
 * (`queue_call`), and one per point the call was connected to, each agent rung in order (`queue_user_call`). Both have
 * the same 17 columns; docs/exports.md gives each one's source.
 */
export const QUEUE_CALL_COLUMNS = [
  'id',
  'user_id',
  'location_id',
  'call_id',
  'queue_id',
  'ddi',
  'cli',
  'callers',
  'agents',
  'start_time',
  'hold_time',
  'ring_time',
  'conn_time',
  'final_dst_type',
  'final_dst_id',
  'disposition',
  't_cause',
] as const;

/** `00` … `59`: the two digits of an hour, a minute or a second. */
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));
const DAY_MS = 86_400_000;
let shownDay = Number.NaN;
let shownDayText = '';

/**
 * An instant as the reports show it: UTC ISO 8601 to the second (`2026-11-28T06:10:26Z`), as queue_log and the CDRs
 * keep them. A day writes some 500,000 of them, mostly of one date: the date's text is kept and the time of day is
 * put together from digits; an instant before 1970 or beyond a Date's range goes the slow way.
 */
export function reportTime(ms: number): string {
  if (!(ms >= 0 && ms < 8.64e15)) return `${isoTime(ms).slice(0, 19)}Z`;
  const day = Math.floor(ms / DAY_MS);
  if (day !== shownDay) {
    shownDay = day;
    shownDayText = new Date(day * DAY_MS).toISOString().slice(0, 11);
  }
  const second = Math.floor((ms - day * DAY_MS) / 1000);
  const hour = Math.floor(second / 3600);
  const minute = Math.floor((second % 3600) / 60);
  return `${shownDayText}${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[second % 60]}Z`;
}

/** Whole seconds of a stored duration, none when there is none (or it is not a duration: see amount). */
function seconds(value: number | null): number {
  return value === null ? 0 : Math.round(amount(value));
}

/** A call's row id: its call id and queue, as a call sent on to another queue has a record in each. */
function rowId(call: QueueCallRecord): string {
  return `${call.id}@${call.queue}`;
}

/** Agents in the queue: its logged-in members when the caller joined; empty when Tablica did not see the join. */
function agentsInQueue(call: QueueCallRecord): Cell {
  return typeof call.members === 'number' ? call.members : '';
}

/**
 * A row in QUEUE_CALL_COLUMNS order, from the cells that differ between rows; the cells every row of one call shares
 * come from `call`. Built as one array: a day writes some 300,000 of them.
 */
function row(
  call: QueueCallRecord,
  location: string,
  own: {
    id: string;
    userId: string;
    startTime: string;
    hold: number;
    ring: number;
    conn: number;
    finalType: string;
    finalId: string;
    disposition: Cell;
    cause: string;
  },
): Cell[] {
  return [
    own.id,
    own.userId,
    location,
    call.id,
    call.queue,
    call.dialled,
    call.callerIdNum,
    call.position,
    agentsInQueue(call),
    own.startTime,
    own.hold,
    own.ring,
    own.conn,
    own.finalType,
    own.finalId,
    own.disposition,
    own.cause,
  ];
}

/** The `queue_call` row of a call. */
export function queueCallRow(call: QueueCallRecord, location: string): Cell[] {
  const answeredAt = call.attempts.findIndex((attempt) => attempt.result === 'answered');
  const answering = answeredAt < 0 ? undefined : call.attempts[answeredAt];
  const connected = call.outcome === 'answered' && call.agent !== null;
  return row(call, location, {
    id: rowId(call),
    userId: call.agent ?? '',
    startTime: reportTime(call.joinedAt),
    hold: seconds(call.waitSec),
    ring: seconds(answering?.ringSec ?? null),
    conn: seconds(call.talkSec),
    finalType: connected ? 'U' : '',
    finalId: connected ? (call.agent ?? '') : '',
    disposition: answeredAt < 0 ? '' : answeredAt + 1,
    cause: call.outcome === 'answered' ? 'C' : 'H',
  });
}

/** The `queue_user_call` rows of a call: each agent it rang, in order. */
export function queueUserCallRows(call: QueueCallRecord, location: string): Cell[][] {
  return call.attempts.map((attempt, index) => {
    const answered = attempt.result === 'answered';
    return row(call, location, {
      id: `${rowId(call)}#${index + 1}`,
      userId: attempt.agent,
      startTime: reportTime(attempt.startedAt),
      hold: seconds((attempt.startedAt - call.joinedAt) / 1000),
      ring: seconds(attempt.ringSec),
      conn: answered ? seconds(call.talkSec) : 0,
      finalType: 'U',
      finalId: attempt.agent,
      disposition: index + 1,
      cause: answered ? 'C' : 'H',
    });
  });
}
