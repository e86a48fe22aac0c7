import type { ChainableCommander } from 'ioredis';
import type { Redis } from '../../redis-client.ts';
import type { QueueCallRecord } from '../../domain/facts.ts';
import { recordsByEnd, type StatsKeys } from '../../store/keys.ts';
import { encodeActivity, type CallActivitySpan } from '../counting/activity.ts';
import { recordField } from './records.ts';
import { writeAbandoned, writeAnswered } from './abandoned.ts';
import { agentInQueue, bucketField, bucketsOf, DAY_SEC, dayName, dayOf } from '../counting/buckets.ts';
import { admit } from '../counting/dedupe.ts';
import { LATE_MS } from '../counting/settled.ts';
import { AGENT_LAYOUT, QUEUE_LAYOUT, type Entry } from '../counting/entries.ts';
import {
  changeMembership,
  decodePresence,
  encodeSpan,
  NO_PRESENCE,
  syncSource,
  type Presence,
  type PresenceStep,
  type Span,
} from '../counting/presence.ts';
import { decode, encode, mergeInto, type Layout, type Vector } from '../counting/vector.ts';

/**
 * Writes one batch: read what it touches, compute the new values, write them in one MULTI, under WATCH of every key
 * that was read. So a batch is applied whole or not at all (a crash between two batches loses neither's consistency),
 * and a second writer changing the same keys in between makes us read again instead of overwriting its counts.
 */

/** How long a call's counted steps are kept: replays and restarts come within minutes, a call lasts hours at most. */
const COUNTED_TTL_SEC = 2 * DAY_SEC;
const ATTEMPTS = 5;

export interface BatchTarget {
  readonly redis: Redis;
  readonly keys: StatsKeys;
  readonly source: string;
  /** The time facts are judged late by (see counting/settled.ts). */
  readonly clock: () => number;
}

export async function applyBatch(target: BatchTarget, entries: readonly Entry[]): Promise<void> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    if (await tryApply(target, entries)) return;
  }
  throw new Error(`statistics batch conflicted with another writer ${ATTEMPTS} times`);
}

/** The keys one batch reads, and the bucket fields it reads of each. */
interface Reads {
  readonly counted: string[];
  readonly buckets: Map<string, Set<string>>;
  readonly agents: string[];
}

async function tryApply(target: BatchTarget, entries: readonly Entry[]): Promise<boolean> {
  const { redis, keys } = target;
  const known = entries.some((entry) => entry.kind === 'sync') ? await redis.hkeys(keys.agents) : [];
  const reads = collectReads(keys, target.source, entries, known);
  const presenceKeys = reads.agents.map((agent) => keys.presence(agent));
  const watched = [...reads.counted, ...reads.buckets.keys(), ...presenceKeys];
  if (watched.length > 0) await redis.watch(...watched);
  try {
    const state = await readState(redis, reads, presenceKeys);
    const tx = redis.multi();
    writeBatch(tx, target, entries, known, state);
    // Counts landing in the settled past invalidate the closed intervals readers keep.
    const lateBefore = target.clock() - LATE_MS;
    if (entries.some((entry) => entry.kind === 'count' && entry.at < lateBefore)) tx.incr(keys.bucketsRevision);
    const written = await tx.exec();
    // null: a watched key changed since we read it; read again.
    if (written === null) return false;
    const failed = written.find(([error]) => error)?.[0];
    if (failed) throw failed;
    return true;
  } catch (error) {
    await redis.unwatch().catch(() => undefined);
    throw error;
  }
}

