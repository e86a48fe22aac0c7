import { expect } from 'vitest';
import { eventually } from './eventually.ts';

export type Direction = 'ascending' | 'descending';

/**
 * Reads a sorted column of a live table until it holds two different values (a column of equal values is in every
 * order, so it proves nothing), then checks its order. Every render sorts, so any reading must be in order.
 */
export async function expectSortedColumn<T extends string | number>(
  read: () => Promise<T[]>,
  direction: Direction,
  compare: (a: T, b: T) => number,
  timeoutMs = 30_000,
): Promise<T[]> {
  const values = await eventually(
    async () => {
      const column = await read();
      return new Set(column).size > 1 && column;
    },
    `two different values in a column sorted ${direction}`,
    { timeoutMs, intervalMs: 200 },
  );
  const order = direction === 'ascending' ? compare : (a: T, b: T) => compare(b, a);
  expect(values).toEqual([...values].sort(order));
  return values;
}

export const byNumber = (a: number, b: number): number => a - b;
export const byText = (a: string, b: string): number => a.localeCompare(b);
