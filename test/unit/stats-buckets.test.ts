import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketsOf, cover, DAY_SEC } from '../../server/stats/counting/buckets.ts';

const SIZE: Record<string, number> = { d: DAY_SEC, h: 3_600, m: 60, s: 1 };

/** The seconds [from, to) a field of a day stands for. */
function span(day: number, field: string): [number, number] {
  const unit = field[0] ?? 's';
  const size = SIZE[unit] ?? 1;
  const start = day * DAY_SEC + (unit === 'd' ? 0 : Number(field.slice(1)) * size);
  return [start, start + size];
}

function spans(byDay: Map<number, string[]>): [number, number][] {
  return [...byDay].flatMap(([day, fields]) => fields.map((field) => span(day, field))).sort((a, b) => a[0] - b[0]);
}

describe('time buckets', () => {
  it('files an instant in its second, minute, hour and day', () => {
    const at = Date.parse('2026-03-29T13:37:25.900Z');
    const { day, fields } = bucketsOf(at);
    expect(fields).toEqual(['d', 'h13', `m${13 * 60 + 37}`, `s${13 * 3600 + 37 * 60 + 25}`]);
    for (const field of fields) {
      const [from, to] = span(day, field);
      expect(from * 1000).toBeLessThanOrEqual(at);
      expect(to * 1000).toBeGreaterThan(at);
    }
  });

  it('covers any window exactly, with the fewest buckets', () => {
    const base = Date.parse('2026-01-01T00:00:00Z');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 * DAY_SEC * 1000 }),
        fc.integer({ min: 0, max: 3 * DAY_SEC * 1000 }),
        (offset, length) => {
          const since = base + offset;
          const until = since + length;
          const parts = spans(cover(since, until, 0));
          let t = Math.floor(since / 1000);
          for (const [from, to] of parts) {
            expect(from).toBe(t); // contiguous, no overlap
            t = to;
          }
          expect(t).toBe(parts.length === 0 ? Math.floor(since / 1000) : Math.ceil(until / 1000));
          // At most 59 s + 59 m + 23 h on each side, plus the whole days between.
          expect(parts.length).toBeLessThanOrEqual(2 * (59 + 59 + 23) + Math.ceil(length / 1000 / DAY_SEC) + 1);
        },
      ),
    );
  });

  it('runs an open window to the end of the last day', () => {
    const since = Date.parse('2026-03-28T23:00:00Z'); // midnight in Warsaw
    const lastDay = Math.floor(Date.parse('2026-03-29T15:00:00Z') / 1000 / DAY_SEC);
    const byDay = cover(since, null, lastDay);
    expect([...byDay.values()]).toEqual([['h23'], ['d']]);
  });
});
