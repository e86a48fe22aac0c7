import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SECRET, type Simulator, startSimulator } from '../../server/sim/index.ts';
import { type AmiMsg, SimClient } from '../support/sim-client.ts';
import { callerStories } from '../support/sim-scenarios.ts';
import { rawPairs, readTraceMessages, SCENARIOS } from '../support/traces.ts';

/** Field-name sequences of every event in the recorded traces, by event name. */
function traceShapes(): Map<string, Set<string>> {
  const shapes = new Map<string, Set<string>>();
  for (const scenario of SCENARIOS) {
    for (const m of readTraceMessages(scenario)) {
      if (m.kind !== 'event' || !m.raw || !m.name) continue;
      const set = shapes.get(m.name) ?? new Set<string>();
      set.add(
        rawPairs(m.raw)
          .map(([k]) => k)
          .join(','),
      );
      shapes.set(m.name, set);
    }
  }
  return shapes;
}

/** Runs a busy center for `minutes` of simulated time, polling the lists and using the actions a wallboard drives. */
async function busyRun(sim: Simulator, client: SimClient, minutes: number): Promise<void> {
  await client.login(DEMO_SECRET);
  for (let minute = 0; minute < minutes; minute++) {
    for (let s = 0; s < 60; s++) sim.advance(1_000);
    await client.list('QueueSummary');
    if (minute % 5 === 0) {
      await client.list('QueueStatus');
      await client.list('DeviceStateList');
      const channels = await client.list('CoreShowChannels');
      // Hang up one caller leg and one agent leg by name, as an operator would.
      const leg = (re: RegExp): string | undefined =>
        channels.items.map((m) => m.get('Channel') ?? '').find((c) => re.test(c));
      const callerLeg = leg(/@callers-.*;1$/);
      const agentLeg = leg(/@agents-.*;2$/);
      if (callerLeg) await client.action('Hangup', [['Channel', callerLeg]]);
      if (agentLeg) await client.action('Hangup', [['Channel', agentLeg]]);
    }
    if (minute % 7 === 3) {
      await client.action('QueueAdd', [
        ['Queue', 'billing'],
        ['Interface', 'Local/1001@agents'],
        ['MemberName', 'Alice'],
        ['StateInterface', 'Custom:agent1001'],
      ]);
      await client.action('Originate', [
        ['Channel', 'Local/billing@callers'],
        ['Application', 'Wait'],
        ['Data', '3600'],
        ['CallerID', '"Ann Caller" <5551001>'],
        ['Variable', 'MAXWAIT=20'],
        ['Async', 'true'],
      ]);
      await client.action('Originate', [
        ['Channel', 'Local/1006@direct'],
        ['Application', 'Wait'],
        ['Data', '3600'],
        ['Async', 'true'],
      ]);
      for (let s = 0; s < 30; s++) sim.advance(1_000);
      await client.action('QueueRemove', [
        ['Queue', 'billing'],
        ['Interface', 'Local/1001@agents'],
      ]);
    }
  }
  await client.list('QueueStatus');
}

/** Queue callers' channels with more than one CDR, their records in order. */
function callerSplits(cdrs: readonly Map<string, string>[]): Map<string, string>[][] {
  const byChannel = new Map<string, Map<string, string>[]>();
  for (const cdr of cdrs) {
    const channel = cdr.get('Channel') ?? '';
    if (/@callers-.*;2$/.test(channel)) byChannel.set(channel, [...(byChannel.get(channel) ?? []), cdr]);
  }
  return [...byChannel.values()].filter((records) => records.length > 1);
}

let shapes: Map<string, Set<string>>;
let sim: Simulator;
let client: SimClient;
let events: AmiMsg[];

beforeAll(async () => {
  shapes = traceShapes();
  sim = await startSimulator({
    port: 0,
    clock: 'manual',
    startTime: 1_795_843_000_000,
    seed: 42,
    rate: 9,
    behaviour: { pauseEvery: 300, maxWaitShare: 0.2, maxWait: 60 },
  });
  client = await SimClient.connect(sim.port);
  await busyRun(sim, client, 60);
  events = client.messages.filter((m) => m.kind === 'event');
});

afterAll(async () => {
  client.close();
  await sim.close();
});

