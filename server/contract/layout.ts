import { z } from 'zod';
import { problem } from './issues.ts';
import { ROLLING_MINUTES, type LayoutSince } from './layout-since.ts';
import { localeField } from './locale.ts';
import { parseWith } from './issues.ts';
import type { Result } from './result.ts';
import { isTimeZone } from './stats.ts';
import { textField } from './text.ts';

/**
 * Layouts: the saved multi-column boards, in the one JSON format used everywhere — the files shipped in `layouts/`,
 * Redis, the REST API, export / import and the `layout:*` socket events. A widget's settings that a file leaves out
 * take their defaults, so a hand-written file names only what it changes. Objects are strict: a misspelt key is an
 * error, not a setting silently ignored.
 */

export const LAYOUT_VERSION = 1;

/** The figures a KPI tile or a queue table column can show; each is defined in docs/metrics.md. */
export const KPI_METRICS = [
  'offered',
  'answered',
  'abandoned',
  'abandonedShort',
  'timedOut',
  'serviceLevelPct',
  'asaSec',
  'maxWaitSec',
  'avgTalkSec',
  'ahtSec',
  'longestWaitingSec',
  'waiting',
  'agentsAvailable',
  'agentsOnCall',
  'agentsPaused',
] as const;

/** Columns of the queue table: the queue's name and any KPI figure. */
export const QUEUE_COLUMNS = ['name', ...KPI_METRICS] as const;
/** Columns of the agent table, as web/widgets/agent-table names them. */
export const AGENT_COLUMNS = [
  'name',
  'state',
  'timeInState',
  'answered',
  'missed',
  'talk',
  'caller',
  'reason',
] as const;
/** Columns of the waiting callers table, as web/widgets/waiting-callers names them. */
export const WAITING_COLUMNS = ['position', 'caller', 'queue', 'wait', 'ringing'] as const;

export const THEMES = ['dark', 'light', 'highContrast'] as const;
export const CHART_KINDS = ['answeredAbandoned', 'serviceLevel', 'agentStates'] as const;
export const CHART_INTERVALS_MIN = [5, 15, 30, 60] as const;
/** date-fns format patterns the clock offers. */
export const CLOCK_FORMATS = ['HH:mm', 'HH:mm:ss', 'h:mm a', 'h:mm:ss a'] as const;
export const TICKER_SPEEDS = ['slow', 'normal', 'fast'] as const;
export const SORT_DIRECTIONS = ['asc', 'desc'] as const;

export const MAX_COLUMNS = 6;
export const MAX_WIDGETS_PER_COLUMN = 40;

/** Ids of layouts and widgets. They appear in URLs, socket room names and download file names: safe characters only. */
export const idSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, problem('id_form'));
const label = textField({ max: 80 });
/** Queue names a widget is limited to; empty means every queue. */
const queues = z
  .array(textField({ max: 80 }))
  .max(200)
  .default([]);
const sortDirection = z.enum(SORT_DIRECTIONS);

/** The figures that are waits: their thresholds may be set in multiples of the queue's service level time. */
export const WAIT_METRICS = [
  'asaSec',
  'maxWaitSec',
  'longestWaitingSec',
] as const satisfies readonly (typeof KPI_METRICS)[number][];
export const THRESHOLD_SCALES = ['value', 'serviceLevelTime'] as const;

const thresholds = z
  .strictObject({
    amber: z.number(),
    red: z.number(),
    /** `above`: higher is worse, amber past (over) `amber` and red past `red`; `below`: lower is worse, the same under. */
    direction: z.enum(['above', 'below']),
    /** `value`: amber and red are figures; `serviceLevelTime`: multiples of the queue's service level time (waits only). */
    scale: z.enum(THRESHOLD_SCALES).default('value'),
  })
  .superRefine((t, ctx) => {
    const worse = t.direction === 'above' ? t.red >= t.amber : t.red <= t.amber;
    if (worse) return;
    ctx.addIssue({
      code: 'custom',
      path: ['red'],
      message: problem(t.direction === 'above' ? 'red_above' : 'red_below', {
        amber: String(t.amber),
        direction: t.direction,
      }),
    });
  });

