import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  newLayoutSchema,
  parseLayout,
  sinceSchema,
  widgetSchema,
  WIDGET_CATALOGUE,
  WIDGET_TYPES,
  type Layout,
  type LayoutFile,
} from '../../server/contract/layout.ts';
import { parseWith } from '../../server/contract/issues.ts';
import { sinceQuery, type LayoutSince } from '../../server/contract/layout-since.ts';
import { readShippedLayouts, SHIPPED_LAYOUTS_DIR } from '../../server/layouts/shipped.ts';

/** A valid layout file with one widget per column; tests change one thing at a time, to anything. */
function file(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: 1,
    id: 'test',
    name: 'Test',
    columns: 2,
    columnsContent: [[{ id: 'a', type: 'kpi' }], [{ id: 'b', type: 'clock' }]],
    updatedAt: '2026-11-01T08:00:00+01:00',
    updatedBy: 'alice',
    revision: 3,
    ...overrides,
  };
}

function errorOf(input: unknown): string {
  const parsed = parseLayout(input);
  if (parsed.ok) throw new Error('expected the layout to be refused');
  return parsed.error;
}

describe('shipped layouts', () => {
  it('every file in layouts/ is a valid layout, with a distinct id, named after its file', async () => {
    const files = (await readdir(SHIPPED_LAYOUTS_DIR)).filter((name) => name.endsWith('.json')).sort();
    expect(files).toEqual(['agent-grid.json', 'overview.json', 'queue-view.json']);
    const { layouts, problems } = await readShippedLayouts();
    expect(problems).toEqual([]);
    expect(layouts.map((layout) => `${layout.id}.json`)).toEqual(files);
  });

  it('are written as they are stored: parsing adds only the defaults a file may leave out', async () => {
    const overview = JSON.parse(await readFile(path.join(SHIPPED_LAYOUTS_DIR, 'overview.json'), 'utf8')) as LayoutFile;
    const parsed = parseLayout(overview);
    expect(parsed.ok && parsed.data).toMatchObject({ ...overview, columnsContent: expect.any(Array) as unknown });
    const widgets = parsed.ok ? parsed.data.columnsContent.flat() : [];
    expect(widgets.map((widget) => widget.type)).toEqual(
      expect.arrayContaining(['kpi', 'queueTable', 'waitingCallers', 'chart', 'clock']),
    );
  });
});

describe('defaults', () => {
  it('a widget without settings takes the catalogue defaults; since and theme have defaults', () => {
    const parsed = parseLayout(file());
    expect(parsed.ok).toBe(true);
    const layout = (parsed as { data: Layout }).data;
    expect(layout.columnsContent[0]![0]!.settings).toEqual(WIDGET_CATALOGUE.kpi.defaults);
    expect(layout.columnsContent[1]![0]!.settings).toEqual({ timeZone: null, format: 'HH:mm:ss' });
    expect(layout.since).toEqual({ kind: 'today' });
    expect(layout.theme).toBe('dark');
  });

  it('settings given in part are completed with the defaults', () => {
    const parsed = widgetSchema.parse({ id: 'q', type: 'queueTable', settings: { queues: ['sales'] } });
    expect(parsed.settings).toEqual({ ...WIDGET_CATALOGUE.queueTable.defaults, queues: ['sales'] });
  });

  it('the catalogue has valid defaults for every type, in menu order', () => {
    expect(WIDGET_TYPES).toEqual([
      'kpi',
      'queueTable',
      'agentTable',
      'agentGrid',
      'waitingCallers',
      'abandonedCallers',
      'chart',
      'clock',
      'ticker',
    ]);
    for (const type of WIDGET_TYPES) {
      const info = WIDGET_CATALOGUE[type];
      expect(widgetSchema.parse({ id: 'w', type, settings: info.defaults }).settings).toEqual(info.defaults);
    }
    expect(WIDGET_CATALOGUE.waitingCallers.defaults.sort).toEqual({ column: 'wait', direction: 'desc' });
  });

  it('a new layout starts with empty columns', () => {
    expect(parseWith(newLayoutSchema, { name: 'Night shift', columns: 3 })).toEqual({
      ok: true,
      data: { name: 'Night shift', columns: 3, columnsContent: [[], [], []], since: { kind: 'today' }, theme: 'dark' },
    });
  });
});

