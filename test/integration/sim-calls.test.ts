import { describe, expect, it } from 'vitest';
import type { AmiMsg, SimClient } from '../support/sim-client.ts';
import { simulatorsPerTest } from '../support/sim-per-test.ts';
import { steadyBehaviour } from '../support/sim-scenarios.ts';

const START = 1_795_842_880_000;
/** Agents answer after 2 s and the caller hangs up after 5 s of talk, unless a test says otherwise. */
const STEADY = steadyBehaviour(2, 5);
const start = simulatorsPerTest({ startTime: START, behaviour: STEADY });

async function pauseAllBut(client: SimClient, keep: string[]): Promise<void> {
  for (const ext of ['1001', '1002', '1003', '1004'].filter((e) => !keep.includes(e))) {
    await client.action('QueuePause', [
      ['Interface', `Local/${ext}@agents`],
      ['Paused', 'true'],
      ['Queue', 'sales'],
      ['Reason', 'Meeting'],
    ]);
  }
}

function originate(client: SimClient, extra: [string, string][] = []): Promise<AmiMsg> {
  const defaults: [string, string][] = [
    ['Channel', 'Local/sales@callers'],
    ['Application', 'Wait'],
    ['Data', '3600'],
    ['CallerID', '"Ann Caller" <5552001>'],
    ['Async', 'true'],
  ];
  return client.action('Originate', [...defaults.filter(([k]) => !extra.some(([e]) => e === k)), ...extra]);
}

/** Settles delivery: everything written before the Ping's answer has arrived. */
async function settle(client: SimClient): Promise<AmiMsg[]> {
  await client.action('Ping');
  return client.events();
}