const kpiSettings = z
  .strictObject({
    metric: z.enum(KPI_METRICS).default('waiting'),
    queues,
    /** null: the tile is never coloured. */
    thresholds: thresholds.nullable().default(null),
    /** Play a sound when the tile turns red. */
    sound: z.boolean().default(false),
  })
  .superRefine((settings, ctx) => {
    if (settings.thresholds?.scale !== 'serviceLevelTime') return;
    if ((WAIT_METRICS as readonly string[]).includes(settings.metric)) return;
    const message = problem('scale_waits', { metric: settings.metric, waits: WAIT_METRICS.join(', ') });
    ctx.addIssue({ code: 'custom', path: ['thresholds', 'scale'], message });
  });

/** A sortable table's settings; the sort is the one the table starts with, a click on a header changes it on screen. */
function tableSettings<const C extends readonly [string, ...string[]]>(
  all: C,
  shown: C[number][],
  sort: { column: C[number]; direction: (typeof SORT_DIRECTIONS)[number] },
) {
  const column = z.enum(all);
  return z
    .strictObject({
      queues,
      columns: z.array(column).min(1).default(shown),
      sort: z.strictObject({ column, direction: sortDirection }).default(sort),
    })
    .superRefine((settings, ctx) => {
      const seen = new Set<string>();
      settings.columns.forEach((name, index) => {
        if (seen.has(name))
          ctx.addIssue({ code: 'custom', path: ['columns', index], message: problem('listed_twice', { name }) });
        seen.add(name);
      });
      if (!seen.has(settings.sort.column)) {
        const message = problem('sort_shown', { columns: settings.columns.join(', ') });
        ctx.addIssue({ code: 'custom', path: ['sort', 'column'], message });
      }
    });
}

const queueTableSettings = tableSettings(
  QUEUE_COLUMNS,
  [
    'name',
    'waiting',
    'longestWaitingSec',
    'offered',
    'answered',
    'abandoned',
    'serviceLevelPct',
    'asaSec',
    'agentsAvailable',
  ],
  { column: 'name', direction: 'asc' },
);
const agentTableSettings = tableSettings(AGENT_COLUMNS, [...AGENT_COLUMNS], { column: 'name', direction: 'asc' });
const waitingCallersSettings = tableSettings(WAITING_COLUMNS, [...WAITING_COLUMNS], {
  column: 'wait',
  direction: 'desc',
});

const agentGridSettings = z.strictObject({ queues });
const abandonedCallersSettings = z.strictObject({ queues });

const chartSettings = z.strictObject({
  kind: z.enum(CHART_KINDS).default('answeredAbandoned'),
  queues,
  /** Width of one bar or point, from "statistics since" to now. */
  intervalMin: z.literal(CHART_INTERVALS_MIN).default(15),
});

const clockSettings = z.strictObject({
  /** An IANA time zone; null shows the screen's own. */
  timeZone: z.string().refine(isTimeZone, problem('time_zone')).nullable().default(null),
  format: z.enum(CLOCK_FORMATS).default('HH:mm:ss'),
});

const tickerSettings = z.strictObject({
  message: textField({ max: 500 }).default('Welcome to the team board'),
  speed: z.enum(TICKER_SPEEDS).default('normal'),
});

/**
 * One widget type: its settings take their defaults when the file leaves them (or some of them) out. Every settings
 * field has a default, which WIDGET_CATALOGUE proves at load by parsing `{}` with each settings schema.
 */
function widget<const T extends string, S extends z.ZodType<object, object>>(type: T, settings: S) {
  return z.strictObject({
    id: idSchema,
    type: z.literal(type),
    title: label.optional(),
    settings: settings.prefault({} as z.input<S>),
  });
}

