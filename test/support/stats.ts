import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Fact } from '../../server/domain/facts.ts';
import { initialState, reduce, type Reduction } from '../../server/domain/reducer.ts';
import type { LiveState, Queue } from '../../server/domain/state.ts';
import { ZERO_COUNTERS } from '../../server/domain/state.ts';
import type { StatsInput } from '../../server/stats/entries.ts';
import { createStatsStore, type StatsStore, type StatsStoreOptions } from '../../server/stats/store.ts';
import type { QueueLogEntry } from './queue-log.ts';
import { replayScenario } from './replay.ts';
import { testLogger } from './test-logger.ts';
import type { Scenario } from './traces.ts';

/** A key prefix of its own, so that suites sharing the run's Redis never see each other's statistics. */
export function statsPrefix(name: string): string {
  return `test-${name}-${randomUUID().slice(0, 8)}`;
}

export function statsStore(redis: Redis, prefix: string, options: Partial<StatsStoreOptions> = {}): StatsStore {
  return createStatsStore(redis, { prefix, source: 'pbx', log: testLogger('stats'), flushMs: 5, ...options });
}

export interface Step {
  readonly at: number;
  readonly reduction: Reduction;
}

/** A recorded trace played over TCP through the AMI connection and reduced: what the server hands to statistics. */
export async function replaySteps(scenario: Scenario, seed = 1): Promise<Step[]> {
  const { inputs } = await replayScenario(scenario, { seed });
  let state = initialState();
  return inputs.map((input) => {
    const reduction = reduce(state, input);
    state = reduction.state;
    return { at: input.at, reduction };
  });
}

/** A state holding just the queues the facts need, with their service level thresholds. */
export function stateWith(serviceLevels: Record<string, number>): LiveState {
  const queues: Record<string, Queue> = {};
  for (const [name, serviceLevelSec] of Object.entries(serviceLevels)) {
    queues[name] = { name, strategy: '', serviceLevelSec, weight: 0, maxCallers: 0, members: {}, counters: ZERO_COUNTERS };
  }
  return { ...initialState(), queues };
}

/** Synthetic facts as one reduction (no changes), the way the server hands them over. */
export function factsInput(state: LiveState, facts: readonly Fact[]): StatsInput {
  return { state, changes: [], facts };
}

/** What queue_log says about a queue, in the terms of the statistics. */
export function queueLogFigures(entries: readonly QueueLogEntry[], queue: string, serviceLevelSec: number) {
  const mine = entries.filter((entry) => entry.queue === queue);
  const lines = (event: string) => mine.filter((entry) => entry.event === event);
  const connects = lines('CONNECT');
  // COMPLETE*: holdtime|calltime|origposition; *TRANSFER: target|context (or method|data)|holdtime|calltime|origposition.
  const talk = mine.flatMap((entry) => {
    if (entry.event === 'COMPLETECALLER' || entry.event === 'COMPLETEAGENT') return [Number(entry.data[1])];
    if (entry.event.endsWith('TRANSFER')) return [Number(entry.data[3])];
    return [];
  });
  return {
    offered: lines('ENTERQUEUE').length,
    answered: connects.length,
    answeredWithinSl: connects.filter((entry) => Number(entry.data[0]) <= serviceLevelSec).length,
    holdSecAnswered: connects.reduce((sum, entry) => sum + Number(entry.data[0]), 0),
    abandoned: lines('ABANDON').length,
    timedOut: lines('EXITWITHTIMEOUT').length,
    completed: talk.length,
    talkSec: talk.reduce((sum, sec) => sum + sec, 0),
  };
}
