import type { LayoutSort } from '../../server/contract/layout.ts';
import type { ColumnSpec } from '../tables/sort.ts';
import { formatDateTime } from '../display/format.ts';

/** The columns of the layout list; the server sorts by each (GET /api/layouts?sort=…&dir=…). */
export const LAYOUT_LIST_COLUMNS: readonly ColumnSpec<LayoutSort>[] = [
  { key: 'name', label: 'Name' },
  { key: 'columns', label: 'Columns', numeric: true },
  { key: 'widgets', label: 'Widgets', numeric: true },
  { key: 'updatedAt', label: 'Last change' },
];

export function formatChanged(iso: string): string {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? iso : formatDateTime(at);
}