export const widgetSchema = z.discriminatedUnion('type', [
  widget('kpi', kpiSettings),
  widget('queueTable', queueTableSettings),
  widget('agentTable', agentTableSettings),
  widget('agentGrid', agentGridSettings),
  widget('waitingCallers', waitingCallersSettings),
  widget('abandonedCallers', abandonedCallersSettings),
  widget('chart', chartSettings),
  widget('clock', clockSettings),
  widget('ticker', tickerSettings),
]);

/** "Statistics since": where every counter on the board starts (see layout-since.ts). */
export const sinceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('today') }),
  z.strictObject({ kind: z.literal('shift') }),
  z.strictObject({ kind: z.literal('rolling'), minutes: z.literal(ROLLING_MINUTES) }),
  z.strictObject({ kind: z.literal('custom'), at: z.iso.datetime({ offset: true }) }),
]) satisfies z.ZodType<LayoutSince>;

/**
 * Who sees a layout: its owner only, the users who share a unit with its owner, or everyone. A layout stored before
 * layouts had owners, or shipped, has neither field: it is for everyone and owned by nobody.
 */
export const LAYOUT_SCOPES = ['personal', 'unit', 'all'] as const;
export type LayoutScope = (typeof LAYOUT_SCOPES)[number];

/**
 * The scopes a user may give a layout, the default first: a user bound to units shares within their units at most
 * (`unit`, `personal`), anyone else as widely as they like (`all`, `unit`, `personal`). The server applies it
 * (server/layouts/rights.ts) and tells the browser in `GET /api/session`, which offers these only.
 */
export function layoutScopesFor(boundToUnits: boolean): LayoutScope[] {
  return boundToUnits ? ['unit', 'personal'] : ['all', 'unit', 'personal'];
}

/** What a user edits; the rest of a layout is identity and bookkeeping. */
const content = {
  name: label,
  columns: z.int().min(1).max(MAX_COLUMNS),
  /** One array per column, widgets top to bottom. */
  columnsContent: z.array(z.array(widgetSchema).max(MAX_WIDGETS_PER_COLUMN)).max(MAX_COLUMNS),
  since: sinceSchema.default({ kind: 'today' }),
  theme: z.enum(THEMES).default('dark'),
  /**
   * The language a wall TV showing this layout speaks, whatever its browser asks for (a kiosk link has no account to
   * save one with); absent: the installation's DEFAULT_LOCALE, else the TV's browser's. A person viewing the layout
   * keeps their own language.
   */
  locale: localeField.optional(),
};

type Content = { columns: number; columnsContent: { id: string }[][] };

function checkContent(layout: Content, ctx: z.RefinementCtx): void {
  if (layout.columnsContent.length !== layout.columns) {
    ctx.addIssue({
      code: 'custom',
      path: [],
      message: problem('columns_mismatch', {
        content: String(layout.columnsContent.length),
        columns: String(layout.columns),
      }),
    });
  }
  // Widget ids are unique within a layout: the board and the editor key widgets by them.
  const seen = new Map<string, { widget: string; column: string }>();
  layout.columnsContent.forEach((column, c) =>
    column.forEach((item, i) => {
      const first = seen.get(item.id);
      const message = first && problem('widget_id_taken', { id: item.id, ...first });
      if (message) ctx.addIssue({ code: 'custom', path: ['columnsContent', c, i, 'id'], message });
      else seen.set(item.id, { widget: String(i + 1), column: String(c + 1) });
    }),
  );
}

/**
 * A layout as stored, exported and shipped. On save the server checks `revision` against the stored one (optimistic
 * concurrency) and sets `updatedAt`, `updatedBy` and the next revision itself.
 */
export const layoutSchema = z
  .strictObject({
    version: z.literal(LAYOUT_VERSION, {
      error: (issue) =>
        issue.input === undefined ? undefined : problem('layout_version', { version: String(LAYOUT_VERSION) }),
    }),
    id: idSchema,
    ...content,
    updatedAt: z.iso.datetime({ offset: true }),
    updatedBy: label,
    revision: z.int().min(1),
    /** Set by the server: the user id of the layout's creator (or importer); null for nobody. */
    owner: z.string().max(64).nullable().optional(),
    scope: z.enum(LAYOUT_SCOPES).optional(),
  })
  .superRefine(checkContent);

