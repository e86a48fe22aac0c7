import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Fact } from '../../server/domain/facts.ts';
import { initialState, reduce, type Reduction } from '../../server/domain/reducer.ts';
import type { LiveState, Queue } from '../../server/domain/state.ts';
import { ZERO_COUNTERS } from '../../server/domain/state.ts';
import { Table } from '../../server/domain/table.ts';
import type { QueueStats } from '../../server/contract/stats.ts';
import type { StatsInput } from '../../server/stats/counting/entries.ts';
import { createStatsStore, type StatsStore, type StatsStoreOptions } from '../../server/stats/redis/store.ts';
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

/** The window covering a whole trace, and a clock stopped just after its last input. */
export function traceWindow(steps: readonly Step[]) {
  const ats = steps.map((step) => step.at);
  return { since: Math.min(...ats), until: null, now: Math.max(...ats) + 1_000 };
}

export async function recordAll(store: StatsStore, steps: readonly Step[]): Promise<void> {
  for (const step of steps) store.record(step.at, step.reduction);
  await store.flush();
}

/**
 * The same steps recorded three ways, each under a prefix of its own: once; twice; and by a server "killed" at 60 %
 * whose successor re-reduces from 40 % on (state and statistics are written apart), read by a third store.
 */
export async function recordedThreeWays(
  redis: Redis,
  name: string,
  steps: readonly Step[],
  options: Partial<StatsStoreOptions>,
): Promise<{ once: StatsStore; twice: StatsStore; resumed: StatsStore; close: () => Promise<void> }> {
  const once = statsStore(redis, statsPrefix(`${name}-once`), options);
  const twice = statsStore(redis, statsPrefix(`${name}-twice`), options);
  const restartPrefix = statsPrefix(`${name}-restart`);
  const beforeRestart = statsStore(redis, restartPrefix, options);
  await recordAll(once, steps);
  await recordAll(twice, steps);
  await recordAll(twice, steps);
  await recordAll(beforeRestart, steps.slice(0, Math.floor(steps.length * 0.6)));
  await beforeRestart.close();
  const afterRestart = statsStore(redis, restartPrefix, options);
  await recordAll(afterRestart, steps.slice(Math.floor(steps.length * 0.4)));
  await afterRestart.close();
  const resumed = statsStore(redis, restartPrefix, options);
  return {
    once,
    twice,
    resumed,
    close: async () => {
      await Promise.all([once.close(), twice.close(), resumed.close()]);
    },
  };
}

/** A state holding just the queues the facts need, with their service level thresholds. */
export function stateWith(serviceLevels: Record<string, number>): LiveState {
  const queues: Record<string, Queue> = {};
  for (const [name, serviceLevelSec] of Object.entries(serviceLevels)) {
    queues[name] = {
      name,
      strategy: '',
      serviceLevelSec,
      weight: 0,
      maxCallers: 0,
      members: Table.empty(),
      counters: ZERO_COUNTERS,
    };
  }
  return { ...initialState(), queues };
}

/** Synthetic facts as one reduction (no changes), the way the server hands them over. */
export function factsInput(state: LiveState, facts: readonly Fact[]): StatsInput {
  return { state, changes: [], facts };
}

/** A queue's statistics in the terms of queueLogFigures. */
export function queueFigures(queue: QueueStats | undefined) {
  return {
    offered: queue?.offered,
    answered: queue?.answered,
    answeredWithinSl: queue?.answeredWithinSl,
    holdSecAnswered: queue?.holdSecAnswered,
    abandoned: queue?.abandoned,
    timedOut: queue?.timedOut,
    completed: queue?.completed,
    talkSec: queue?.talkSec,
  };
}

/** The queues queue_log has callers of. */
export const queueLogQueues = (entries: readonly QueueLogEntry[]): string[] => [
  ...new Set(entries.filter((entry) => entry.event === 'ENTERQUEUE').map((entry) => entry.queue)),
];

/** What queue_log says about an agent (it names the member: log_membername_as_agent), in the statistics' terms. */
export function agentLogFigures(entries: readonly QueueLogEntry[], name: string) {
  const mine = entries.filter((entry) => entry.agent === name);
  return {
    answered: mine.filter((entry) => entry.event === 'CONNECT').length,
    missed: mine.filter((entry) => entry.event === 'RINGNOANSWER').length,
    talkSec: mine
      .filter((entry) => entry.event.startsWith('COMPLETE'))
      .reduce((sum, entry) => sum + Number(entry.data[1]), 0),
  };
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