function collectReads(keys: StatsKeys, source: string, entries: readonly Entry[], known: readonly string[]): Reads {
  const counted = new Set<string>();
  const buckets: Reads['buckets'] = new Map();
  const agents = new Set<string>(known);
  const addBuckets = (key: string, name: string, at: number) => {
    const fields = buckets.get(key) ?? new Set<string>();
    for (const bucket of bucketsOf(at).fields) fields.add(bucketField(bucket, name));
    buckets.set(key, fields);
  };
  for (const entry of entries) {
    if (entry.kind === 'count') {
      counted.add(keys.counted(source, entry.queue, entry.id));
      const day = dayName(dayOf(entry.at));
      addBuckets(keys.queueDay(day), entry.queue, entry.at);
      if (entry.agent) {
        addBuckets(keys.agentDay(day), entry.agent.interface, entry.at);
        addBuckets(keys.agentDay(day), agentInQueue(entry.agent.interface, entry.queue), entry.at);
      }
    } else if (entry.kind === 'activity') counted.add(keys.counted(source, entry.queue, entry.id));
    else if (entry.kind === 'member') agents.add(entry.agent);
    else if (entry.kind === 'sync') {
      // Read with the counted steps: the time of the source's last resync applied.
      counted.add(keys.resynced(source));
      for (const agent of entry.agents.keys()) agents.add(agent);
    }
  }
  return { counted: [...counted], buckets, agents: [...agents] };
}

interface ReadState {
  readonly counted: Map<string, string | null>;
  readonly buckets: Map<string, Map<string, string | null>>;
  readonly presence: Map<string, Presence>;
}

async function readState(redis: Redis, reads: Reads, presenceKeys: readonly string[]): Promise<ReadState> {
  const pipe = redis.pipeline();
  if (reads.counted.length > 0) pipe.mget(...reads.counted);
  const bucketKeys = [...reads.buckets.keys()];
  for (const key of bucketKeys) pipe.hmget(key, ...(reads.buckets.get(key) ?? []));
  if (presenceKeys.length > 0) pipe.mget(...presenceKeys);
  const replies = ((await pipe.exec()) ?? []).map(([error, value]) => {
    if (error) throw error;
    return value as (string | null)[];
  });
  let next = 0;
  const counted = new Map<string, string | null>();
  if (reads.counted.length > 0) {
    const values = replies[next++] ?? [];
    reads.counted.forEach((key, i) => counted.set(key, values[i] ?? null));
  }
  const buckets = new Map<string, Map<string, string | null>>();
  for (const key of bucketKeys) {
    const values = replies[next++] ?? [];
    const fields = [...(reads.buckets.get(key) ?? [])];
    buckets.set(key, new Map(fields.map((field, i) => [field, values[i] ?? null])));
  }
  const presence = new Map<string, Presence>();
  if (presenceKeys.length > 0) {
    const values = replies[next++] ?? [];
    reads.agents.forEach((agent, i) => presence.set(agent, decodePresence(values[i] ?? null)));
  }
  return { counted, buckets, presence };
}

/** Bucket values being updated, decoded once per field. */
class Buckets {
  private readonly vectors = new Map<string, { readonly day: number; readonly fields: Map<string, Vector> }>();

  constructor(private readonly stored: ReadState['buckets']) {}

  add(key: string, name: string, at: number, layout: Layout<string>, vector: Vector): void {
    const { day, fields: buckets } = bucketsOf(at);
    const bucket = this.vectors.get(key) ?? { day, fields: new Map<string, Vector>() };
    this.vectors.set(key, bucket);
    for (const field of buckets.map((b) => bucketField(b, name))) {
      const current = bucket.fields.get(field) ?? decode(layout, this.stored.get(key)?.get(field) ?? null);
      bucket.fields.set(field, mergeInto(layout, current, vector));
    }
  }

  write(tx: ChainableCommander, bucketDays: string): void {
    for (const [key, { day, fields }] of this.vectors) {
      tx.hset(key, Object.fromEntries([...fields].map(([field, vector]) => [field, encode(vector)])));
      tx.zadd(bucketDays, day * DAY_SEC, key);
    }
  }
}

