import type { RingAttempt } from './facts.ts';
import { Table } from './table.ts';

/** A caller in a queue: waiting (possibly ringing members), connected to an agent, or just left. */
export interface QueueCall {
  /** The Uniqueid of the caller's channel in the queue (queue_log's call id). */
  readonly id: string;
  readonly channel: string;
  readonly queue: string;
  readonly callerIdNum: string;
  readonly callerIdName: string;
  /** The number the caller dialled (the caller channel's Exten). */
  readonly dialled: string;
  readonly joinedAt: number;
  /** Position on joining. */
  readonly joinPosition: number;
  /** The queue's logged-in members when the caller joined (the report's "agents in the queue"); unknown when the join was not seen. */
  readonly joinMembers?: number;
  /** Every member this caller was offered to, in order. */
  readonly attempts: readonly RingAttempt[];
  readonly state: 'waiting' | 'connected' | 'leaving';
  /** Member interfaces being rung for this caller right now. */
  readonly ringing: readonly string[];
  readonly agent?: string;
  readonly agentName?: string;
  readonly answeredAt?: number;
  readonly holdSec?: number;
  /** The agent's CallsTaken per queue when the call connected, to tell whether Asterisk has counted it yet. */
  readonly agentCallsAtConnect?: Readonly<Record<string, number>>;
  /** The caller's channel was asked to hang up while it waited: a QueueCallerAbandon that follows is a real abandon. */
  readonly hangupRequested: boolean;
  /** A DTMF digit arrived from the caller while waiting: a plain leave that follows is an exit with a key. */
  readonly pressedKey: boolean;
  /** QueueCallerAbandon was seen; its HoldTime. app_queue counts it as abandoned whatever the cause. */
  readonly abandonHoldSec?: number;
}

/**
 * The queue calls in progress, persistent (every write returns a new `Calls` and leaves this one as it was), with two
 * indexes so that no event has to look through all of them:
 *   - per queue, the line of waiting callers with the position Asterisk gave each. A position is kept here and not on
 *     the call, so a join or leave moves a row of numbers in one queue's line and rewrites no call behind it;
 *   - per agent, the connected calls, for the completion whose caller fields are gone and for the board's agents.
 * Every waiting call is in the line of its queue and only there.
 */
export class Calls {
  private constructor(
    private readonly byId: Table<QueueCall>,
    private readonly lines: Table<Line>,
    private readonly byAgent: Table<readonly string[]>,
  ) {}

  static empty(): Calls {
    return EMPTY;
  }

  /** Calls as a resync lists them or as stored: each waiting one at its given position. */
  static of(calls: Iterable<{ readonly call: QueueCall; readonly position: number }>): Calls {
    let byId = Table.empty<QueueCall>();
    const waiting = new Map<string, { id: string; position: number }[]>();
    for (const { call, position } of calls) {
      const previous = byId.get(call.id);
      // A call listed twice is the later listing (as a plain object would take it).
      if (previous?.state === 'waiting') {
        const line = waiting.get(previous.queue) ?? [];
        line.splice(
          line.findIndex((entry) => entry.id === call.id),
          1,
        );
      }
      byId = byId.set(call.id, call);
      if (call.state !== 'waiting') continue;
      const line = waiting.get(call.queue) ?? [];
      waiting.set(call.queue, line);
      line.push({ id: call.id, position });
    }
    let lines = Table.empty<Line>();
    for (const [queue, entries] of waiting) {
      entries.sort((a, b) => a.position - b.position);
      const line = new Line(
        entries.map((entry) => entry.id),
        entries.map((entry) => entry.position),
        entries.map((entry) => byId.rank(entry.id) ?? 0),
      );
      if (line.ids.length > 0) lines = lines.set(queue, line);
    }
    let byAgent = Table.empty<readonly string[]>();
    for (const call of byId.values()) {
      if (call.state === 'connected' && call.agent !== undefined) {
        byAgent = byAgent.set(call.agent, [...(byAgent.get(call.agent) ?? []), call.id]);
      }
    }
    return new Calls(byId, lines, byAgent);
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): QueueCall | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** In the order the calls first came (as a plain object keyed by id iterates). */
  values(): QueueCall[] {
    return this.byId.values();
  }

  /** A waiting caller's position in its queue (1 = next); 0 for a caller not waiting. */
  position(id: string): number {
    const call = this.byId.get(id);
    if (call?.state !== 'waiting') return 0;
    return this.lines.get(call.queue)?.positionOf(id) ?? 0;
  }