describe('messages name where each problem is, in words', () => {
  it.each([
    [
      'a threshold of the wrong type',
      file({
        columnsContent: [
          [],
          [{ id: 'k', type: 'kpi', settings: { thresholds: { amber: 1, red: 'high', direction: 'above' } } }],
        ],
      }),
      'Column 2, widget 1, thresholds, red must be a number (got "high").',
    ],
    [
      'thresholds in the wrong order',
      file({
        columnsContent: [
          [{ id: 'k', type: 'kpi', settings: { thresholds: { amber: 80, red: 90, direction: 'below' } } }],
          [],
        ],
      }),
      'Column 1, widget 1, thresholds, red must be at most amber (80) when direction is "below".',
    ],
    [
      'thresholds in service level times for a figure that is not a wait',
      file({
        columnsContent: [
          [
            {
              id: 'k',
              type: 'kpi',
              settings: {
                metric: 'waiting',
                thresholds: { amber: 1, red: 2, direction: 'above', scale: 'serviceLevelTime' },
              },
            },
          ],
          [],
        ],
      }),
      'Column 1, widget 1, thresholds, scale must be "value" for waiting: multiples of the service level time are for waits only (asaSec, maxWaitSec, longestWaitingSec).',
    ],
    [
      'an unknown widget type',
      file({ columnsContent: [[{ id: 'k', type: 'gauge' }], []] }),
      'Column 1, widget 1, type must be one of "kpi", "queueTable", "agentTable", "agentGrid", "waitingCallers", "abandonedCallers", "chart", "clock", "ticker" (got "gauge").',
    ],
    ['a misspelt key', { ...file(), colums: 2 }, 'The layout has an unknown field "colums".'],
    ['a missing name', { ...file(), name: undefined }, 'Name is missing (it must be text).'],
    [
      'too many columns',
      file({ columns: 7 }),
      'Columns must be at most 6. The layout has widgets for 2 columns, but its number of columns is 7.',
    ],
    ['a fraction of a column', file({ columns: 1.5 }), 'Columns must be a whole number (got 1.5).'],
    [
      'columns that do not match their content',
      file({ columns: 3 }),
      'The layout has widgets for 2 columns, but its number of columns is 3.',
    ],
    [
      'a rolling window not offered',
      file({ since: { kind: 'rolling', minutes: 30 } }),
      'Statistics since, the rolling window must be one of 15, 60, 240, 1440 (got 30).',
    ],
    [
      'a custom start without an offset',
      file({ since: { kind: 'custom', at: '2026-11-01T08:00' } }),
      'Statistics since, the start must be a date and time with an offset, such as 2026-03-29T08:00:00+02:00.',
    ],
    ['an unknown theme', file({ theme: 'blue' }), 'Theme must be one of "dark", "light", "highContrast" (got "blue").'],
    ['a newer format', file({ version: 2 }), 'Version is not supported: this board reads version 1.'],
    [
      'a duplicate widget id',
      file({ columnsContent: [[{ id: 'a', type: 'kpi' }], [{ id: 'a', type: 'clock' }]] }),
      'Column 2, widget 1, the id "a" is also the id of widget 1 of column 1.',
    ],
    [
      'a table sorted by a column it does not show',
      file({
        columnsContent: [
          [
            {
              id: 't',
              type: 'agentTable',
              settings: { columns: ['name', 'state'], sort: { column: 'talk', direction: 'asc' } },
            },
          ],
          [],
        ],
      }),
      'Column 1, widget 1, sort, column must be one of the columns shown (name, state).',
    ],
    [
      'an unknown time zone',
      file({ columnsContent: [[], [{ id: 'c', type: 'clock', settings: { timeZone: 'Mars/Olympus' } }]] }),
      'Column 2, widget 1, time zone must be an IANA time zone such as Europe/Warsaw.',
    ],
    ['an id with unsafe characters', file({ id: '../etc' }), 'The id must be 1–64 letters, digits, "-" or "_".'],
    ['not an object at all', 'overview', 'The layout must be an object (got "overview").'],
  ])('%s', (_what, input, message) => {
    expect(errorOf(input)).toBe(message);
  });

  it('shows the first three problems and counts the rest', () => {
    const message = errorOf({ version: 1 });
    expect(message).toBe(
      'The id is missing (it must be text). Name is missing (it must be text). Columns is missing (it must be a number). (4 more problems)',
    );
  });
});

describe('sinceQuery', () => {
  it('turns each choice into the since parameter of /api/stats', () => {
    expect(sinceQuery({ kind: 'today' })).toBe('today');
    expect(sinceQuery({ kind: 'shift' })).toBe('shift');
    expect([15, 60, 240, 1440].map((minutes) => sinceQuery({ kind: 'rolling', minutes: minutes as 15 }))).toEqual([
      '15m',
      '1h',
      '4h',
      '24h',
    ]);
    expect(sinceQuery({ kind: 'custom', at: '2026-11-01T08:00:00+01:00' })).toBe('2026-11-01T08:00:00+01:00');
  });

  it('takes exactly what the layout schema accepts as statistics since', () => {
    // Checked by tsc: the hand-written type of layout-since.ts and the schema of layout.ts say the same.
    expectTypeOf<z.output<typeof sinceSchema>>().toEqualTypeOf<LayoutSince>();
    expect(sinceSchema.safeParse({ kind: 'rolling', minutes: 60 }).success).toBe(true);
  });
});