describe('fidelity to the recorded traces', () => {
  it('emits only event names that Asterisk sends, covering the queue call life cycle', () => {
    const names = new Set(events.map((m) => m.name));
    expect([...names].filter((n) => !shapes.has(n))).toEqual([]);
    for (const required of [
      'Newchannel',
      'Newstate',
      'DialBegin',
      'DialEnd',
      'OriginateResponse',
      'QueueCallerJoin',
      'AgentCalled',
      'QueueMemberStatus',
      'DeviceStateChange',
      'AgentRingNoAnswer',
      'QueueCallerLeave',
      'AgentConnect',
      'BridgeCreate',
      'BridgeEnter',
      'BridgeLeave',
      'BridgeDestroy',
      'AgentComplete',
      'QueueCallerAbandon',
      'HangupRequest',
      'SoftHangupRequest',
      'Hangup',
      'VarSet',
      'QueueMemberPause',
      'QueueMemberAdded',
      'QueueMemberRemoved',
      'QueueParams',
      'QueueMember',
      'QueueEntry',
      'QueueSummary',
      'CoreShowChannel',
      'FullyBooted',
      'SuccessfulAuth',
      'Cdr',
    ]) {
      expect(names, required).toContain(required);
    }
  });

  it('gives every event the field names, in the order, of a real event of the same name', () => {
    const mismatches = new Set<string>();
    for (const m of events) {
      const keys = m.pairs.map(([k]) => k).join(',');
      if (!shapes.get(m.name)?.has(keys)) mismatches.add(`${m.name}: ${keys}`);
    }
    expect([...mismatches]).toEqual([]);
  });

  it("sends CDRs as trace 17 has them: none for a member's dialled leg, FAILED or NO ANSWER by the hang-up cause", () => {
    const kind = (channel: string) =>
      channel
        .replace(/-[0-9a-f]+;/, ';')
        .replace(/^Local\/\d+@agents/, 'agent')
        .replace(/^Local\/\w+@callers/, 'caller')
        .replace(/^Local\/\d+@direct/, 'direct');
    const fact = (get: (field: string) => string | undefined) =>
      `${kind(get('Channel') ?? '')} ${get('Disposition')} ${get('AnswerTime') ? 'answered' : 'unanswered'}`;
    const recorded = new Set(
      readTraceMessages('17-cdr-events')
        .filter((m) => m.name === 'Cdr' && m.raw)
        .map((m) => {
          const fields = new Map(rawPairs(m.raw ?? ''));
          return fact((field) => fields.get(field));
        }),
    );
    const simulated = new Set(events.filter((m) => m.name === 'Cdr').map((m) => fact((field) => m.get(field))));
    expect([...simulated].filter((seen) => !recorded.has(seen))).toEqual([]);
    // A ring the queue ended (the caller hung up, or another member answered): its agent leg was never answered.
    expect(simulated).toContain('agent;2 FAILED unanswered');
    // A caller's channel is answered before Queue(): its CDR is never FAILED, even when nobody answered.
    expect([...simulated].filter((seen) => seen.startsWith('caller'))).toEqual(
      expect.arrayContaining(['caller;1 ANSWERED answered', 'caller;2 ANSWERED answered']),
    );
  });

  it("splits a queue caller's CDR as trace 17 does: a dial that rang out ends a NO ANSWER record, the next dial begins one", () => {
    const traced = readTraceMessages('17-cdr-events')
      .filter((m) => m.name === 'Cdr' && m.raw)
      .map((m) => new Map(rawPairs(m.raw ?? '')));
    const simulated = events.filter((m) => m.name === 'Cdr').map((m) => new Map(m.pairs));
    for (const [source, cdrs] of [
      ['trace 17', traced],
      ['simulator', simulated],
    ] as const) {
      const split = callerSplits(cdrs);
      expect(split.length, source).toBeGreaterThan(0);
      for (const records of split) {
        const ended = records.slice(0, -1);
        // Each record a dial rang out: NO ANSWER, naming that member's leg, billable from the caller's answer.
        expect(
          ended.map((r) => [r.get('Disposition'), /@agents-.*;1$/.test(r.get('DestinationChannel') ?? '')]),
          source,
        ).toEqual(ended.map(() => ['NO ANSWER', true]));
        for (const r of ended) expect(r.get('BillableSeconds'), source).toBe(r.get('Duration'));
        // The next record begins at the next dial, after the one before ended.
        for (let i = 1; i < records.length; i++) {
          expect((records[i]?.get('StartTime') ?? '') >= (records[i - 1]?.get('EndTime') ?? ''), source).toBe(true);
        }
      }
    }
  });

  it('adds Timestamp exactly where timestampevents = yes puts it', async () => {
    const stamped = await startSimulator({
      port: 0,
      clock: 'manual',
      startTime: 1_795_843_000_000,
      seed: 3,
      rate: 20,
      timestampEvents: true,
    });
    const c = await SimClient.connect(stamped.port);
    try {
      await c.login(DEMO_SECRET);
      for (let s = 0; s < 600; s++) stamped.advance(1_000);
      await c.list('QueueStatus');
      const wrong = c.messages
        .filter((m) => m.kind === 'event')
        .map((m) => `${m.name}: ${m.pairs.map(([k]) => k).join(',')}`)
        .filter((shape) => {
          const name = shape.split(':')[0] ?? '';
          const keys = shape.slice(shape.indexOf(': ') + 2);
          // An event recorded only without timestamps (Cdr: trace 17) must have Timestamp where every event has it.
          const recordedStamped = [...(shapes.get(name) ?? [])].some((known) => known.includes(',Timestamp,'));
          return !shapes.get(name)?.has(recordedStamped ? keys : keys.replace('Privilege,Timestamp,', 'Privilege,'));
        });
      expect([...new Set(wrong)]).toEqual([]);
      expect(c.messages.some((m) => m.get('Timestamp') !== undefined && m.name === 'AgentConnect')).toBe(true);
    } finally {
      c.close();
      await stamped.close();
    }
  });

  it('orders every abandon, timeout and answer as the reducer relies on', () => {
    const stories = callerStories(events);
    const abandons = stories.filter((s) => s.steps.some((x) => x.startsWith('QueueCallerAbandon')));
    const timeouts = abandons.filter((s) => s.steps.includes('VarSet QUEUESTATUS=TIMEOUT'));
    expect(timeouts.length).toBeGreaterThan(0);
    expect(abandons.length).toBeGreaterThan(timeouts.length);
    for (const { channel, steps } of abandons) {
      const tail = steps
        .slice(1)
        .map((x) => x.split(' ')[0] + (x.startsWith('VarSet') ? ` ${x.split(' ')[1]?.split('=')[0]}` : ''));
      const expected = timeouts.some((t) => t.channel === channel)
        ? ['VarSet ABANDONED', 'QueueCallerAbandon', 'QueueCallerLeave', 'VarSet QUEUEPOSITION', 'VarSet QUEUESTATUS']
        : ['HangupRequest', 'VarSet ABANDONED', 'QueueCallerAbandon', 'QueueCallerLeave', 'VarSet QUEUEPOSITION'];
      expect(tail, channel).toEqual(expected);
    }
    // A timed-out caller's legs get no hang-up of any kind before Queue() returns TIMEOUT.
    for (const { channel } of timeouts) {
      const base = channel.slice(0, -2);
      const mine = events.filter((m) => (m.get('Channel') ?? '').startsWith(base));
      const status = mine.findIndex((m) => m.get('Variable') === 'QUEUESTATUS');
      expect(
        mine.slice(0, status).filter((m) => /Hangup/.test(m.name)),
        channel,
      ).toEqual([]);
    }
    // On answer, QueueCallerLeave of the same caller is the last event before AgentConnect but for VarSets.
    let connects = 0;
    events.forEach((m, i) => {
      if (m.name !== 'AgentConnect') return;
      connects++;
      const previous = events
        .slice(0, i)
        .reverse()
        .find((p) => p.name !== 'VarSet');
      expect([previous?.name, previous?.get('Channel')]).toEqual(['QueueCallerLeave', m.get('Channel')]);
    });
    expect(connects).toBeGreaterThan(100);
  });

  it('keeps QueueParams consistent with the events, under app_queue definitions', () => {
    const lastStatus = client.messages.filter((m) => m.name === 'QueueParams').slice(-3);
    expect(lastStatus).toHaveLength(3);
    for (const params of lastStatus) {
      const queue = params.get('Queue');
      const mine = events.filter((m) => m.get('Queue') === queue && m.get('Privilege') !== undefined);
      const sl = Number(params.get('ServiceLevel'));
      let holdtime = 0;
      let talktime = 0;
      let completed = 0;
      let abandoned = 0;
      let inSl = 0;
      let abandonedInSl = 0;
      for (const m of mine) {
        if (m.name === 'AgentConnect') {
          const h = Number(m.get('HoldTime'));
          holdtime = completed + abandoned === 0 ? h : (3 * holdtime + h) >> 2;
        } else if (m.name === 'AgentComplete') {
          const t = Number(m.get('TalkTime'));
          talktime = completed === 0 ? t : (3 * talktime + t) >> 2;
          completed++;
          if (Number(m.get('HoldTime')) <= sl) inSl++;
        } else if (m.name === 'QueueCallerAbandon') {
          abandoned++;
          if (Number(m.get('HoldTime')) <= sl) abandonedInSl++;
        }
      }
      const joined = mine.filter((m) => m.name === 'QueueCallerJoin').length;
      const left = mine.filter((m) => m.name === 'QueueCallerLeave').length;
      expect({
        Calls: params.get('Calls'),
        Completed: params.get('Completed'),
        Abandoned: params.get('Abandoned'),
        Holdtime: params.get('Holdtime'),
        TalkTime: params.get('TalkTime'),
        ServicelevelPerf: params.get('ServicelevelPerf'),
        ServicelevelPerf2: params.get('ServicelevelPerf2'),
      }).toEqual({
        Calls: String(joined - left),
        Completed: String(completed),
        Abandoned: String(abandoned),
        Holdtime: String(holdtime),
        TalkTime: String(talktime),
        ServicelevelPerf: (completed ? (100 * inSl) / completed : 0).toFixed(1),
        ServicelevelPerf2: (completed + abandoned
          ? (100 * (inSl + abandonedInSl)) / (completed + abandoned)
          : 0
        ).toFixed(1),
      });
    }
  });
});
