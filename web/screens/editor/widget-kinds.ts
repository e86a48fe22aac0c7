import type { WidgetType } from '../../../server/contract/layout.ts';
import { m } from '../../../server/contract/messages/messages.js';

/** What the "+" menu and a widget's card call each widget type, and what the menu says it shows. */
export const WIDGET_KINDS: { readonly [T in WidgetType]: { label: () => string; description: () => string } } = {
  kpi: { label: m.editor_kind_kpi, description: m.editor_kind_kpi_about },
  queueTable: { label: m.editor_kind_queue_table, description: m.editor_kind_queue_table_about },
  agentTable: { label: m.editor_kind_agent_table, description: m.editor_kind_agent_table_about },
  agentGrid: { label: m.editor_kind_agent_grid, description: m.editor_kind_agent_grid_about },
  waitingCallers: { label: m.editor_kind_waiting_callers, description: m.editor_kind_waiting_callers_about },
  abandonedCallers: { label: m.editor_kind_abandoned_callers, description: m.editor_kind_abandoned_callers_about },
  chart: { label: m.editor_kind_chart, description: m.editor_kind_chart_about },
  clock: { label: m.editor_kind_clock, description: m.editor_kind_clock_about },
  ticker: { label: m.editor_kind_ticker, description: m.editor_kind_ticker_about },
};
