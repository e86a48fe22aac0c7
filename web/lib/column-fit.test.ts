import { describe, expect, it } from 'vitest';
import { shownColumns } from './column-fit.ts';

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
