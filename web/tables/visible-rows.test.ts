import { describe, expect, it } from 'vitest';
import { rowsThatFit, UNMEASURED_ROWS, visibleRows } from './visible-rows.ts';

describe('visibleRows', () => {
  it('draws a first few rows before anything is measured', () => {
    expect(visibleRows(1_000, 0, 0, 0)).toEqual({ start: 0, end: UNMEASURED_ROWS });
    expect(visibleRows(5, 0, 0, 30)).toEqual({ start: 0, end: 5 });
  });

  it('draws the rows in view and the overscan on either side', () => {
    // 300 px of 30 px rows from row 100 on: rows 100–109, and 8 more each side.
    expect(visibleRows(1_000, 3_000, 300, 30)).toEqual({ start: 92, end: 118 });
  });

  it('stays within the list at both ends', () => {
    expect(visibleRows(1_000, 0, 300, 30)).toEqual({ start: 0, end: 18 });
    expect(visibleRows(1_000, 29_900, 300, 30)).toEqual({ start: 988, end: 1_000 });
    expect(visibleRows(20, 0, 3_000, 30)).toEqual({ start: 0, end: 20 });
    expect(visibleRows(0, 500, 300, 30)).toEqual({ start: 0, end: 0 });
  });

  it('stays within the list when it shrank under a scrolled viewport', () => {
    expect(visibleRows(10, 3_000, 300, 30)).toEqual({ start: 10, end: 10 });
  });
});

describe('rowsThatFit', () => {
  it('draws every row that fits', () => {
    expect(rowsThatFit(10, 400, 40)).toEqual({ shown: 10, more: 0 });
  });

  it('gives the last row that fits to the count of the others', () => {
    expect(rowsThatFit(11, 400, 40)).toEqual({ shown: 9, more: 2 });
    expect(rowsThatFit(24, 413, 40)).toEqual({ shown: 9, more: 15 });
    expect(rowsThatFit(3, 39, 40)).toEqual({ shown: 0, more: 3 });
  });

  it('draws a first few and counts the rest before the rows are measured', () => {
    expect(rowsThatFit(30, 400, 0)).toEqual({ shown: UNMEASURED_ROWS, more: 30 - UNMEASURED_ROWS });
  });
});
