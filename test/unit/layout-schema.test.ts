import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  newLayoutSchema,
  parseLayout,
  parseWith,
  widgetSchema,
  WIDGET_CATALOGUE,
  WIDGET_TYPES,
  type Layout,
  type LayoutFile,
} from '../../server/contract/layout.ts';
import { sinceQuery } from '../../server/contract/layout-since.ts';
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

  it('the catalogue has a label, a description and valid defaults for every type, in menu order', () => {
    expect(WIDGET_TYPES).toEqual(['kpi', 'queueTable', 'agentTable', 'agentGrid', 'waitingCallers', 'chart', 'clock', 'ticker']);
    for (const type of WIDGET_TYPES) {
      const info = WIDGET_CATALOGUE[type];
      expect(info.label.length).toBeGreaterThan(0);
      expect(info.description.length).toBeGreaterThan(0);
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

describe('messages name the path of each problem', () => {
  it.each([
    [
      'a threshold of the wrong type',
      file({ columnsContent: [[], [{ id: 'k', type: 'kpi', settings: { thresholds: { amber: 1, red: 'high', direction: 'above' } } }]] }),
      'columnsContent[1][0].settings.thresholds.red: expected a number, got "high"',
    ],
    [
      'thresholds in the wrong order',
      file({ columnsContent: [[{ id: 'k', type: 'kpi', settings: { thresholds: { amber: 80, red: 90, direction: 'below' } } }], []] }),
      'columnsContent[0][0].settings.thresholds.red: must be at most amber (80) when direction is "below"',
    ],
    [
      'thresholds in service level times for a figure that is not a wait',
      file({ columnsContent: [[{ id: 'k', type: 'kpi', settings: { metric: 'waiting', thresholds: { amber: 1, red: 2, direction: 'above', scale: 'serviceLevelTime' } } }], []] }),
      'columnsContent[0][0].settings.thresholds.scale: "serviceLevelTime" is for waits only (asaSec, maxWaitSec, longestWaitingSec), not waiting',
    ],
    [
      'an unknown widget type',
      file({ columnsContent: [[{ id: 'k', type: 'gauge' }], []] }),
      'columnsContent[0][0].type: expected one of "kpi", "queueTable", "agentTable", "agentGrid", "waitingCallers", "chart", "clock", "ticker", got "gauge"',
    ],
    ['a misspelt key', { ...file(), colums: 2 }, 'layout: unknown key "colums"'],
    ['a missing name', { ...file(), name: undefined }, 'name: missing (expected a string)'],
    [
      'too many columns',
      file({ columns: 7 }),
      'columns: must be at most 6; columnsContent: has 2 column(s) of widgets but columns is 7',
    ],
    ['a fraction of a column', file({ columns: 1.5 }), 'columns: expected a whole number, got 1.5'],
    ['columns that do not match their content', file({ columns: 3 }), 'columnsContent: has 2 column(s) of widgets but columns is 3'],
    [
      'a rolling window not offered',
      file({ since: { kind: 'rolling', minutes: 30 } }),
      'since.minutes: expected one of 15, 60, 240, 1440, got 30',
    ],
    [
      'a custom start without an offset',
      file({ since: { kind: 'custom', at: '2026-11-01T08:00' } }),
      'since.at: expected an ISO date-time with an offset, such as 2026-03-29T08:00:00+02:00',
    ],
    ['an unknown theme', file({ theme: 'blue' }), 'theme: expected one of "dark", "light", "highContrast", got "blue"'],
    ['a newer format', file({ version: 2 }), 'version: unsupported version; this board reads version 1'],
    [
      'a duplicate widget id',
      file({ columnsContent: [[{ id: 'a', type: 'kpi' }], [{ id: 'a', type: 'clock' }]] }),
      'columnsContent[1][0].id: "a" is also the id of columnsContent[0][0]',
    ],
    [
      'a table sorted by a column it does not show',
      file({ columnsContent: [[{ id: 't', type: 'agentTable', settings: { columns: ['name', 'state'], sort: { column: 'talk', direction: 'asc' } } }], []] }),
      'columnsContent[0][0].settings.sort.column: must be one of the columns shown (name, state)',
    ],
    [
      'an unknown time zone',
      file({ columnsContent: [[], [{ id: 'c', type: 'clock', settings: { timeZone: 'Mars/Olympus' } }]] }),
      'columnsContent[1][0].settings.timeZone: expected an IANA time zone such as Europe/Warsaw',
    ],
    ['an id with unsafe characters', file({ id: '../etc' }), 'id: expected 1–64 letters, digits, "-" or "_"'],
    ['not an object at all', 'overview', 'layout: expected an object, got "overview"'],
  ])('%s', (_what, input, message) => {
    expect(errorOf(input)).toBe(message);
  });

  it('shows the first three problems and counts the rest', () => {
    const message = errorOf({ version: 1 });
    expect(message).toBe(
      'id: missing (expected a string); name: missing (expected a string); columns: missing (expected a number) (and 4 more)',
    );
  });
});

describe('sinceQuery', () => {
  it('turns each choice into the since parameter of /api/stats', () => {
    expect(sinceQuery({ kind: 'today' })).toBe('today');
    expect(sinceQuery({ kind: 'shift' })).toBe('shift');
    expect([15, 60, 240, 1440].map((minutes) => sinceQuery({ kind: 'rolling', minutes: minutes as 15 }))).toEqual(['15m', '1h', '4h', '24h']);
    expect(sinceQuery({ kind: 'custom', at: '2026-11-01T08:00:00+01:00' })).toBe('2026-11-01T08:00:00+01:00');
  });
});
