import type { BoardEntities } from '../../live/board-entities.ts';
import { callerLabel } from '../../display/format.ts';
import { sortRows, type ColumnSpec, type SortState, type SortValue } from '../../tables/sort.ts';
import { m } from '../../../server/contract/messages/messages.js';
import { labelled } from '../../i18n/labelled.ts';

export type WaitingColumn = 'position' | 'caller' | 'queue' | 'wait' | 'ringing';

export const WAITING_COLUMNS: readonly ColumnSpec<WaitingColumn>[] = [
  labelled({ key: 'position', numeric: true }, () => m.widgets_waiting_col_position()),
  labelled({ key: 'caller' }, () => m.widgets_waiting_col_caller()),
  labelled({ key: 'queue' }, () => m.widgets_waiting_col_queue()),
  labelled({ key: 'wait', numeric: true }, () => m.widgets_waiting_col_wait()),
  labelled({ key: 'ringing' }, () => m.widgets_waiting_col_ringing()),
];

/** Longest wait on top: the caller most likely to hang up is the one to see first. */
/** The columns a narrow widget keeps longest, most important first. */
export const WAITING_IMPORTANCE: readonly WaitingColumn[] = ['caller', 'wait', 'queue', 'position', 'ringing'];

export const DEFAULT_WAITING_SORT: SortState<WaitingColumn> = { key: 'wait', direction: 'desc' };

export interface WaitingRow {
  id: string;
  position: number;
  caller: string;
  callerIdNum: string;
  queue: string;
  joinedAt: string;
  /** The queue's service-level time, which the wait is measured against. */
  serviceLevelSec: number;
  /** Whom the queue is ringing for this caller now. */
  ringing: string;
}

/** Callers still waiting in a queue; those already talking to an agent show in the agent table instead. */
export function waitingRows(
  { calls, queues }: BoardEntities,
  sort: SortState<WaitingColumn>,
  only: readonly string[] = [],
): WaitingRow[] {
  const rows: WaitingRow[] = [];
  for (const call of calls.values()) {
    if (call.state !== 'waiting' || (only.length > 0 && !only.includes(call.queue))) continue;
    rows.push({
      id: call.id,
      position: call.position,
      caller: callerLabel(call.callerIdNum, call.callerIdName),
      callerIdNum: call.callerIdNum,
      queue: call.queue,
      joinedAt: call.joinedAt,
      serviceLevelSec: queues.get(call.queue)?.serviceLevelSec ?? 0,
      ringing: call.ringing.join(', '),
    });
  }
  return sortRows(rows, sort, waitingSortValue, (row) => `${row.queue}\u0000${row.position}\u0000${row.id}`);
}

export interface ConnectedRow {
  id: string;
  caller: string;
  callerIdNum: string;
  queue: string;
  /** The agent's queue member interface, and name. */
  agent: string;
  agentName: string;
  /** When the agent answered: the talk time runs from it. */
  answeredAt: string;
}

/** Callers talking to an agent, the longest call first: the calls a supervisor may monitor from this widget. */
export function connectedRows({ calls }: BoardEntities, only: readonly string[] = []): ConnectedRow[] {
  const rows: ConnectedRow[] = [];
  for (const call of calls.values()) {
    if (call.state !== 'connected' || call.agentInterface === null || (only.length > 0 && !only.includes(call.queue)))
      continue;
    rows.push({
      id: call.id,
      caller: callerLabel(call.callerIdNum, call.callerIdName),
      callerIdNum: call.callerIdNum,
      queue: call.queue,
      agent: call.agentInterface,
      agentName: call.agentName ?? call.agentInterface,
      answeredAt: call.answeredAt ?? call.joinedAt,
    });
  }
  return rows.sort((a, b) => Date.parse(a.answeredAt) - Date.parse(b.answeredAt) || a.id.localeCompare(b.id));
}

/**
 * A position counts within its queue, so rows of several queues show 1, 1, 2, 3…: unless the queue column says which
 * queue each is in, each position names its queue.
 */
export function positionLabels(rows: readonly WaitingRow[], queueShown: boolean): Map<string, string> {
  const mixed = !queueShown && new Set(rows.map((row) => row.queue)).size > 1;
  return new Map(rows.map((row) => [row.id, mixed ? `${row.position} in ${row.queue}` : String(row.position)]));
}

/** Wait sorts by when the caller joined (earliest is the longest wait), so rows do not move as the seconds tick. */
function waitingSortValue(row: WaitingRow, key: WaitingColumn): SortValue {
  switch (key) {
    case 'position':
      return row.position;
    case 'caller':
      return row.caller;
    case 'queue':
      return row.queue;
    case 'wait':
      return -Date.parse(row.joinedAt);
    case 'ringing':
      return row.ringing;
  }
}
