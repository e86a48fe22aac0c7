import { describe, expect, it } from 'vitest';
import { dropTarget, type ColumnBox } from './drop-target.ts';

// Two columns of 100 px with a 20 px gap; cards 40 px tall.
const columns: ColumnBox[] = [
  {
    left: 0,
    right: 100,
    cards: [
      { id: 'a', top: 0, bottom: 40 },
      { id: 'b', top: 50, bottom: 90 },
    ],
  },
  { left: 120, right: 220, cards: [{ id: 'c', top: 0, bottom: 40 }] },
];

describe('dropTarget', () => {
  it('lands before the first card whose middle is below the pointer', () => {
    expect(dropTarget(columns, 50, 10, 'c')).toEqual({ column: 0, index: 0 });
    expect(dropTarget(columns, 50, 30, 'c')).toEqual({ column: 0, index: 1 });
    expect(dropTarget(columns, 50, 200, 'c')).toEqual({ column: 0, index: 2 });
  });

  it('does not count the dragged card', () => {
    expect(dropTarget(columns, 50, 80, 'a')).toEqual({ column: 0, index: 1 });
    expect(dropTarget(columns, 50, 60, 'a')).toEqual({ column: 0, index: 0 });
  });

  it('takes the nearest column when the pointer is in a gap or beyond the edges', () => {
    expect(dropTarget(columns, 115, 10, 'a')).toEqual({ column: 1, index: 0 });
    expect(dropTarget(columns, 500, 100, 'a')).toEqual({ column: 1, index: 1 });
    expect(dropTarget(columns, -30, 100, 'c')).toEqual({ column: 0, index: 2 });
  });

  it('has no target without columns', () => {
    expect(dropTarget([], 10, 10, 'a')).toBeNull();
  });
});
