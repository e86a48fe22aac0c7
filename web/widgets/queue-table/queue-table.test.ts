import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { WIDGET_CATALOGUE } from '../../../server/contract/layout.ts';
import { at, callView, entitiesOf, queueView, T0 } from '../../testing/fixtures.ts';
import { queueStats, statsOf } from '../../testing/stats.ts';
import QueueTable from './QueueTable.svelte';
import { cellLevel, queueRows } from './queue-table.ts';

const entities = entitiesOf({
  queues: [queueView('sales'), queueView('support'), queueView('billing')],
  calls: [callView('1', 'sales', { joinedAt: at(-30) }), callView('2', 'sales', { joinedAt: at(-10), position: 2 })],
});
const stats = statsOf([
  queueStats('sales', { answered: 4, serviceLevelMet: 4, serviceLevelOf: 4, serviceLevelSec: 20 }),
  queueStats('support', { answered: 9, serviceLevelMet: 5, serviceLevelOf: 9 }),
  queueStats('billing'),
]);
const names = (rows: { name: string }[]) => rows.map((row) => row.name);

describe('queueRows', () => {
  it('has a row per queue with live and window figures', () => {
    const [sales] = queueRows(['sales'], entities, stats, T0, { key: 'name', direction: 'asc' });
    expect(sales).toMatchObject({
      name: 'sales',
      figures: { waiting: 2, longestWaitingSec: 30, answered: 4, serviceLevelPct: 100 },
    });
  });

  it('sorts by any column both ways; a figure not known yet sorts lowest', () => {
    expect(names(queueRows([], entities, stats, T0, { key: 'answered', direction: 'desc' }))).toEqual([
      'support',
      'sales',
      'billing',
    ]);
    expect(names(queueRows([], entities, stats, T0, { key: 'serviceLevelPct', direction: 'asc' }))).toEqual([
      'billing',
      'support',
      'sales',
    ]);
    expect(names(queueRows([], entities, stats, T0, { key: 'name', direction: 'desc' }))).toEqual([
      'support',
      'sales',
      'billing',
    ]);
  });
});

describe('cellLevel', () => {
  const rows = queueRows([], entities, stats, T0, { key: 'name', direction: 'asc' });
  const row = (name: string) => rows.find((r) => r.name === name)!;

  it('colours the service level and the longest wait by their default thresholds, as KPI tiles do', () => {
    expect(cellLevel(row('sales'), 'serviceLevelPct')).toBe('good');
    expect(cellLevel(row('support'), 'serviceLevelPct')).toBe('bad');
    // sales' longest caller has waited 30 s against its 20 s service level time.
    expect(cellLevel(row('sales'), 'longestWaitingSec')).toBe('warn');
    expect(cellLevel(row('billing'), 'serviceLevelPct')).toBe('none');
  });

  it('leaves the other columns uncoloured', () => {
    expect(cellLevel(row('sales'), 'waiting')).toBeNull();
    expect(cellLevel(row('sales'), 'name')).toBeNull();
  });
});

describe('QueueTable', () => {
  it('shows the columns the layout chose, sorted as it says', () => {
    const settings = {
      ...WIDGET_CATALOGUE.queueTable.defaults,
      columns: ['name' as const, 'answered' as const],
      sort: { column: 'answered' as const, direction: 'desc' as const },
    };
    const { body } = render(QueueTable, { props: { settings, title: 'Queues', entities, stats, now: T0 } });
    expect(body).toMatch(/aria-sort="descending"[^>]*><button type="button">Answered/);
    expect(body.indexOf('data-queue-row="support"')).toBeLessThan(body.indexOf('data-queue-row="sales"'));
    expect(body).not.toContain('Waiting');
  });
});
