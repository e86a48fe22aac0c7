import { describe, expect, it } from 'vitest';
import type { Simulator } from '../../server/sim/index.ts';
import { pauseAllButAlice } from '../support/monitoring.ts';
import type { AmiMsg, SimClient } from '../support/sim-client.ts';
import { simulatorsPerTest } from '../support/sim-per-test.ts';
import { type Replay, steadyBehaviour } from '../support/sim-scenarios.ts';

/** The simulator's ChanSpy, against what traces 07 and 15 show of Asterisk's. */
const START = 1_795_842_880_000;
const startSimulator = simulatorsPerTest({
  startTime: START,
  behaviour: steadyBehaviour(2, 60),
  phones: ['PJSIP/2005'],
});

/** The fresh PBX with Bob, Carol and Dave paused in sales, so that Alice answers its calls. */
async function start(): Promise<Replay> {
  const { sim, client } = await startSimulator();
  await pauseAllButAlice(client);
  return { sim, client };
}

/** Alice answers a caller; resolves with the caller's `;1` channel. */
async function aliceOnACall(sim: Simulator, client: SimClient): Promise<string> {
  const id = client.sendAction('Originate', [
    ['Channel', 'Local/sales@callers'],
    ['Application', 'Wait'],
    ['Data', '3600'],
    ['CallerID', '"Ann Caller" <5552001>'],
    ['Async', 'true'],
  ]);
  await client.response(id);
  for (let step = 0; step < 30; step++) sim.advance(100);
  const response = await client.waitFor(
    (m) => m.name === 'OriginateResponse' && m.get('ActionID') === id,
    'the caller',
  );
  await client.waitFor((m) => m.name === 'AgentConnect', 'Alice answering');
  return response.get('Channel')!;
}

async function spy(client: SimClient, device: string, options: string): Promise<string> {
  const id = client.sendAction('Originate', [
    ['Channel', device],
    ['Application', 'ChanSpy'],
    ['Data', `Local/1001@agents-,${options}`],
    ['CallerID', '"Monitor Alice" <1001>'],
    ['Timeout', '30000'],
    ['ChannelId', 'mon-1'],
    ['Async', 'true'],
  ]);
  await client.response(id);
  return id;
}

const settle = async (client: SimClient): Promise<AmiMsg[]> => {
  await client.action('Ping');
  return client.events();
};
const named = (events: AmiMsg[], name: string) => events.filter((m) => m.name === name);

describe('simulated ChanSpy', () => {
  it('rings the phone, spies on the bridged half of the agent, hears PlayDTMF, and ends with the call (E)', async () => {
    const { sim, client } = await start();
    const caller = await aliceOnACall(sim, client);
    const id = await spy(client, 'PJSIP/2005', 'qbEd');
    const answered = await client.waitFor(
      (m) => m.name === 'OriginateResponse' && m.get('ActionID') === id,
      'the phone',
    );
    expect([answered.get('Response'), answered.get('Reason'), answered.get('Uniqueid')]).toEqual([
      'Success',
      '4',
      'mon-1',
    ]);
    const phone = answered.get('Channel')!;
    expect(phone).toMatch(/^PJSIP\/2005-[0-9a-f]{8}$/);
    const started = await client.waitFor((m) => m.name === 'ChanSpyStart', 'ChanSpyStart');
    expect([started.get('SpyerChannel'), started.get('SpyerLinkedid')]).toEqual([phone, 'mon-1']);
    expect(started.get('SpyeeChannel')).toMatch(/^Local\/1001@agents-[0-9a-f]{8};1$/);

    const dtmf = await client.action('PlayDTMF', [
      ['Channel', phone],
      ['Digit', '5'],
      ['Duration', '250'],
      ['Receive', 'true'],
    ]);
    expect(dtmf.get('Message')).toBe('DTMF successfully queued');
    const digit = await client.waitFor((m) => m.name === 'DTMFEnd', 'the digit');
    expect([digit.get('Channel'), digit.get('Digit'), digit.get('Direction'), digit.get('Linkedid')]).toEqual([
      phone,
      '5',
      'Received',
      'mon-1',
    ]);

    await client.action('Hangup', [['Channel', caller]]);
    const events = await settle(client);
    const stop = named(events, 'ChanSpyStop');
    expect(stop.map((m) => m.get('SpyerChannel'))).toEqual([phone]);
    expect(named(events, 'Hangup').some((m) => m.get('Channel') === phone)).toBe(true);
    const order = events.map((m) => `${m.name} ${m.get('Channel') ?? ''}`);
    expect(order.indexOf(`Hangup ${phone}`)).toBeGreaterThan(events.indexOf(stop[0]!));
  });

  it('waits silently while the agent has no bridged call, and attaches once there is one', async () => {
    const { sim, client } = await start();
    await spy(client, 'PJSIP/2005', 'qbEd');
    await client.waitFor((m) => m.name === 'OriginateResponse', 'the phone');
    sim.advance(3_000);
    expect(named(await settle(client), 'ChanSpyStart')).toEqual([]);
    await aliceOnACall(sim, client);
    sim.advance(1_000);
    await client.waitFor((m) => m.name === 'ChanSpyStart', 'ChanSpyStart once Alice is on a call');
  });

  it('a supervisor hanging up stops the spy while the call goes on', async () => {
    const { sim, client } = await start();
    await aliceOnACall(sim, client);
    const id = await spy(client, 'PJSIP/2005', 'qbEd');
    const phone = (
      await client.waitFor((m) => m.name === 'OriginateResponse' && m.get('ActionID') === id, 'the phone')
    ).get('Channel')!;
    await client.waitFor((m) => m.name === 'ChanSpyStart', 'ChanSpyStart');
    await client.action('Hangup', [['Channel', phone]]);
    const events = await settle(client);
    expect(named(events, 'ChanSpyStop')).toHaveLength(1);
    expect(named(events, 'AgentComplete')).toEqual([]);
  });

  it('a phone that is not there rings out: OriginateResponse Failure after the timeout', async () => {
    const { sim, client } = await start();
    const id = await spy(client, 'PJSIP/2006', 'qbEd');
    sim.advance(29_000);
    expect(named(await settle(client), 'OriginateResponse')).toEqual([]);
    sim.advance(1_000);
    const failed = await client.waitFor(
      (m) => m.name === 'OriginateResponse' && m.get('ActionID') === id,
      'the failure',
    );
    expect([failed.get('Response'), failed.get('Channel'), failed.get('Reason')]).toEqual([
      'Failure',
      'PJSIP/2006',
      '3',
    ]);
  });
});