/** `POST /api/layouts`: a new layout. Without columnsContent its columns start empty. */
export const newLayoutSchema = z
  .strictObject({
    ...content,
    columnsContent: content.columnsContent.optional(),
    scope: z.enum(LAYOUT_SCOPES).optional(),
  })
  .transform(({ columnsContent, ...rest }) => ({
    ...rest,
    columnsContent: columnsContent ?? Array.from({ length: rest.columns }, () => []),
  }))
  .superRefine(checkContent);

export type Layout = z.infer<typeof layoutSchema>;
/** The part of a layout its editor changes. */
export type LayoutContent = Pick<Layout, keyof typeof content>;
/** A layout as a file may spell it: settings and other defaults may be left out. */
export type LayoutFile = z.input<typeof layoutSchema>;
export type NewLayout = z.input<typeof newLayoutSchema>;
export type Widget = z.infer<typeof widgetSchema>;
export type WidgetType = Widget['type'];
export type WidgetSettings<T extends WidgetType> = Extract<Widget, { type: T }>['settings'];
export type { LayoutSince };
export type Theme = (typeof THEMES)[number];
export type KpiMetric = (typeof KPI_METRICS)[number];
export type Thresholds = z.infer<typeof thresholds>;
export type ThresholdScale = (typeof THRESHOLD_SCALES)[number];

/** The widget types in the "+" menu's order, with the settings a new widget starts with. */
export interface WidgetInfo<T extends WidgetType> {
  readonly defaults: WidgetSettings<T>;
}

export const WIDGET_CATALOGUE: { readonly [T in WidgetType]: WidgetInfo<T> } = {
  kpi: { defaults: kpiSettings.parse({}) },
  queueTable: { defaults: queueTableSettings.parse({}) },
  agentTable: { defaults: agentTableSettings.parse({}) },
  agentGrid: { defaults: agentGridSettings.parse({}) },
  waitingCallers: { defaults: waitingCallersSettings.parse({}) },
  abandonedCallers: { defaults: abandonedCallersSettings.parse({}) },
  chart: { defaults: chartSettings.parse({}) },
  clock: { defaults: clockSettings.parse({}) },
  ticker: { defaults: tickerSettings.parse({}) },
};

export const WIDGET_TYPES = Object.keys(WIDGET_CATALOGUE) as WidgetType[];

/** What happened to a layout, for the screens that show the list (Socket.IO `layouts:changed`). */
export interface LayoutListChange {
  id: string;
  change: 'created' | 'saved' | 'deleted';
}

/** A row of the layout list, `GET /api/layouts`. */
export interface LayoutSummary {
  id: string;
  name: string;
  columns: number;
  /** Widgets in all columns. */
  widgets: number;
  updatedAt: string;
  updatedBy: string;
  /** The owner's user id, null for nobody (shipped and older layouts). */
  owner: string | null;
  scope: LayoutScope;
}

/** A row of `GET /api/layouts` as the asker sees it: whether they may save and delete it (server/layouts/rights.ts). */
export interface LayoutRow extends LayoutSummary {
  mayChange: boolean;
}

export const LAYOUT_LIST_SORTS = ['name', 'columns', 'widgets', 'updatedAt'] as const;

/** `GET /api/layouts?sort=…&dir=…`: the list's order, by name ascending unless asked otherwise. */
export const layoutListQuerySchema = z.object({
  sort: z.enum(LAYOUT_LIST_SORTS).default('name'),
  dir: z.enum(SORT_DIRECTIONS).default('asc'),
});

export type LayoutListQuery = z.infer<typeof layoutListQuerySchema>;
export type LayoutSort = LayoutListQuery['sort'];

/** Reads a layout file (or any JSON claiming to be one); the error names each of the first problems in words. */
export function parseLayout(json: unknown): Result<Layout> {
  return parseWith(layoutSchema, json, 'layout');
}
