import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { WIDGET_CATALOGUE } from '../../../server/contract/layout.ts';
import { figuresOf } from '../../display/figures.ts';
import { T0 } from '../../testing/fixtures.ts';
import { queueStats, statsOf } from '../../testing/stats.ts';
import Kpi from './Kpi.svelte';
import { alertOf, kpiTitle } from './kpi.ts';

describe('alertOf', () => {
  it('sounds only when a tile gets worse across a threshold, never for the first figure', () => {
    expect(alertOf(null, 'bad')).toBeNull();
    expect(alertOf('none', 'bad')).toBeNull();
    expect(alertOf('good', 'warn')).toBe('warn');
    expect(alertOf('warn', 'bad')).toBe('bad');
    expect(alertOf('good', 'bad')).toBe('bad');
    expect(alertOf('bad', 'warn')).toBeNull();
    expect(alertOf('bad', 'bad')).toBeNull();
  });
});

describe('Kpi', () => {
  const settings = {
    ...WIDGET_CATALOGUE.kpi.defaults,
    metric: 'abandoned' as const,
    thresholds: { amber: 2, red: 4, direction: 'above' as const, scale: 'value' as const },
  };
  const figures = figuresOf([], null, statsOf([queueStats('sales', { abandoned: 3 })]), T0);

  it('shows the figure with its level as colour, shape and words', () => {
    const { body } = render(Kpi, { props: { settings, title: undefined, figures, serviceLevelSec: 30 } });
    expect(body).toContain('data-level="warn"');
    expect(body).toMatch(/var\(--warn\)[\s\S]*?glyph-triangle[\s\S]*?3[\s\S]*?amber/);
    expect(body).toContain('Abandoned');
  });

  it('names the queues it covers when it has no title', () => {
    expect(kpiTitle('Waiting', ['sales', 'support'])).toBe('Waiting · sales, support');
  });
});