  /** Every call with its position (0: not waiting), in the order of `values()`: what `Calls.of` takes back. */
  withPositions(): { readonly call: QueueCall; readonly position: number }[] {
    return this.values().map((call) => ({ call, position: this.position(call.id) }));
  }

  /** A queue's waiting callers, next first. */
  waiting(queue: string): QueueCall[] {
    return (this.lines.get(queue)?.ids ?? []).flatMap((id) => this.byId.get(id) ?? []);
  }

  /** The calls connected to an agent, in the order of `values()`. */
  connectedTo(agent: string): QueueCall[] {
    return (this.byAgent.get(agent) ?? []).flatMap((id) => this.byId.get(id) ?? []);
  }

  /** Puts a call (new or updated); a caller who starts waiting other than by `join` goes last in the line. */
  put(call: QueueCall): Calls {
    const previous = this.byId.get(call.id);
    const before = previous?.state === 'waiting' ? previous.queue : undefined;
    const after = call.state === 'waiting' ? call.queue : undefined;
    if (before === after) return this.stored(call, previous, this.lines);
    const lines = before === undefined ? this.lines : withLine(this.lines, before, (line) => line.without(call.id));
    const placed = this.stored(call, previous, lines);
    if (after === undefined) return placed;
    const rank = placed.byId.rank(call.id) ?? 0;
    return placed.withLines(withLine(placed.lines, after, (line) => line.appended(call.id, rank)));
  }

  remove(id: string): Calls {
    const previous = this.byId.get(id);
    if (!previous) return this;
    const lines =
      previous.state === 'waiting' ? withLine(this.lines, previous.queue, (line) => line.without(id)) : this.lines;
    const byId = this.byId.delete(id);
    return new Calls(byId, lines, reindexAgent(this.byAgent, byId, previous, undefined));
  }

  /**
   * A caller joins its queue at `position`: those at that position or behind move back one, as app_queue renumbers
   * them. Returns the ones moved, in the order of `values()`.
   */
  join(call: QueueCall, position: number): { readonly calls: Calls; readonly moved: readonly string[] } {
    const previous = this.byId.get(call.id);
    const lines =
      previous?.state === 'waiting'
        ? withLine(this.lines, previous.queue, (line) => line.without(call.id))
        : this.lines;
    const stored = this.stored(call, previous, lines);
    const rank = stored.byId.rank(call.id) ?? 0;
    const { line, moved } = (lines.get(call.queue) ?? EMPTY_LINE).inserted(call.id, position, rank);
    return { calls: stored.withLines(lines.set(call.queue, line)), moved };
  }

  /**
   * A waiting caller leaves the line (answered, gone or leaving): those behind move up one. Returns the ones moved, in
   * the order of `values()`. The caller is then put as no longer waiting, or removed.
   */
  leave(id: string): { readonly calls: Calls; readonly moved: readonly string[] } {
    const call = this.byId.get(id);
    const line = call?.state === 'waiting' ? this.lines.get(call.queue) : undefined;
    if (!call || !line) return { calls: this, moved: [] };
    const left = line.left(id);
    return { calls: this.withLines(withLine(this.lines, call.queue, () => left.line)), moved: left.moved };
  }

  /**
   * This queue's line as `other` has it: the same callers at the same positions (each must be here already). For a
   * board merged from several PBXs' states, whose queues are disjoint: one queue's line is taken over whole.
   */
  withLineOf(queue: string, other: Calls): Calls {
    const line = other.lines.get(queue);
    if (!line) return this.lines.has(queue) ? this.withLines(this.lines.delete(queue)) : this;
    const ranks = line.ids.map((id) => this.byId.rank(id) ?? 0);
    return this.withLines(this.lines.set(queue, new Line(line.ids, line.positions, ranks)));
  }

  private stored(call: QueueCall, previous: QueueCall | undefined, lines: Table<Line>): Calls {
    const byId = this.byId.set(call.id, call);
    return new Calls(byId, lines, reindexAgent(this.byAgent, byId, previous, call));
  }

  private withLines(lines: Table<Line>): Calls {
    return new Calls(this.byId, lines, this.byAgent);
  }
}

/**
 * One queue's waiting callers, ordered by position: their ids, positions and ranks in the calls' iteration order (for
 * reporting the ones moved in that order, as changes always came).
 */
