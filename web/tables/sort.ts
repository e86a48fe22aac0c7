/**
 * Column sorting shared by every table on the board: a click on a header sorts by that column ascending, a second
 * click on the same header descending, and so on; a click on another header starts that one ascending.
 */
export type SortDirection = 'asc' | 'desc';

export interface SortState<K extends string> {
  key: K;
  direction: SortDirection;
}

export type SortValue = string | number;

/** A column of a sortable table; numeric columns are right-aligned. */
export interface ColumnSpec<K extends string> {
  key: K;
  label: string;
  numeric?: boolean;
}

export function nextSort<K extends string>(current: SortState<K>, key: K): SortState<K> {
  if (current.key !== key) return { key, direction: 'asc' };
  return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
}

export function ariaSort<K extends string>(current: SortState<K>, key: K): 'ascending' | 'descending' | 'none' {
  if (current.key !== key) return 'none';
  return current.direction === 'asc' ? 'ascending' : 'descending';
}

const text = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * A sorted copy of `rows`. `tieBreak` orders rows whose values are equal, in the same direction every time, so
 * that rows with the same value do not swap places on every update.
 */
export function sortRows<T, K extends string>(
  rows: readonly T[],
  sort: SortState<K>,
  valueOf: (row: T, key: K) => SortValue,
  tieBreak: (row: T) => string,
): T[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  // Each row's keys are worked out once, not once per comparison: a table of 1,000 agents is sorted on every delta.
  const keyed = rows.map((row) => ({ row, value: valueOf(row, sort.key), tie: tieBreak(row) }));
  keyed.sort((a, b) => sign * compare(a.value, b.value) || text.compare(a.tie, b.tie));
  return keyed.map((entry) => entry.row);
}

function compare(a: SortValue, b: SortValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return text.compare(String(a), String(b));
}