function writeBatch(
  tx: ChainableCommander,
  target: BatchTarget,
  entries: readonly Entry[],
  known: readonly string[],
  state: ReadState,
): void {
  const { keys, source } = target;
  const counted = new Map(state.counted);
  const changedCounts = new Set<string>();
  const buckets = new Buckets(state.buckets);
  const queues = new Set<string>();
  const names = new Map<string, string>();
  const presence = new Map(state.presence);
  const changedPresence = new Set<string>();
  const spans: { agent: string; span: Span }[] = [];
  const records: QueueCallRecord[] = [];
  const activity: CallActivitySpan[] = [];

  const move = (agent: string, step: PresenceStep | null) => {
    if (!step) return;
    presence.set(agent, step.presence);
    changedPresence.add(agent);
    for (const span of step.spans) spans.push({ agent, span });
  };

  for (const entry of entries) {
    switch (entry.kind) {
      case 'count': {
        const key = keys.counted(source, entry.queue, entry.id);
        const next = admit(counted.get(key) ?? null, entry.step, entry.at);
        if (next === null) break;
        counted.set(key, next);
        changedCounts.add(key);
        const day = dayName(dayOf(entry.at));
        buckets.add(keys.queueDay(day), entry.queue, entry.at, QUEUE_LAYOUT, entry.queueVector);
        queues.add(entry.queue);
        if (entry.agent) {
          buckets.add(keys.agentDay(day), entry.agent.interface, entry.at, AGENT_LAYOUT, entry.agent.vector);
          buckets.add(
            keys.agentDay(day),
            agentInQueue(entry.agent.interface, entry.queue),
            entry.at,
            AGENT_LAYOUT,
            entry.agent.vector,
          );
          if (!names.has(entry.agent.interface)) names.set(entry.agent.interface, '');
        }
        break;
      }
      case 'member':
        if (entry.name) names.set(entry.agent, entry.name);
        move(
          entry.agent,
          changeMembership(presence.get(entry.agent) ?? NO_PRESENCE, source, entry.queue, entry.membership, entry.at),
        );
        break;
      case 'sync': {
        // The same resync recorded again (a replayed batch) must not take back what later events changed.
        const resynced = keys.resynced(source);
        if (Number(counted.get(resynced) ?? Number.NEGATIVE_INFINITY) >= entry.at) break;
        counted.set(resynced, String(entry.at));
        tx.set(resynced, String(entry.at));
        for (const agent of new Set([...known, ...entry.agents.keys()])) {
          const listed = entry.agents.get(agent);
          if (listed?.name) names.set(agent, listed.name);
          move(agent, syncSource(presence.get(agent) ?? NO_PRESENCE, source, listed?.memberships ?? {}, entry.at));
        }
        break;
      }
      case 'activity': {
        const key = keys.counted(source, entry.queue, entry.id);
        const next = admit(counted.get(key) ?? null, 'once', entry.at);
        if (next === null) break;
        counted.set(key, next);
        changedCounts.add(key);
        activity.push(entry.span);
        if (!names.has(entry.span.agent)) names.set(entry.span.agent, '');
        break;
      }
      case 'record':
        records.push(entry.record);
        break;
      case 'abandoned':
        writeAbandoned(tx, keys, entry.entry);
        break;
      case 'answeredNumber':
        writeAnswered(tx, keys, entry.number, entry.at);
        break;
    }
  }

  for (const key of changedCounts) tx.set(key, counted.get(key) ?? '', 'EX', COUNTED_TTL_SEC);
  buckets.write(tx, keys.bucketDays);
  if (queues.size > 0) tx.sadd(keys.queues, ...queues);
  for (const [agent, name] of names) {
    if (name) tx.hset(keys.agents, agent, name);
    else tx.hsetnx(keys.agents, agent, '');
  }
  for (const agent of changedPresence) tx.set(keys.presence(agent), JSON.stringify(presence.get(agent)));
  for (const { agent, span } of spans) tx.zadd(keys.spans, span.end, encodeSpan(agent, span));
  for (const span of activity) tx.zadd(keys.activity, span.end, encodeActivity(span));
  for (const record of records) {
    const day = dayName(dayOf(record.endedAt));
    const key = keys.records(day);
    const field = recordField(source, record);
    tx.hset(key, field, JSON.stringify(record));
    tx.zadd(recordsByEnd(key), record.endedAt, field);
    tx.zadd(keys.recordDays, dayOf(record.endedAt) * DAY_SEC, key);
  }
}