describe('queue calls', () => {
  it('puts an originated caller into the queue with the channels and events of the traces', async () => {
    const { sim, client } = await start();
    const response = await originate(client);
    expect(response.raw).toBe('Response: Success\r\nActionID: t-2\r\nMessage: Originate successfully queued\r\n\r\n');
    sim.advance(500);
    const events = await settle(client);
    const names = events
      .filter((m) => m.name !== 'SuccessfulAuth' && m.name !== 'FullyBooted')
      .map((m) => `${m.name} ${m.get('Channel') ?? m.get('DestChannel') ?? m.get('Device') ?? ''}`);
    expect(names.slice(0, 9)).toEqual([
      'Newchannel Local/sales@callers-00000000;1',
      'Newchannel Local/sales@callers-00000000;2',
      'DialBegin Local/sales@callers-00000000;1',
      'Newstate Local/sales@callers-00000000;2',
      'Newstate Local/sales@callers-00000000;1',
      'DialEnd Local/sales@callers-00000000;1',
      'OriginateResponse Local/sales@callers-00000000;1',
      'DeviceStateChange Local/sales@callers',
      'DeviceStateChange Queue:sales',
    ]);
    const join = events.find((m) => m.name === 'QueueCallerJoin');
    expect([
      join?.get('Channel'),
      join?.get('Queue'),
      join?.get('Position'),
      join?.get('Count'),
      join?.get('CallerIDNum'),
    ]).toEqual(['Local/sales@callers-00000000;2', 'sales', '1', '1', '5552001']);
    const originateResponse = events.find((m) => m.name === 'OriginateResponse');
    expect([
      originateResponse?.get('ActionID'),
      originateResponse?.get('Response'),
      originateResponse?.get('Reason'),
    ]).toEqual(['t-2', 'Success', '4']);
    expect(join?.get('Uniqueid')).toBe('1795842880.1');
    expect(join?.get('Linkedid')).toBe('1795842880.0');
    const called = events.find((m) => m.name === 'AgentCalled');
    expect([called?.get('DestChannel'), called?.get('MemberName'), called?.get('DestLinkedid')]).toEqual([
      'Local/1001@agents-00000001;1',
      'Alice',
      '1795842880.0',
    ]);
  });

  it('rings the next member after a ring-no-answer and the retry time', async () => {
    const { sim, client } = await start({ behaviour: { ...STEADY, noAnswerProbability: 1 } });
    await pauseAllBut(client, ['1001', '1002']);
    await originate(client);
    for (let s = 0; s < 70; s++) sim.advance(100);
    const events = await settle(client);
    const called = events.filter((m) => m.name === 'AgentCalled').map((m) => m.get('MemberName'));
    expect(called).toEqual(['Alice', 'Bob']);
    const rna = events.find((m) => m.name === 'AgentRingNoAnswer');
    expect([rna?.get('MemberName'), rna?.get('RingTime')]).toEqual(['Alice', '5000']);
    const after = events
      .slice(events.indexOf(rna as AmiMsg))
      .map((m) => m.name + (m.get('DialStatus') ? ` ${m.get('DialStatus')}` : ''));
    expect(after.slice(0, 3)).toEqual(['AgentRingNoAnswer', 'DialEnd NOANSWER', 'DialEnd CANCEL']);
  });

  it('shows wrap-up as Status 1, InCall 0, Paused 0 and offers no call before it ends', async () => {
    const { sim, client } = await start({ behaviour: { ...STEADY, talkTime: [3, 3], agentHangupProbability: 1 } });
    await pauseAllBut(client, ['1001']);
    await originate(client);
    sim.advance(500 + 2_000 + 3_000);
    const end = sim.now();
    const complete = await client.waitFor((m) => m.name === 'AgentComplete', 'AgentComplete');
    expect([complete.get('Reason'), complete.get('HoldTime'), complete.get('TalkTime')]).toEqual(['agent', '2', '3']);
    sim.advance(300);
    await originate(client, [['CallerID', '"Ben Caller" <5552002>']]);
    sim.advance(1_000);
    const status = await client.list('QueueStatus', [
      ['Queue', 'sales'],
      ['Member', 'Local/1001@agents'],
    ]);
    const alice = status.items.find((m) => m.name === 'QueueMember');
    expect([
      alice?.get('Status'),
      alice?.get('InCall'),
      alice?.get('Paused'),
      alice?.get('CallsTaken'),
      alice?.get('LastCall'),
    ]).toEqual(['1', '0', '0', '1', String(Math.floor(end / 1000))]);
    expect(status.items.filter((m) => m.name === 'QueueEntry')).toHaveLength(1);
    expect((await settle(client)).filter((m) => m.name === 'AgentCalled')).toHaveLength(1);
    sim.advance(1_800);
    const second = await client.waitFor(
      (m) => m.name === 'AgentCalled' && m.get('CallerIDNum') === '5552002',
      'the second offer',
    );
    expect(second.get('MemberName')).toBe('Alice');
  });

  it('ends a call by the caller or by the agent with the matching AgentComplete reason', async () => {
    const { sim, client } = await start({ behaviour: { ...STEADY, talkTime: [3600, 3600] } });
    await pauseAllBut(client, ['1001', '1002']);
    await originate(client);
    await originate(client, [['CallerID', '"Ben Caller" <5552002>']]);
    sim.advance(3_000);
    const connects = (await settle(client)).filter((m) => m.name === 'AgentConnect');
    expect(connects.map((m) => m.get('MemberName'))).toEqual(['Alice', 'Bob']);
    const [first, second] = connects;
    expect(
      (await client.action('Hangup', [['Channel', first?.get('Channel')?.replace(';2', ';1') ?? '']])).get('Message'),
    ).toBe('Channel Hungup');
    expect(
      (await client.action('Hangup', [['Channel', second?.get('DestChannel')?.replace(';1', ';2') ?? '']])).get(
        'Message',
      ),
    ).toBe('Channel Hungup');
    const reasons = (await settle(client))
      .filter((m) => m.name === 'AgentComplete')
      .map((m) => [m.get('MemberName'), m.get('Reason')]);
    expect(reasons).toEqual([
      ['Alice', 'caller'],
      ['Bob', 'agent'],
    ]);
    const missing = await client.action('Hangup', [['Channel', 'Local/sales@callers-000000ff;1']]);
    expect([missing.name, missing.get('Message')]).toEqual(['Error', 'No such channel']);
  });

  it('accepts the Context/Exten form and fails destinations it does not simulate', async () => {
    const { sim, client } = await start();
    await client.action('Originate', [
      ['Channel', 'Local/support@callers'],
      ['Context', 'default'],
      ['Exten', 's'],
      ['Priority', '1'],
      ['Async', 'true'],
    ]);
    await client.action('Originate', [
      ['Channel', 'Local/1006@direct'],
      ['Application', 'Wait'],
      ['Data', '3600'],
      ['Async', 'true'],
    ]);
    sim.advance(600);
    const responses = (await settle(client)).filter((m) => m.name === 'OriginateResponse');
    expect(
      responses.map((m) =>
        m.pairs
          .slice(2)
          .map(([k, v]) => `${k}=${v}`)
          .join(' '),
      ),
    ).toEqual([
      'ActionID=t-2 Response=Success Channel=Local/support@callers-00000000;1 Context=default Exten=s Reason=4 Uniqueid=1795842880.0 CallerIDNum=<unknown> CallerIDName=<unknown>',
      'ActionID=t-3 Response=Failure Channel=Local/1006@direct Application=Wait Data=3600 Reason=0 Uniqueid=<unknown> CallerIDNum=<unknown> CallerIDName=<unknown>',
    ]);
    expect((await client.action('Originate')).get('Message')).toBe('Channel not specified');
  });

  it('makes an agent unavailable through its custom device state', async () => {
    const { client } = await start();
    const set = await client.action('Setvar', [
      ['Variable', 'DEVICE_STATE(Custom:agent1002)'],
      ['Value', 'UNAVAILABLE'],
    ]);
    expect(set.get('Message')).toBe('Variable Set');
    const status = await client.waitFor((m) => m.name === 'QueueMemberStatus', 'QueueMemberStatus');
    expect([status.get('MemberName'), status.get('Status')]).toEqual(['Bob', '5']);
    const summary = await client.list('QueueSummary', [['Queue', 'sales']]);
    expect([summary.items[0]?.get('LoggedIn'), summary.items[0]?.get('Available')]).toEqual(['3', '3']);
  });
});

describe('generated traffic', () => {
  async function streamOf(seed: number): Promise<string[]> {
    const { sim, client } = await start({ seed, rate: 12, layout: undefined, behaviour: { pauseEvery: 120 } });
    for (let s = 0; s < 600; s++) sim.advance(1_000);
    await client.list('QueueStatus');
    return client.messages.filter((m) => m.name !== 'SuccessfulAuth').map((m) => m.raw);
  }

  it('is deterministic for a seed', async () => {
    const a = await streamOf(7);
    const b = await streamOf(7);
    const c = await streamOf(8);
    expect(a.length).toBeGreaterThan(1_000);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('runs a center of 1,000 agents in 50 queues', async () => {
    const { sim, client } = await start({ agents: 1000, queues: 50, rate: 600, layout: undefined, behaviour: {} });
    for (let s = 0; s < 180; s++) sim.advance(1_000);
    const summary = await client.list('QueueSummary');
    expect(summary.items).toHaveLength(50);
    expect(summary.items.reduce((n, m) => n + Number(m.get('LoggedIn')), 0)).toBeGreaterThan(1000);
    const completes = client.events().filter((m) => m.name === 'AgentComplete').length;
    expect(completes).toBeGreaterThan(500);
  });
});
