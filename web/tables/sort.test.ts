import { describe, expect, it } from 'vitest';
import { ariaSort, nextSort, sortRows, type SortState } from './sort.ts';

type Key = 'name' | 'calls';
const rows = [
  { name: 'agent 10', calls: 3 },
  { name: 'Agent 2', calls: 7 },
  { name: 'agent 1', calls: 3 },
];
const valueOf = (row: (typeof rows)[number], key: Key) => row[key];
const byName = (row: (typeof rows)[number]) => row.name;

describe('nextSort', () => {
  it('sorts a new column ascending, then flips it on every click', () => {
    let sort: SortState<Key> = { key: 'name', direction: 'asc' };
    sort = nextSort(sort, 'calls');
    expect(sort).toEqual({ key: 'calls', direction: 'asc' });
    sort = nextSort(sort, 'calls');
    expect(sort).toEqual({ key: 'calls', direction: 'desc' });
    sort = nextSort(sort, 'calls');
    expect(sort).toEqual({ key: 'calls', direction: 'asc' });
  });

  it('tells assistive technology which column is sorted and how', () => {
    const sort: SortState<Key> = { key: 'calls', direction: 'desc' };
    expect(ariaSort(sort, 'calls')).toBe('descending');
    expect(ariaSort(sort, 'name')).toBe('none');
    expect(ariaSort({ key: 'calls', direction: 'asc' }, 'calls')).toBe('ascending');
  });
});

describe('sortRows', () => {
  it('sorts text the way people read it: case-blind, numbers by value', () => {
    const sorted = sortRows(rows, { key: 'name', direction: 'asc' }, valueOf, byName);
    expect(sorted.map(byName)).toEqual(['agent 1', 'Agent 2', 'agent 10']);
  });

  it('sorts numbers descending and breaks ties the same way in both directions', () => {
    const down = sortRows(rows, { key: 'calls', direction: 'desc' }, valueOf, byName);
    expect(down.map(byName)).toEqual(['Agent 2', 'agent 1', 'agent 10']);
    const up = sortRows(rows, { key: 'calls', direction: 'asc' }, valueOf, byName);
    expect(up.map(byName)).toEqual(['agent 1', 'agent 10', 'Agent 2']);
  });

  it('leaves its input alone', () => {
    const before = rows.map(byName);
    sortRows(rows, { key: 'name', direction: 'desc' }, valueOf, byName);
    expect(rows.map(byName)).toEqual(before);
  });
});
