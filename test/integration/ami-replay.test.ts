import { describe, expect, it } from 'vitest';
import type { AmiFields, DomainInput } from '../../server/domain/input.ts';
import { replayScenario } from '../support/replay.ts';
import { rawPairs, readTraceMessages, SCENARIOS, type Scenario } from '../support/traces.ts';

const SEEDS = [1, 2, 3];

/** The trace's events that are not items of a list (those answer one action on the recording connection). */
function unsolicitedEvents(scenario: Scenario): string[] {
  const messages = readTraceMessages(scenario);
  const actionId = (raw: string) => /(?:^|\n)ActionID: ([^\r\n]*)\r\n/.exec(raw)?.[1];
  const lists = new Set(
    messages.flatMap((m) =>
      m.kind === 'response' && m.raw?.includes('\r\nEventList: start\r\n') ? [actionId(m.raw)] : [],
    ),
  );
  return messages.flatMap((m) => (m.kind === 'event' && m.raw && !lists.has(actionId(m.raw)) ? [m.raw] : []));
}

/** What the AMI parser makes of a raw event: keys lower-cased, repeats as arrays, Variable lines as a map. */
function expectedFields(raw: string): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of rawPairs(raw)) {
    const name = key.trim().toLowerCase();
    const previous = fields[name];
    if (name === 'variable' || name === 'chanvariable') {
      const [variable = '', ...rest] = value.split('=');
      fields[name] = { ...(previous as object), [variable]: rest.join('=') };
    } else if (previous === undefined) fields[name] = value;
    else fields[name] = Array.isArray(previous) ? [...(previous as string[]), value] : [previous, value];
  }
  return fields;
}

const events = (inputs: DomainInput[]): AmiFields[] => inputs.flatMap((i) => (i.type === 'event' ? [i.fields] : []));
const skeleton = (inputs: DomainInput[]) =>
  inputs.filter((i) => i.type !== 'event').map((i) => (i.type === 'link' ? (i.up ? 'up' : 'down') : 'resync'));

describe.each(SCENARIOS)('replay of %s', (scenario) => {
  const expected = unsolicitedEvents(scenario);

  it.each(SEEDS)('delivers every unsolicited event, unchanged and in order (chunking seed %i)', async (seed) => {
    const { inputs, player, status } = await replayScenario(scenario, { seed });
    const delivered = events(inputs);
    expect(delivered.length).toBe(expected.length);
    // Field by field for one seed; the other seeds check names and order (cheaper on the big traces).
    if (seed === SEEDS[0]) expect(delivered).toEqual(expected.map(expectedFields));
    else expect(delivered.map((f) => f.event)).toEqual(expected.map((raw) => rawPairs(raw)[0]![1]));
    expect(status.counters.events).toBe(expected.length);

    const sessions = scenario === '13-asterisk-restart' ? 2 : 1;
    expect(skeleton(inputs)).toEqual(Array.from({ length: sessions }, () => ['up', 'resync', 'down']).flat());
    expect(status.counters.reconnects).toBe(sessions - 1);
    expect(Object.keys(player.substituted)).toHaveLength(4 * sessions);
  });
});

describe('replay details', () => {
  it('12: events carrying Timestamp get it as their time, others the receive time', async () => {
    const { inputs } = await replayScenario('12-timestamps');
    const stamped = inputs.filter((i) => i.type === 'event' && typeof i.fields.timestamp === 'string');
    expect(stamped.length).toBeGreaterThan(4_000);
    for (const input of stamped) {
      if (input.type !== 'event') continue;
      expect(input.at).toBe(Math.round(Number(input.fields.timestamp) * 1000));
    }
    const fullyBooted = inputs.find((i) => i.type === 'event' && i.fields.event === 'FullyBooted');
    expect(fullyBooted?.at).toBeGreaterThan(Date.now() - 60_000);
  });

  it("13: the other connection's SuccessfulAuth that arrived during the second resync follows that resync", async () => {
    const { inputs } = await replayScenario('13-asterisk-restart', { seed: 5 });
    const second = inputs.findLastIndex((i) => i.type === 'resync');
    const next = inputs[second + 1];
    expect(next?.type === 'event' && next.fields.event).toBe('FullyBooted');
    const after = inputs.slice(second + 1, second + 4).map((i) => (i.type === 'event' ? i.fields.event : i.type));
    expect(after).toContain('SuccessfulAuth');
  });
});
