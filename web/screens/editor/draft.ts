import {
  MAX_COLUMNS,
  MAX_WIDGETS_PER_COLUMN,
  newLayoutSchema,
  WIDGET_CATALOGUE,
  type KpiMetric,
  type Layout,
  type LayoutContent,
  type Widget,
  type WidgetSettings,
  type WidgetType,
} from '../../../server/contract/layout.ts';
import { parseWith } from '../../../server/contract/issues.ts';
import type { Locale } from '../../../server/contract/locale.ts';
import { getLocale } from '../../../server/contract/messages/runtime.js';
import type { Result } from '../../../server/contract/result.ts';
import { startingThresholds } from '../../../server/contract/thresholds.ts';

/**
 * The layout editor's model: what the user is building, changed only through these functions, each returning a new
 * draft. Nothing here ever drops a widget the user did not remove: fewer columns move their widgets to the last one.
 */
export type Draft = LayoutContent;

export function emptyDraft(): Draft {
  return { name: '', columns: 3, columnsContent: [[], [], []], since: { kind: 'today' }, theme: 'dark' };
}

export function draftOf(layout: Layout): Draft {
  const { name, columns, columnsContent, since, theme, locale } = layout;
  return structuredClone({ name, columns, columnsContent, since, theme, ...(locale && { locale }) });
}

/** The language of the layout on wall TVs; null: none of its own (the field is left out, as a file would). */
export function setLocale(draft: Draft, locale: Locale | null): Draft {
  const { locale: _dropped, ...rest } = draft;
  return locale ? { ...rest, locale } : rest;
}

export function setColumns(draft: Draft, columns: number): Draft {
  const count = Math.min(MAX_COLUMNS, Math.max(1, Math.round(columns)));
  const content = draft.columnsContent.slice(0, count).map((column) => [...column]);
  while (content.length < count) content.push([]);
  const moved = draft.columnsContent.slice(count).flat();
  content[count - 1] = [...(content[count - 1] ?? []), ...moved];
  return { ...draft, columns: count, columnsContent: content };
}

const ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** A widget id unique in the draft, e.g. `kpi-7fq2m`. */
export function newWidgetId(type: WidgetType, draft: Draft, random: () => number = Math.random): string {
  const taken = new Set(draft.columnsContent.flat().map((widget) => widget.id));
  for (;;) {
    let suffix = '';
    for (let i = 0; i < 5; i++) suffix += ID_ALPHABET[Math.floor(random() * ID_ALPHABET.length)];
    const id = `${type}-${suffix}`;
    if (!taken.has(id)) return id;
  }
}

/** A widget as "+" adds it: its type's default settings, and a KPI tile coloured as its figure is by default. */
export function newWidget(type: WidgetType, id: string): Widget {
  const widget = { id, type, settings: structuredClone(WIDGET_CATALOGUE[type].defaults) } as Widget;
  return widget.type === 'kpi'
    ? { ...widget, settings: kpiWithMetric(widget.settings, widget.settings.metric) }
    : widget;
}

/** A KPI tile showing another figure: its colours start again from that figure's defaults (or none). */
export function kpiWithMetric(settings: WidgetSettings<'kpi'>, metric: KpiMetric): WidgetSettings<'kpi'> {
  return { ...settings, metric, thresholds: startingThresholds(metric) };
}

/** Adds a widget at the bottom of a column; a full column refuses (the schema's limit). */
export function addWidget(draft: Draft, column: number, widget: Widget): Draft {
  const content = draft.columnsContent.map((items, c) =>
    c === column && items.length < MAX_WIDGETS_PER_COLUMN ? [...items, widget] : items,
  );
  return { ...draft, columnsContent: content };
}

export function removeWidget(draft: Draft, id: string): Draft {
  return { ...draft, columnsContent: draft.columnsContent.map((items) => items.filter((widget) => widget.id !== id)) };
}

export function replaceWidget(draft: Draft, widget: Widget): Draft {
  return {
    ...draft,
    columnsContent: draft.columnsContent.map((items) => items.map((item) => (item.id === widget.id ? widget : item))),
  };
}

export function findWidget(draft: Draft, id: string): { column: number; index: number } | null {
  for (let column = 0; column < draft.columnsContent.length; column++) {
    const index = draft.columnsContent[column]!.findIndex((widget) => widget.id === id);
    if (index >= 0) return { column, index };
  }
  return null;
}

/** Moves a widget to a column and a place in it (clamped); a full column refuses. */
export function moveWidgetTo(draft: Draft, id: string, column: number, index: number): Draft {
  const from = findWidget(draft, id);
  if (!from || column < 0 || column >= draft.columns) return draft;
  const widget = draft.columnsContent[from.column]![from.index]!;
  const target = draft.columnsContent[column]!;
  if (column !== from.column && target.length >= MAX_WIDGETS_PER_COLUMN) return draft;
  const content = draft.columnsContent.map((items) => items.filter((item) => item.id !== id));
  const list = content[column]!;
  list.splice(Math.max(0, Math.min(index, list.length)), 0, widget);
  return { ...draft, columnsContent: content };
}

export type Direction = 'up' | 'down' | 'left' | 'right';

/** One step: up or down within its column, or to the same height of the next column left or right. */
export function moveWidget(draft: Draft, id: string, direction: Direction): Draft {
  const from = findWidget(draft, id);
  if (!from) return draft;
  switch (direction) {
    case 'up':
      return from.index === 0 ? draft : moveWidgetTo(draft, id, from.column, from.index - 1);
    case 'down':
      return moveWidgetTo(draft, id, from.column, from.index + 1);
    case 'left':
      return moveWidgetTo(draft, id, from.column - 1, from.index);
    case 'right':
      return moveWidgetTo(draft, id, from.column + 1, from.index);
  }
}

/** Which moves make sense for a widget where it is now, so that the editor disables the others. */
export function possibleMoves(draft: Draft, id: string): Record<Direction, boolean> {
  const at = findWidget(draft, id);
  if (!at) return { up: false, down: false, left: false, right: false };
  return {
    up: at.index > 0,
    down: at.index < draft.columnsContent[at.column]!.length - 1,
    left: at.column > 0,
    right: at.column < draft.columns - 1,
  };
}

/** The draft as the server would take it, or the message naming what is wrong where (in the tab's language). */
export function checkDraft(draft: Draft): Result<Draft> {
  const parsed = parseWith(newLayoutSchema, draft, 'layout', getLocale());
  return parsed.ok ? { ok: true, data: parsed.data } : parsed;
}

export function sameContent(a: Draft, b: Draft): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
