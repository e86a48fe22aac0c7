import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Table } from '../../server/domain/table.ts';

/** The model: a Map, which keeps insertion order as a plain object with string keys does. */
type Step = { op: 'set'; key: string; value: number } | { op: 'delete'; key: string };

// Few distinct keys, so that sets, overwrites and deletes meet; some keys share a whole hash (below).
// c693596 and c1170850 (and so on) have the same FNV-1a hash.
const key = fc.oneof(
  fc.constantFrom('a', 'b', 'PJSIP/1001', 'c693596', 'c1170850', 'c693597', 'c1170851', 'c693594', 'c1170852'),
  fc.string({ maxLength: 3 }),
);
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), key, value: fc.integer() }),
  fc.record({ op: fc.constant('delete' as const), key }),
);

describe('Table', () => {
  it('reads, writes and iterates as a plain object would, leaving every earlier table as it was', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 200 }), (steps) => {
        const model = new Map<string, number>();
        let table = Table.empty<number>();
        const history: [Table<number>, [string, number][]][] = [];
        for (const s of steps) {
          if (s.op === 'set') {
            model.set(s.key, s.value);
            table = table.set(s.key, s.value);
          } else {
            model.delete(s.key);
            table = table.delete(s.key);
          }
          history.push([table, [...model]]);
          expect(table.size).toBe(model.size);
          for (const k of model.keys()) expect(table.get(k)).toBe(model.get(k));
        }
        for (const [old, entries] of history) expect(old.entries()).toEqual(entries);
      }),
      { numRuns: 300 },
    );
  });

  it('holds many keys and lifts lone leaves up as they are deleted', () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `k${i}`);
    let table = Table.from(keys.map((k, i) => [k, i] as const));
    expect(keys.every((k, i) => table.get(k) === i)).toBe(true);
    for (const k of keys.slice(0, 19_990)) table = table.delete(k);
    expect(table.keys()).toEqual(keys.slice(19_990));
    expect(table.get('k0')).toBeUndefined();
  });

  it('puts a key set again after a delete last, and keeps the place of one overwritten', () => {
    const table = Table.from<number>([
      ['x', 1],
      ['y', 2],
      ['z', 3],
    ])
      .set('x', 4)
      .delete('y')
      .set('y', 5);
    expect(Object.fromEntries(table.entries())).toEqual({ x: 4, z: 3, y: 5 });
    expect(Object.keys(Object.fromEntries(table.entries()))).toEqual(['x', 'z', 'y']);
  });
});
