import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { WIDGET_CATALOGUE } from '../../../server/contract/layout.ts';
import { at, callView, entitiesOf, queueView, T0 } from '../../testing/fixtures.ts';
import { queueStats, statsOf } from '../../testing/stats.ts';
import QueueTable from './QueueTable.svelte';
import { queueRows } from './queue-table.ts';

const entities = entitiesOf({
  queues: [queueView('sales'), queueView('support'), queueView('billing')],
  calls: [callView('1', 'sales', { joinedAt: at(-30) }), callView('2', 'sales', { joinedAt: at(-10), position: 2 })],
});
const stats = statsOf([
  queueStats('sales', { answered: 4, answeredWithinSl: 4 }),
  queueStats('support', { answered: 9, answeredWithinSl: 6 }),
  queueStats('billing'),
]);
const names = (rows: { name: string }[]) => rows.map((row) => row.name);

describe('queueRows', () => {
  it('has a row per queue with live and window figures', () => {
    const [sales] = queueRows(['sales'], entities, stats, T0, { key: 'name', direction: 'asc' });
    expect(sales).toMatchObject({ name: 'sales', figures: { waiting: 2, longestWaitingSec: 30, answered: 4, serviceLevelPct: 100 } });
  });

  it('sorts by any column both ways; a figure not known yet sorts lowest', () => {
    expect(names(queueRows([], entities, stats, T0, { key: 'answered', direction: 'desc' }))).toEqual(['support', 'sales', 'billing']);
    expect(names(queueRows([], entities, stats, T0, { key: 'serviceLevelPct', direction: 'asc' }))).toEqual(['billing', 'support', 'sales']);
    expect(names(queueRows([], entities, stats, T0, { key: 'name', direction: 'desc' }))).toEqual(['support', 'sales', 'billing']);
  });
});

describe('QueueTable', () => {
  it('shows the columns the layout chose, sorted as it says', () => {
    const settings = { ...WIDGET_CATALOGUE.queueTable.defaults, columns: ['name' as const, 'answered' as const], sort: { column: 'answered' as const, direction: 'desc' as const } };
    const { body } = render(QueueTable, { props: { settings, title: 'Queues', entities, stats, now: T0 } });
    expect(body).toMatch(/aria-sort="descending"[^>]*><button type="button">Answered/);
    expect(body.indexOf('data-queue-row="support"')).toBeLessThan(body.indexOf('data-queue-row="sales"'));
    expect(body).not.toContain('Waiting');
  });
});
