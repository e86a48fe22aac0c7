import {
  AGENT_COLUMNS as AGENT_COLUMN_KEYS,
  QUEUE_COLUMNS,
  WAITING_COLUMNS as WAITING_COLUMN_KEYS,
  type Widget,
} from '../../../server/contract/layout.ts';
import { AGENT_COLUMNS } from '../../widgets/agent-table/agent-table.ts';
import { queueColumnSpec } from '../../widgets/queue-table/queue-table.ts';
import { WAITING_COLUMNS } from '../../widgets/waiting-callers/waiting-callers.ts';
import { WIDGET_KINDS } from './widget-kinds.ts';

/** Labels the settings form shows for the columns a table widget can have. */
export function tableColumnChoices(
  type: 'queueTable' | 'agentTable' | 'waitingCallers',
): { key: string; label: string }[] {
  switch (type) {
    case 'queueTable':
      return QUEUE_COLUMNS.map((key) => ({ key, label: queueColumnSpec(key).label }));
    case 'agentTable':
      return AGENT_COLUMN_KEYS.map((key) => ({ key, label: AGENT_COLUMNS.find((c) => c.key === key)?.label ?? key }));
    case 'waitingCallers':
      return WAITING_COLUMN_KEYS.map((key) => ({
        key,
        label: WAITING_COLUMNS.find((c) => c.key === key)?.label ?? key,
      }));
  }
}

/** A column toggled on or off, kept in the catalogue's order; the sort moves to the first column if its own went. */
export function toggleColumn<C extends string>(
  all: readonly C[],
  shown: readonly C[],
  column: C,
  on: boolean,
  sort: { column: C; direction: 'asc' | 'desc' },
): { columns: C[]; sort: { column: C; direction: 'asc' | 'desc' } } {
  const next = all.filter((key) => (key === column ? on : shown.includes(key)));
  const columns = next.length > 0 ? next : [...shown];
  return { columns, sort: columns.includes(sort.column) ? sort : { column: columns[0]!, direction: sort.direction } };
}

/** What a widget is called in the editor: the title its author typed, or its kind in the viewer's language. */
export function widgetName(widget: Widget): string {
  return widget.title ?? WIDGET_KINDS[widget.type].label();
}

/** Every IANA time zone the browser knows, for the clock's zone field. */
export function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}