class Line {
  private index: Map<string, number> | undefined;

  constructor(
    readonly ids: readonly string[],
    readonly positions: readonly number[],
    readonly ranks: readonly number[],
  ) {}

  /** Looked up for many callers of one line when the board is shown: a map, built once (a line never changes). */
  positionOf(id: string): number | undefined {
    this.index ??= new Map(this.ids.map((each, i) => [each, i]));
    const at = this.index.get(id);
    return at === undefined ? undefined : this.positions[at];
  }

  // A write looks one caller up in a line it then replaces: a scan costs less than building the map.
  without(id: string): Line {
    const at = this.ids.indexOf(id);
    if (at < 0) return this;
    const keep = (_: unknown, i: number): boolean => i !== at;
    return new Line(this.ids.filter(keep), this.positions.filter(keep), this.ranks.filter(keep));
  }

  appended(id: string, rank: number): Line {
    const position = (this.positions.at(-1) ?? 0) + 1;
    return new Line([...this.ids, id], [...this.positions, position], [...this.ranks, rank]);
  }

  /** `id` at `position`; every caller at it or behind one further back. */
  inserted(id: string, position: number, rank: number): { line: Line; moved: readonly string[] } {
    const at = this.firstFrom(position);
    const ids = [...this.ids.slice(0, at), id, ...this.ids.slice(at)];
    const positions = [...this.positions.slice(0, at), position, ...this.positions.slice(at).map((p) => p + 1)];
    const ranks = [...this.ranks.slice(0, at), rank, ...this.ranks.slice(at)];
    return { line: new Line(ids, positions, ranks), moved: this.inRankOrder(at) };
  }

  /** `id` out; every caller behind its position one further forward. */
  left(id: string): { line: Line; moved: readonly string[] } {
    const at = this.ids.indexOf(id);
    const from = this.firstFrom((this.positions[at] ?? 0) + 1);
    const positions = this.positions.map((p, i) => (i >= from ? p - 1 : p));
    const keep = (_: unknown, i: number): boolean => i !== at;
    const line = new Line(this.ids.filter(keep), positions.filter(keep), this.ranks.filter(keep));
    return { line, moved: this.inRankOrder(from) };
  }

  /** The ids from index `from` on, in rank order (mostly it is the line's own: callers join at the end). */
  private inRankOrder(from: number): string[] {
    const ids = this.ids.slice(from);
    let sorted = true;
    for (let i = from + 1; i < this.ranks.length && sorted; i += 1) sorted = this.ranks[i - 1]! < this.ranks[i]!;
    if (sorted) return ids;
    const rankOf = new Map(ids.map((id, i) => [id, this.ranks[from + i] ?? 0]));
    return ids.sort((a, b) => rankOf.get(a)! - rankOf.get(b)!);
  }

  /** The first index whose position is `position` or more (positions never decrease along the line). */
  private firstFrom(position: number): number {
    let low = 0;
    let high = this.positions.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.positions[middle]! < position) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

const EMPTY_LINE = new Line([], [], []);
const EMPTY = Calls.of([]);

function withLine(lines: Table<Line>, queue: string, change: (line: Line) => Line): Table<Line> {
  const line = change(lines.get(queue) ?? EMPTY_LINE);
  return line.ids.length === 0 ? lines.delete(queue) : lines.set(queue, line);
}

/** The agent index after `previous` became `next` (undefined: gone); each agent's ids in the order of `byId`. */
function reindexAgent(
  byAgent: Table<readonly string[]>,
  byId: Table<QueueCall>,
  previous: QueueCall | undefined,
  next: QueueCall | undefined,
): Table<readonly string[]> {
  const before = previous?.state === 'connected' ? previous.agent : undefined;
  const after = next?.state === 'connected' ? next.agent : undefined;
  if (before === after) return byAgent;
  let index = byAgent;
  const id = (previous ?? next)?.id ?? '';
  if (before !== undefined) {
    const rest = (index.get(before) ?? []).filter((other) => other !== id);
    index = rest.length === 0 ? index.delete(before) : index.set(before, rest);
  }
  if (after !== undefined) {
    const ids = [...(index.get(after) ?? []), id];
    if (ids.length > 1) ids.sort((a, b) => (byId.rank(a) ?? 0) - (byId.rank(b) ?? 0));
    index = index.set(after, ids);
  }
  return index;
}
