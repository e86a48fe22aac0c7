import type { ChainableCommander } from 'ioredis';
import type { Redis } from '../redis-client.ts';
import { memberKey } from '../contract/board.ts';
import { STATE_FORMAT, type LiveState, type Member, type Queue, type QueueCall } from '../domain/state.ts';
import { Calls } from '../domain/calls.ts';
import { Table } from '../domain/table.ts';
import type { Logger } from '../log.ts';
import type { RedisKeys } from './keys.ts';

/** A live state as stored, with the seq of the last delta it includes. */
export interface StoredBoard {
  readonly state: LiveState;
  readonly seq: number;
}

/** A stored state of another shape is ignored rather than misread. */
const FORMAT = String(STATE_FORMAT);

type QueueRow = Omit<Queue, 'members'>;
/** A call as stored: with its position in the line (0: not waiting), as the board shows it. */
type CallRow = QueueCall & { readonly position: number };

/** The entities that changed since the last write, each once (server/live/dirty.ts collects them). */
export interface ChangedEntities {
  /** A resync: everything. */
  readonly all: boolean;
  readonly queues: ReadonlySet<string>;
  /** By memberKey(queue, interface). */
  readonly members: ReadonlyMap<string, { readonly queue: string; readonly interface: string }>;
  readonly calls: ReadonlySet<string>;
}

/**
 * The reducer's state in Redis, one hash per entity kind with one JSON value per entity, so that a change rewrites
 * only the entities it touched. Every write is one MULTI that also sets the seq, and a load reads all hashes in one
 * MULTI: whoever reads sees a state together with the seq of the last delta it includes, never a half-written one.
 * The rows are our own writes, read back without a schema: a row that does not parse is skipped and logged.
 */
export class LiveStateStore {
  private readonly keys: { queues: string; members: string; calls: string; meta: string };

  constructor(
    private readonly redis: Redis,
    keys: RedisKeys,
    source: string,
    private readonly log: Logger,
  ) {
    this.keys = {
      queues: keys.queues(source),
      members: keys.members(source),
      calls: keys.calls(source),
      meta: keys.meta(source),
    };
  }

  /** Writes what `dirty` names (everything when `dirty.all`) and the meta. */
  async write(state: LiveState, dirty: ChangedEntities, seq: number): Promise<void> {
    if (dirty.all) return this.writeAll(state, seq);
    const tx = this.redis.multi();
    const queues = new Rows();
    for (const name of dirty.queues) queues.put(name, state.queues[name] && queueRow(state.queues[name]));
    const members = new Rows();
    for (const [key, ref] of dirty.members) members.put(key, state.queues[ref.queue]?.members.get(ref.interface));
    const calls = new Rows();
    for (const id of dirty.calls) calls.put(id, callRow(state, id));
    queues.apply(tx, this.keys.queues);
    members.apply(tx, this.keys.members);
    calls.apply(tx, this.keys.calls);
    this.putMeta(tx, state, seq);
    await run(tx);
  }

  /** Replaces everything stored for this source: after a resync, and after Redis came back empty-handed. */
  async writeAll(state: LiveState, seq: number): Promise<void> {
    const tx = this.redis.multi().del(this.keys.queues, this.keys.members, this.keys.calls, this.keys.meta);
    const queues = new Rows();
    const members = new Rows();
    for (const queue of Object.values(state.queues)) {
      queues.put(queue.name, queueRow(queue));
      for (const member of queue.members.values()) members.put(memberKey(queue.name, member.interface), member);
    }
    const calls = new Rows();
    for (const call of state.calls.values()) calls.put(call.id, callRow(state, call.id));
    queues.apply(tx, this.keys.queues);
    members.apply(tx, this.keys.members);
    calls.apply(tx, this.keys.calls);
    this.putMeta(tx, state, seq);
    await run(tx);
  }

  /** The stored state, or null when there is none (or only an older format). */
  async load(): Promise<StoredBoard | null> {
    const tx = this.redis
      .multi()
      .hgetall(this.keys.queues)
      .hgetall(this.keys.members)
      .hgetall(this.keys.calls)
      .hgetall(this.keys.meta);
    const [queueRows, memberRows, callRows, meta] = (await run(tx)) as Record<string, string>[];
    if (!meta || meta.format !== FORMAT) return null;
    const queues: Record<string, Queue> = {};
    for (const row of this.parseAll<QueueRow>(queueRows, 'queue'))
      queues[row.name] = { ...row, members: Table.empty() };
    for (const member of this.parseAll<Member>(memberRows, 'member')) {
      const queue = queues[member.queue];
      if (queue) queues[member.queue] = { ...queue, members: queue.members.set(member.interface, member) };
    }
    const calls = this.parseAll<CallRow>(callRows, 'call').map(({ position, ...call }) => ({ call, position }));
    const state: LiveState = {
      queues,
      calls: Calls.of(calls),
      link: this.parse(meta.link, 'link') ?? { up: false, since: 0 },
      asterisk: this.parse(meta.asterisk, 'asterisk') ?? { sharedLastCall: false },
      stats: this.parse(meta.stats, 'stats') ?? { events: 0, ignored: 0, unknown: 0, malformed: 0 },
    };
    return { state, seq: Number(meta.seq) || 0 };
  }

  private putMeta(tx: ChainableCommander, state: LiveState, seq: number): void {
    tx.hset(this.keys.meta, {
      format: FORMAT,
      seq: String(seq),
      link: JSON.stringify(state.link),
      asterisk: JSON.stringify(state.asterisk),
      stats: JSON.stringify(state.stats),
    });
  }

  private parseAll<T>(rows: Record<string, string> | undefined, what: string): T[] {
    return Object.values(rows ?? {}).flatMap((json) => this.parse<T>(json, what) ?? []);
  }

  private parse<T>(json: string | undefined, what: string): T | undefined {
    if (json === undefined) return undefined;
    try {
      return JSON.parse(json) as T;
    } catch {
      this.log.error({ what, json: json.slice(0, 200) }, 'stored row does not parse; skipped');
      return undefined;
    }
  }
}

function callRow(state: LiveState, id: string): CallRow | undefined {
  const call = state.calls.get(id);
  return call && { ...call, position: state.calls.position(id) };
}

function queueRow(queue: Queue): QueueRow {
  const { members: _members, ...row } = queue;
  return row;
}

/** One hash's writes of a MULTI: one HSET for every entity that exists, one HDEL for those that are gone. */
class Rows {
  private readonly set: Record<string, string> = {};
  private readonly gone: string[] = [];

  put(field: string, value: object | undefined): void {
    if (value === undefined) this.gone.push(field);
    else this.set[field] = JSON.stringify(value);
  }

  apply(tx: ChainableCommander, key: string): void {
    if (Object.keys(this.set).length > 0) tx.hset(key, this.set);
    if (this.gone.length > 0) tx.hdel(key, ...this.gone);
  }
}

/** Runs a MULTI; a failed command fails the whole write (MULTI reports errors per command). */
async function run(tx: ChainableCommander): Promise<unknown[]> {
  const replies = await tx.exec();
  if (!replies) throw new Error('Redis transaction aborted');
  return replies.map(([error, reply]) => {
    if (error) throw error;
    return reply;
  });
}
