import { amount } from '../../domain/readout.ts';

/**
 * A bucket's counters as one compact value: the sums first, then the maxima, comma separated. One hash field per
 * bucket keeps a window's read to a handful of HMGETs whatever the number of metrics. New metrics are appended at the
 * end of a layout, so that values written before read as 0 for them.
 */
export interface Layout<K extends string> {
  readonly sums: readonly K[];
  readonly maxima: readonly K[];
}

export type Vector = number[];

export function zero<K extends string>(layout: Layout<K>): Vector {
  return new Array<number>(layout.sums.length + layout.maxima.length).fill(0);
}

export function toVector<K extends string>(layout: Layout<K>, values: Partial<Record<K, number>>): Vector {
  return [...layout.sums, ...layout.maxima].map((name) => values[name] ?? 0);
}

export function toRecord<K extends string>(layout: Layout<K>, vector: Vector): Record<K, number> {
  const names = [...layout.sums, ...layout.maxima];
  return Object.fromEntries(names.map((name, i) => [name, vector[i] ?? 0])) as Record<K, number>;
}

/** Adds `other` into `into`: sums add up, maxima keep the larger. */
export function mergeInto<K extends string>(layout: Layout<K>, into: Vector, other: Vector): Vector {
  const sums = layout.sums.length;
  for (let i = 0; i < into.length; i++) {
    const value = other[i] ?? 0;
    into[i] = i < sums ? (into[i] ?? 0) + value : Math.max(into[i] ?? 0, value);
  }
  return into;
}

export function encode(vector: Vector): string {
  return vector.join(',');
}

/** A missing field (null) is all zeros; so is a value no count can have (negative, not a number: see domain/readout.ts). */
export function decode<K extends string>(layout: Layout<K>, text: string | null): Vector {
  const vector = zero(layout);
  if (!text) return vector;
  const parts = text.split(',');
  for (let i = 0; i < vector.length && i < parts.length; i++) vector[i] = amount(Number(parts[i]));
  return vector;
}
