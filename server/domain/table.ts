/**
 * A persistent map from strings to values that iterates in insertion order, as a plain object with string keys does
 * (a key set again keeps its place; a key deleted and set again goes last).
 *
 * Why: the reducer returns a new state for every event and must leave the old one as it was. With plain objects,
 * writing one call of 5,000 meant copying all 5,000; here a write copies only the path to its entry in a hash trie
 * of 32-way nodes (a hash array mapped trie), three or four small arrays at that size, and shares the rest. Reading
 * is a walk down the same path. Iterating sorts the entries by their insertion number once per table (tables never
 * change, so the order is kept): iteration belongs to snapshots and resyncs, not to the events.
 */

const BITS = 5;
const MASK = (1 << BITS) - 1;

class Leaf<V> {
  constructor(
    readonly hash: number,
    readonly key: string,
    readonly value: V,
    /** Insertion number: the iteration order. */
    readonly seq: number,
  ) {}
}

/** Keys whose whole hashes are equal. */
class Bucket<V> {
  constructor(
    readonly hash: number,
    readonly leaves: readonly Leaf<V>[],
  ) {}
}

/** One level of the trie: `bitmap` tells which of the 32 slots are taken, `slots` holds them in order. */
class Branch<V> {
  constructor(
    readonly bitmap: number,
    readonly slots: readonly Slot<V>[],
  ) {}
}

type Slot<V> = Leaf<V> | Bucket<V> | Branch<V>;

/** FNV-1a over the UTF-16 code units. */
function hashOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

