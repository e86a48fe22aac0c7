import { describe, expect, it } from 'vitest';
import { ALL_COLUMNS, nextColumnFit, shownColumns, type ColumnFitState } from './column-fit.ts';

const importance = ['name', 'waiting', 'answered', 'offered'] as const;
type Key = (typeof importance)[number] | 'ahtSec';

describe('shownColumns', () => {
  it('hides the least important first, keeping the order the layout chose', () => {
    const columns: Key[] = ['name', 'offered', 'answered', 'waiting'];
    expect(shownColumns(columns, importance, 0)).toEqual(columns);
    expect(shownColumns(columns, importance, 1)).toEqual(['name', 'answered', 'waiting']);
    expect(shownColumns(columns, importance, 2)).toEqual(['name', 'waiting']);
  });

  it('hides columns it has no rank for before any ranked one', () => {
    expect(shownColumns<Key>(['name', 'ahtSec', 'offered'], importance, 1)).toEqual(['name', 'offered']);
  });

  it('always keeps one column', () => {
    expect(shownColumns<Key>(['name', 'waiting'], importance, 5)).toEqual(['name']);
  });
});

describe('nextColumnFit', () => {
  const MARGIN = 40;
  /** A table that needs 700 px with every column, 600 with one hidden, 500 with two, in a box `width` px wide. */
  const needs = [700, 600, 500];
  const measure = (state: ColumnFitState, width: number): ColumnFitState =>
    nextColumnFit(state, { clientWidth: width, scrollWidth: Math.max(width, needs[state.hidden] ?? 500) }, MARGIN);
  /** Measures again until nothing changes, as the observer does while the table's width follows its columns. */
  const settle = (state: ColumnFitState, width: number): ColumnFitState => {
    for (let next = measure(state, width); next !== state; next = measure(state, width)) state = next;
    return state;
  };

  it('hides columns until the table fits its box', () => {
    expect(settle(ALL_COLUMNS, 800).hidden).toBe(0);
    expect(settle(ALL_COLUMNS, 650).hidden).toBe(1);
    expect(settle(ALL_COLUMNS, 550).hidden).toBe(2);
  });

  it('keeps a hidden column hidden while the width moves by a few pixels about the edge', () => {
    let state = settle(ALL_COLUMNS, 699);
    expect(state.hidden).toBe(1);
    for (const width of [700, 703, 698, 705, 699, 701]) {
      state = settle(state, width);
      expect(state.hidden).toBe(1);
    }
  });

  it('shows it again once the box is clearly wider than the column needed, and hides it again when narrower', () => {
    let state = settle(ALL_COLUMNS, 560);
    expect(state.hidden).toBe(2);
    state = settle(state, 640);
    expect(state.hidden).toBe(1);
    state = settle(state, 760);
    expect(state.hidden).toBe(0);
    state = settle(state, 690);
    expect(state.hidden).toBe(1);
  });
});
