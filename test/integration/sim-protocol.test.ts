import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_SECRET, type Simulator, startSimulator } from '../../server/sim/index.ts';
import { type AmiMsg, SimClient } from '../support/sim-client.ts';
import { freshLayout } from '../support/sim-scenarios.ts';
import { readTraceActions, readTraceMessages, rawPairs } from '../support/traces.ts';
import { waitFor } from '../support/wait.ts';

let sim: Simulator;
let client: SimClient;

beforeEach(async () => {
  sim = await startSimulator({
    port: 0,
    clock: 'manual',
    startTime: 1_795_842_880_000,
    rate: 0,
    layout: freshLayout(),
  });
  client = await SimClient.connect(sim.port);
});

afterEach(async () => {
  client.close();
  await sim.close();
});

function keys(m: AmiMsg): string[] {
  return m.pairs.map(([k]) => k);
}

describe('AMI session', () => {
  it('sends the banner line without a blank line after it', () => {
    expect(client.banner).toBe('Asterisk Call Manager/11.0.0\r\n');
    expect(client.messages).toEqual([]);
  });

  it('accepts a good login and follows it with FullyBooted', async () => {
    const response = await client.login(DEMO_SECRET);
    expect(response.raw).toBe('Response: Success\r\nActionID: t-1\r\nMessage: Authentication accepted\r\n\r\n');
    const booted = await client.waitFor((m) => m.name === 'FullyBooted', 'FullyBooted');
    expect(keys(booted)).toEqual(['Event', 'Privilege', 'Uptime', 'LastReload', 'Status']);
    expect(client.messages.indexOf(booted)).toBe(client.messages.indexOf(response) + 1);
    await client.waitFor((m) => m.name === 'SuccessfulAuth', 'SuccessfulAuth');
  });

  it('refuses bad credentials and closes the connection', async () => {
    const response = await client.login('wrong');
    expect(response.raw).toBe('Response: Error\r\nActionID: t-1\r\nMessage: Authentication failed\r\n\r\n');
    await waitFor(() => client.closed, 'the connection to close');
  });

  it('refuses actions before login', async () => {
    const response = await client.action('QueueStatus');
    expect(response.get('Message')).toBe('Permission denied');
  });

  it('answers Ping, unknown actions and Logoff as Asterisk does', async () => {
    await client.login(DEMO_SECRET);
    const ping = await client.action('Ping');
    expect(keys(ping)).toEqual(['Response', 'ActionID', 'Ping', 'Timestamp']);
    expect(ping.get('Timestamp')).toBe('1795842880.000000');
    const unknown = await client.action('NoSuchAction');
    expect(unknown.raw).toBe(
      'Response: Error\r\nActionID: t-3\r\nMessage: Invalid/unknown command: NoSuchAction. Use Action: ListCommands to show available commands.\r\n\r\n',
    );
    const bye = await client.action('Logoff');
    expect(bye.raw).toBe('Response: Goodbye\r\nActionID: t-4\r\nMessage: Thanks for all the fish.\r\n\r\n');
    await waitFor(() => client.closed, 'the connection to close');
  });

  it('stops and resumes events with the Events action and honours Events: off at login', async () => {
    await client.login(DEMO_SECRET, 'off');
    expect(client.messages.some((m) => m.name === 'FullyBooted')).toBe(false);
    await client.action('QueuePause', [
      ['Interface', 'Local/1001@agents'],
      ['Paused', 'true'],
    ]);
    expect(client.events()).toEqual([]);
    const on = await client.action('Events', [['EventMask', 'on']]);
    expect(on.raw).toBe('Response: Success\r\nActionID: t-3\r\nEvents: On\r\n\r\n');
    await client.action('QueuePause', [
      ['Interface', 'Local/1001@agents'],
      ['Paused', 'false'],
    ]);
    await client.waitFor((m) => m.name === 'QueueMemberPause', 'QueueMemberPause');
  });
});