function bitCount(bits: number): number {
  let x = bits - ((bits >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

function withSlot<V>(slots: readonly Slot<V>[], index: number, slot: Slot<V>): Slot<V>[] {
  const copy = slots.slice();
  copy[index] = slot;
  return copy;
}

function find<V>(root: Branch<V>, hash: number, key: string): Leaf<V> | undefined {
  let node: Slot<V> = root;
  for (let shift = 0; ; shift += BITS) {
    if (node instanceof Leaf) return node.key === key ? node : undefined;
    if (node instanceof Bucket) return node.leaves.find((leaf) => leaf.key === key);
    const bit = 1 << ((hash >>> shift) & MASK);
    if ((node.bitmap & bit) === 0) return undefined;
    node = node.slots[bitCount(node.bitmap & (bit - 1))] as Slot<V>;
  }
}

/** `item` placed in `node` at level `shift`, replacing the leaf of the same key. */
function put<V>(node: Branch<V>, item: Leaf<V> | Bucket<V>, shift: number): Branch<V> {
  const bit = 1 << ((item.hash >>> shift) & MASK);
  const index = bitCount(node.bitmap & (bit - 1));
  if ((node.bitmap & bit) === 0) {
    const slots = node.slots.slice();
    slots.splice(index, 0, item);
    return new Branch(node.bitmap | bit, slots);
  }
  return new Branch(node.bitmap, withSlot(node.slots, index, putBelow(node.slots[index] as Slot<V>, item, shift)));
}

function putBelow<V>(slot: Slot<V>, item: Leaf<V> | Bucket<V>, shift: number): Slot<V> {
  if (slot instanceof Branch) return put(slot, item, shift + BITS);
  // Only a leaf is ever put where a slot is taken (a bucket moves down only into an empty branch, below).
  const leaf = item as Leaf<V>;
  if (slot.hash !== leaf.hash) return put(put(new Branch<V>(0, []), slot, shift + BITS), leaf, shift + BITS);
  if (slot instanceof Leaf) return slot.key === leaf.key ? leaf : new Bucket(leaf.hash, [slot, leaf]);
  const index = slot.leaves.findIndex((other) => other.key === leaf.key);
  const leaves = slot.leaves.slice();
  if (index < 0) leaves.push(leaf);
  else leaves[index] = leaf;
  return new Bucket(leaf.hash, leaves);
}

/** `node` without `key`: undefined when the key is not there, null when nothing is left. */
function remove<V>(node: Branch<V>, hash: number, key: string, shift: number): Branch<V> | null | undefined {
  const bit = 1 << ((hash >>> shift) & MASK);
  if ((node.bitmap & bit) === 0) return undefined;
  const index = bitCount(node.bitmap & (bit - 1));
  const slot = node.slots[index] as Slot<V>;
  let next: Slot<V> | null | undefined;
  if (slot instanceof Branch) next = remove(slot, hash, key, shift + BITS);
  else if (slot instanceof Leaf) next = slot.key === key ? null : undefined;
  else {
    const at = slot.leaves.findIndex((leaf) => leaf.key === key);
    const rest = slot.leaves.filter((_, i) => i !== at);
    next = at < 0 ? undefined : rest.length === 1 ? rest[0] : new Bucket(slot.hash, rest);
  }
  if (next === undefined) return undefined;
  if (next === null) {
    if (node.bitmap === bit) return null;
    return new Branch(
      node.bitmap & ~bit,
      node.slots.filter((_, i) => i !== index),
    );
  }
  // A branch left with one leaf or bucket is replaced by it: lookups compare whole keys at the end of the path.
  const only = next instanceof Branch && next.slots.length === 1 ? next.slots[0] : undefined;
  return new Branch(node.bitmap, withSlot(node.slots, index, only && !(only instanceof Branch) ? only : next));
}

function collect<V>(slot: Slot<V>, into: Leaf<V>[]): void {
  if (slot instanceof Leaf) into.push(slot);
  else if (slot instanceof Bucket) into.push(...slot.leaves);
  else for (const child of slot.slots) collect(child, into);
}

const EMPTY = new Branch<never>(0, []);

export class Table<V> {
  private ordered: readonly Leaf<V>[] | undefined;

  private constructor(
    private readonly root: Branch<V>,
    readonly size: number,
    private readonly nextSeq: number,
  ) {}

  static empty<V>(): Table<V> {
    return new Table<V>(EMPTY, 0, 0);
  }

  static from<V>(entries: Iterable<readonly [string, V]>): Table<V> {
    let table = Table.empty<V>();
    for (const [key, value] of entries) table = table.set(key, value);
    return table;
  }

  get(key: string): V | undefined {
    return find(this.root, hashOf(key), key)?.value;
  }

  has(key: string): boolean {
    return find(this.root, hashOf(key), key) !== undefined;
  }

  /** Where the key stands in iteration order, as a number that only grows (undefined: not here). */
  rank(key: string): number | undefined {
    return find(this.root, hashOf(key), key)?.seq;
  }

  set(key: string, value: V): Table<V> {
    const hash = hashOf(key);
    const existing = find(this.root, hash, key);
    if (existing?.value === value) return this;
    const seq = existing?.seq ?? this.nextSeq;
    const root = put(this.root, new Leaf(hash, key, value, seq), 0);
    return existing ? new Table(root, this.size, this.nextSeq) : new Table(root, this.size + 1, this.nextSeq + 1);
  }

  delete(key: string): Table<V> {
    const root = remove(this.root, hashOf(key), key, 0);
    if (root === undefined) return this;
    return new Table(root ?? EMPTY, this.size - 1, this.nextSeq);
  }

  keys(): string[] {
    return this.leaves().map((leaf) => leaf.key);
  }

  values(): V[] {
    return this.leaves().map((leaf) => leaf.value);
  }

  entries(): [string, V][] {
    return this.leaves().map((leaf) => [leaf.key, leaf.value]);
  }

  private leaves(): readonly Leaf<V>[] {
    if (this.ordered) return this.ordered;
    const leaves: Leaf<V>[] = [];
    collect(this.root, leaves);
    this.ordered = leaves.sort((a, b) => a.seq - b.seq);
    return this.ordered;
  }
}
