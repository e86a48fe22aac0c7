import type { LayoutScope, LayoutSort } from '../../server/contract/layout.ts';
import type { ColumnSpec } from '../tables/sort.ts';
import { formatDateTime } from '../display/format.ts';

/** The columns of the layout list; the server sorts by each (GET /api/layouts?sort=…&dir=…). */
export const LAYOUT_LIST_COLUMNS: readonly ColumnSpec<LayoutSort>[] = [
  { key: 'name', label: 'Name' },
  { key: 'columns', label: 'Columns', numeric: true },
  { key: 'widgets', label: 'Widgets', numeric: true },
  { key: 'updatedAt', label: 'Last change' },
];

/** Who a layout is shared with, in the list and in the editor. */
export const SCOPE_LABELS: Record<LayoutScope, string> = {
  personal: 'Its owner only',
  unit: 'Its owner’s units',
  all: 'Everyone',
};

export function formatChanged(iso: string): string {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? iso : formatDateTime(at);
}
