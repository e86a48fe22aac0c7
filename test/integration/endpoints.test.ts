import { describe, expect, it } from 'vitest';
import { mergeChanged, mergeEndpoints, qualifyInput } from '../../server/domain/endpoints.ts';
import { presentEntities, presentState } from '../../server/domain/present.ts';
import { initialState, reduce } from '../../server/domain/reducer.ts';
import type { DomainInput } from '../../server/domain/input.ts';
import type { Fact } from '../../server/domain/facts.ts';
import type { LiveState } from '../../server/domain/state.ts';
import { plainState } from '../support/plain-state.ts';
import { replayScenario } from '../support/replay.ts';
import { SCENARIOS } from '../support/traces.ts';

/**
 * A board fed by several PBXs reduces each one's inputs with every name qualified (`east/sales`). Over every recorded
 * trace, that must give the same state and the same facts as the plain inputs, with names prefixed and nothing else
 * changed: no count, time or caller number may differ, and every queue, member, channel and call must carry the prefix.
 */

const PREFIX = 'east/';

function reduceAll(inputs: readonly DomainInput[]): { state: LiveState; facts: Fact[] } {
  let state = initialState();
  const facts: Fact[] = [];
  for (const input of inputs) {
    const reduction = reduce(state, input);
    state = reduction.state;
    facts.push(...reduction.facts);
  }
  return { state, facts };
}

/** Walks both values together: equal, except that a string (or record key) of `qualified` may be `east/` + plain's. */
function differences(plain: unknown, qualified: unknown, path: string, out: string[]): void {
  if (typeof plain === 'string' && typeof qualified === 'string') {
    if (qualified !== plain && qualified !== PREFIX + plain) out.push(`${path}: ${plain} → ${qualified}`);
    return;
  }
  if (typeof plain !== 'object' || plain === null || typeof qualified !== 'object' || qualified === null) {
    if (!Object.is(plain, qualified)) out.push(`${path}: ${String(plain)} → ${String(qualified)}`);
    return;
  }
  const plainEntries = Object.entries(plain);
  const qualifiedEntries = Object.entries(qualified);
  if (plainEntries.length !== qualifiedEntries.length)
    out.push(`${path}: ${plainEntries.length} → ${qualifiedEntries.length} entries`);
  const byKey = new Map(qualifiedEntries);
  for (const [key, value] of plainEntries) {
    const match = byKey.has(key) ? key : PREFIX + key;
    if (!byKey.has(match)) out.push(`${path}.${key}: missing`);
    else differences(value, byKey.get(match), `${path}.${key}`, out);
  }
}

/** Keys whose values identify a queue, member, channel or call, wherever they occur. */
const IDENTIFIER_KEYS = new Set([
  'id',
  'callId',
  'queue',
  'queues',
  'name',
  'interface',
  'agent',
  'agentInterface',
  'channel',
]);

/** Every non-empty identifier value in a state, its facts and its view; display names (`name` of members) excepted. */
function identifiers(value: unknown, key = '', parent?: object): string[] {
  if (typeof value === 'string') {
    const displayName = key === 'name' && parent !== undefined && !('strategy' in parent);
    return IDENTIFIER_KEYS.has(key) && value !== '' && !displayName ? [value] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item) => identifiers(item, key, parent));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([child, item]) => identifiers(item, child, value));
}

describe('several PBXs: qualified names', () => {
  it.each(SCENARIOS)('%s: the same state and facts, every name prefixed and nothing else', async (scenario) => {
    const { inputs } = await replayScenario(scenario);
    const plain = reduceAll(inputs);
    const qualified = reduceAll(inputs.map((input) => qualifyInput('east', input)));

    const found: string[] = [];
    differences(
      { ...plain, state: plainState(plain.state) },
      { ...qualified, state: plainState(qualified.state) },
      '',
      found,
    );
    expect(found).toEqual([]);

    const now = inputs.at(-1)?.at ?? 0;
    const view = presentEntities(qualified.state, now);
    const api = presentState(qualified.state, now);
    const names = identifiers({ state: plainState(qualified.state), facts: qualified.facts, view, api });
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => !name.startsWith(PREFIX))).toEqual([]);
    const shown = [
      ...api.queues.flatMap((queue) => queue.members.map((member) => member.name)),
      ...view.calls.flatMap((call) => [call.callerIdNum, call.callerIdName, call.agentName ?? '', ...call.ringing]),
      ...view.agents.map((agent) => agent.name),
    ];
    expect(shown.filter((text) => text.startsWith(PREFIX))).toEqual([]);
  });
});

describe('several PBXs: the board merged change by change', () => {
  /** What a board shows of its calls beyond plainState: each queue's line in order, each agent's calls. */
  const lines = (state: LiveState) => ({
    waiting: Object.keys(state.queues).map((queue) => state.calls.waiting(queue).map((call) => call.id)),
    connected: [...new Set(state.calls.values().flatMap((call) => call.agent ?? []))]
      .sort()
      .map((agent) => state.calls.connectedTo(agent).map((call) => call.id)),
  });

  it.each(SCENARIOS.map((scenario, i) => [scenario, SCENARIOS[(i + 1) % SCENARIOS.length]!]))(
    '%s beside %s: after every input, the union of the two PBXs’ states',
    async (east, west) => {
      const streams = await Promise.all(
        [east, west].map(async (scenario, i) => {
          const endpoint = i === 0 ? 'east' : 'west';
          const { inputs } = await replayScenario(scenario);
          return inputs.map((input) => ({ endpoint, input: qualifyInput(endpoint, input) }));
        }),
      );
      // Interleaved as two PBXs' events arrive: one from each in turn while both have some.
      const arrivals = Array.from({ length: Math.max(...streams.map((s) => s.length)) }, (_, i) =>
        streams.flatMap((stream) => stream[i] ?? []),
      ).flat();
      const base = initialState().stats;
      const parts = new Map([
        ['east', initialState()],
        ['west', initialState()],
      ]);
      let board = mergeEndpoints(parts, base);
      let merges = 0;
      for (const { endpoint, input } of arrivals) {
        const reduction = reduce(parts.get(endpoint)!, input);
        parts.set(endpoint, reduction.state);
        if (reduction.changes.length === 0 && reduction.facts.length === 0) continue;
        board = mergeChanged(board, reduction.state, reduction.changes, parts, base);
        merges += 1;
        const whole = mergeEndpoints(parts, base);
        expect(plainState(board)).toEqual(plainState(whole));
        expect(lines(board)).toEqual(lines(whole));
      }
      expect(merges).toBeGreaterThan(0);
    },
  );
});
