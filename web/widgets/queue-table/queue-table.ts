import type { QUEUE_COLUMNS } from '../../../server/contract/layout.ts';
import type { StatsResponse } from '../../../server/contract/stats.ts';
import type { BoardEntities } from '../../live/board-entities.ts';
import { figuresOf, inQueues, METRIC_INFO, serviceLevelSecOf, type Figures } from '../../display/figures.ts';
import { defaultLevel, type Level } from '../../display/levels.ts';
import { sortRows, type ColumnSpec, type SortState, type SortValue } from '../../tables/sort.ts';
import { m } from '../../../server/contract/messages/messages.js';

export type QueueColumn = (typeof QUEUE_COLUMNS)[number];

export interface QueueRow {
  name: string;
  figures: Figures;
  /** The service level time its waits are judged by (null: none, or no statistics yet). */
  serviceLevelSec: number | null;
}

/** The columns coloured by each figure's default thresholds, as a KPI tile of the same figure is. */
const COLOURED: readonly QueueColumn[] = ['serviceLevelPct', 'longestWaitingSec'];

/** A cell's level: its figure against the figure's default thresholds; null for a column that is not coloured. */
export function cellLevel(row: QueueRow, column: QueueColumn): Level | null {
  if (column === 'name' || !COLOURED.includes(column)) return null;
  return defaultLevel(column, row.figures[column], row.serviceLevelSec);
}

/** The columns a narrow widget keeps longest, most important first. */
export const QUEUE_IMPORTANCE: readonly QueueColumn[] = [
  'name',
  'waiting',
  'longestWaitingSec',
  'serviceLevelPct',
  'answered',
  'abandoned',
  'agentsAvailable',
  'offered',
  'asaSec',
  'agentsOnCall',
  'agentsPaused',
  'maxWaitSec',
  'avgTalkSec',
  'ahtSec',
  'abandonedShort',
  'timedOut',
];

export function queueColumnSpec(key: QueueColumn): ColumnSpec<QueueColumn> {
  return key === 'name'
    ? { key, label: m.widgets_queues_col_name() }
    : { key, label: METRIC_INFO[key].label, numeric: true };
}

/**
 * One row per queue the widget covers: every queue the board or the statistics know of, each with its own figures.
 * A figure not known yet ("—") sorts below every number.
 */
export function queueRows(
  queues: readonly string[],
  entities: BoardEntities | null,
  stats: StatsResponse | null,
  now: number,
  sort: SortState<QueueColumn>,
): QueueRow[] {
  const names = new Set<string>();
  for (const name of entities?.queues.keys() ?? []) names.add(name);
  for (const queue of stats?.queues ?? []) names.add(queue.name);
  const rows = [...names]
    .filter((name) => inQueues(queues, name))
    .map((name) => ({
      name,
      figures: figuresOf([name], entities, stats, now),
      serviceLevelSec: serviceLevelSecOf([name], stats),
    }));
  return sortRows(rows, sort, queueSortValue, (row) => row.name);
}

function queueSortValue(row: QueueRow, key: QueueColumn): SortValue {
  if (key === 'name') return row.name;
  return row.figures[key] ?? Number.NEGATIVE_INFINITY;
}