describe('list actions', () => {
  beforeEach(async () => {
    await client.login(DEMO_SECRET);
  });

  it('frames QueueStatus, counting QueueParams, QueueMember and QueueEntry', async () => {
    await client.action('Originate', [
      ['Channel', 'Local/sales@callers'],
      ['Application', 'Wait'],
      ['Data', '3600'],
      ['Async', 'true'],
    ]);
    await client.action('QueuePause', [
      ['Interface', 'Local/1001@agents'],
      ['Paused', 'true'],
      ['Reason', 'Lunch'],
    ]);
    for (const iface of ['1002', '1003', '1004']) {
      await client.action('QueuePause', [
        ['Interface', `Local/${iface}@agents`],
        ['Paused', 'true'],
      ]);
    }
    sim.advance(3_000);
    const { response, items, complete } = await client.list('QueueStatus');
    expect(response.raw).toMatch(
      /^Response: Success\r\nActionID: t-\d+\r\nEventList: start\r\nMessage: Queue status will follow\r\n\r\n$/,
    );
    expect(items.map((m) => m.name)).toEqual([
      'QueueParams',
      'QueueMember',
      'QueueMember',
      'QueueMember',
      'QueueMember',
      'QueueEntry',
      'QueueParams',
      'QueueParams',
    ]);
    expect(items.every((m) => m.get('Privilege') === undefined && m.pairs.at(-1)?.[0] === 'ActionID')).toBe(true);
    expect(keys(complete)).toEqual(['Event', 'ActionID', 'EventList', 'ListItems']);
    expect(complete.get('ListItems')).toBe('8');
    const entry = items.find((m) => m.name === 'QueueEntry');
    expect(entry?.get('Wait')).toBe('2');
    const alice = items.find((m) => m.get('Name') === 'Alice');
    expect([alice?.get('Paused'), alice?.get('PausedReason')]).toEqual(['1', 'Lunch']);

    const filtered = await client.list('QueueStatus', [
      ['Queue', 'sales'],
      ['Member', 'Local/1001@agents'],
    ]);
    expect(filtered.items.map((m) => m.name)).toEqual(['QueueParams', 'QueueMember', 'QueueEntry']);
    expect((await client.list('QueueStatus', [['Queue', 'nosuchqueue']])).complete.get('ListItems')).toBe('0');
  });

  it('frames QueueSummary, CoreShowChannels and DeviceStateList', async () => {
    const summary = await client.list('QueueSummary', [['Queue', 'sales']]);
    expect(summary.response.get('Message')).toBe('Queue summary will follow');
    expect(summary.items.map((m) => [m.get('Queue'), m.get('LoggedIn'), m.get('Available')])).toEqual([
      ['sales', '4', '4'],
    ]);
    expect(summary.complete.get('ListItems')).toBe('1');

    await client.action('Originate', [
      ['Channel', 'Local/support@callers'],
      ['Application', 'Wait'],
      ['Data', '3600'],
    ]);
    sim.advance(2_000);
    const channels = await client.list('CoreShowChannels');
    expect(channels.response.get('Message')).toBe('Channels will follow');
    expect(
      channels.items.map((m) => [m.get('Channel'), m.get('Application'), m.get('ApplicationData'), m.get('Duration')]),
    ).toEqual([
      ['Local/support@callers-00000000;1', 'Wait', '3600', '00:00:02'],
      ['Local/support@callers-00000000;2', 'Queue', 'support,,,,', '00:00:02'],
    ]);
    expect(channels.items[0]?.pairs[1]).toEqual(['ActionID', channels.response.get('ActionID')]);
    expect(channels.complete.get('ListItems')).toBe('2');

    const devices = await client.list('DeviceStateList');
    expect(devices.response.get('Message')).toBe('Device State Changes will follow');
    expect(
      devices.items.every((m) => m.name === 'DeviceStateChange' && keys(m).join() === 'Event,ActionID,Device,State'),
    ).toBe(true);
    expect(devices.items.map((m) => m.get('Device'))).toEqual(
      expect.arrayContaining([
        'Queue:sales',
        'Queue:sales_avail',
        'Custom:agent1001',
        'Queue:sales_pause_Local/1004@agents',
      ]),
    );
    expect(devices.complete.get('ListItems')).toBe(String(devices.items.length));
  });
});

describe('queue membership actions', () => {
  /**
   * Trace 05 replayed: every QueueAdd / QueueRemove / QueuePause of the recording, in order, must get the same
   * response (Response and Message) as the real Asterisk gave.
   */
  it('answers the membership actions of trace 05 exactly as recorded', async () => {
    await client.login(DEMO_SECRET);
    const wanted = new Set(['QueueAdd', 'QueueRemove', 'QueuePause']);
    const recorded = new Map(
      readTraceMessages('05-pause-and-membership')
        .filter((m) => m.kind === 'response' && m.raw)
        .map((m) => {
          const pairs = rawPairs(m.raw ?? '');
          return [pairs.find(([k]) => k === 'ActionID')?.[1], pairs] as const;
        }),
    );
    const actions = readTraceActions('05-pause-and-membership').filter((a) => wanted.has(a.action));
    expect(actions.length).toBe(15);
    for (const action of actions) {
      client.send(action.raw);
      const response = await client.response(action.action_id);
      expect([action.action_id, ...response.pairs]).toEqual([
        action.action_id,
        ...(recorded.get(action.action_id) ?? []),
      ]);
    }
  });

  it('reports pauses with their reason, in every queue when no Queue is given', async () => {
    await client.login(DEMO_SECRET);
    await client.action('QueueAdd', [
      ['Queue', 'support'],
      ['Interface', 'Local/1001@agents'],
      ['MemberName', 'Alice'],
      ['StateInterface', 'Custom:agent1001'],
    ]);
    const response = await client.action('QueuePause', [
      ['Interface', 'Local/1001@agents'],
      ['Paused', 'true'],
      ['Reason', 'Break'],
    ]);
    expect(response.get('Message')).toBe('Interface paused successfully');
    const pauses = await waitFor(() => {
      const found = client.events().filter((m) => m.name === 'QueueMemberPause');
      return found.length === 2 && found;
    }, 'two QueueMemberPause');
    expect(pauses.map((m) => [m.get('Queue'), m.get('Paused'), m.get('PausedReason'), m.get('LastPause')])).toEqual([
      ['sales', '1', 'Break', '1795842880'],
      ['support', '1', 'Break', '1795842880'],
    ]);
    const missing = await client.action('QueuePause', [
      ['Interface', 'Local/9999@agents'],
      ['Paused', 'true'],
    ]);
    expect([missing.name, missing.get('Message')]).toEqual(['Error', 'Interface not found']);
    const incomplete = await client.action('QueuePause', [['Interface', 'Local/1001@agents']]);
    expect(incomplete.get('Message')).toBe("Need 'Interface' and 'Paused' parameters.");
  });
});
