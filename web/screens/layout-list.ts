import type { LayoutScope, LayoutSort } from '../../server/contract/layout.ts';
import { m } from '../../server/contract/messages/messages.js';
import type { ColumnSpec } from '../tables/sort.ts';
import { formatDateTime } from '../display/format.ts';
import { labelled } from '../i18n/labelled.ts';

/** The columns of the layout list; the server sorts by each (GET /api/layouts?sort=…&dir=…). */
export const LAYOUT_LIST_COLUMNS: readonly ColumnSpec<LayoutSort>[] = [
  labelled({ key: 'name' }, () => m.editor_list_col_name()),
  labelled({ key: 'columns', numeric: true }, () => m.editor_list_col_columns()),
  labelled({ key: 'widgets', numeric: true }, () => m.editor_list_col_widgets()),
  labelled({ key: 'updatedAt' }, () => m.editor_list_col_changed()),
];

/** Who a layout is shared with, in the list and in the editor, in the viewer's language. */
export const SCOPE_LABELS: Record<LayoutScope, () => string> = {
  personal: m.editor_scope_personal,
  unit: m.editor_scope_unit,
  all: m.editor_scope_all,
};

export function formatChanged(iso: string): string {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? iso : formatDateTime(at);
}
