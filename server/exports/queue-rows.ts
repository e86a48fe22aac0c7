import type { CallRecordView } from '../contract/stats.ts';
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

/** Times in the reports: UTC ISO 8601 to the second, as queue_log and the CDRs keep them. */
export function reportTime(iso: string): string {
  return `${iso.slice(0, 19)}Z`;
}

function seconds(value: number | null): number {
  return value === null ? 0 : Math.round(value);
}

/** A call's row id: its call id and queue, as a call sent on to another queue has a record in each. */
function rowId(call: CallRecordView): string {
  return `${call.id}@${call.queue}`;
}

/** The columns every row of one call shares. */
function common(
  call: CallRecordView,
  location: string,
): Pick<
  Record<(typeof QUEUE_CALL_COLUMNS)[number], Cell>,
  'location_id' | 'call_id' | 'queue_id' | 'ddi' | 'cli' | 'callers' | 'agents'
> {
  return {
    location_id: location,
    call_id: call.id,
    queue_id: call.queue,
    ddi: call.dialled,
    cli: call.callerIdNum,
    callers: call.position,
    agents: new Set(call.attempts.map((attempt) => attempt.agent)).size,
  };
}

function ordered(row: Record<(typeof QUEUE_CALL_COLUMNS)[number], Cell>): Cell[] {
  return QUEUE_CALL_COLUMNS.map((column) => row[column]);
}

/** The `queue_call` row of a call. */
export function queueCallRow(call: CallRecordView, location: string): Cell[] {
  const answeredAt = call.attempts.findIndex((attempt) => attempt.result === 'answered');
  const answering = answeredAt < 0 ? undefined : call.attempts[answeredAt];
  const connected = call.outcome === 'answered' && call.agent !== null;
  return ordered({
    id: rowId(call),
    user_id: call.agent ?? '',
    ...common(call, location),
    start_time: reportTime(call.joinedAt),
    hold_time: seconds(call.waitSec),
    ring_time: seconds(answering?.ringSec ?? null),
    conn_time: seconds(call.talkSec),
    final_dst_type: connected ? 'U' : '',
    final_dst_id: connected ? (call.agent ?? '') : '',
    disposition: answeredAt < 0 ? '' : answeredAt + 1,
    t_cause: call.outcome === 'answered' ? 'C' : 'H',
  });
}

/** The `queue_user_call` rows of a call: each agent it rang, in order. */
export function queueUserCallRows(call: CallRecordView, location: string): Cell[][] {
  const joined = Date.parse(call.joinedAt);
  return call.attempts.map((attempt, index) => {
    const answered = attempt.result === 'answered';
    return ordered({
      id: `${rowId(call)}#${index + 1}`,
      user_id: attempt.agent,
      ...common(call, location),
      start_time: reportTime(attempt.startedAt),
      hold_time: seconds(Math.max(0, (Date.parse(attempt.startedAt) - joined) / 1000)),
      ring_time: seconds(attempt.ringSec),
      conn_time: answered ? seconds(call.talkSec) : 0,
      final_dst_type: 'U',
      final_dst_id: attempt.agent,
      disposition: index + 1,
      t_cause: answered ? 'C' : 'H',
    });
  });
}
