import net from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { MonitorSessionView } from '../../server/contract/monitoring.ts';
import type { App } from '../../server/compose.ts';
import { DEMO_SECRET, type Simulator } from '../../server/sim/index.ts';
import { type ApiClient, loggedIn } from '../support/access-app.ts';
import { boardConfig, startBoardApp, startQuietSimulator, TEST_OWNER } from '../support/board-app.ts';
import { MonitorClient } from '../support/monitoring.ts';
import { SimClient } from '../support/sim-client.ts';
import { freshLayout, steadyBehaviour } from '../support/sim-scenarios.ts';
import { readFastAgi, type FastAgiMessage } from '../support/traces.ts';
import { waitFor } from '../support/wait.ts';

/**
 * The feature code over FastAGI, against Asterisk's side of trace 19 replayed byte for byte: the environment block in
 * the chunks Asterisk sent, each answer to each command, and the HANGUP once Tablica closed. Tablica must write what
 * the recorded server wrote, with its own ChanSpy target and options.
 */
let sim: Simulator;
let app: App;
let owner: ApiClient;

beforeAll(async () => {
  sim = await startQuietSimulator({
    layout: freshLayout(),
    behaviour: steadyBehaviour(1, 3600),
  });
  const config = boardConfig({ redisUrl: inject('redisUrl'), amiPort: sim.port });
  app = await startBoardApp({
    ...config,
    fastAgi: { host: '127.0.0.1', port: 0, prompts: { denied: 'im-sorry', noCall: 'feature-not-avail-line' } },
  });
  owner = await loggedIn(app.url, TEST_OWNER.username, TEST_OWNER.password);
  const ids = new Map<string, string>();
  for (const [name, role, extra] of [
    ['sup', 'supervisor', { extension: '9000', monitorCalls: true }],
    ['alice', 'agent', { extension: '1001', interfaces: ['Local/1001@agents'] }],
    ['bob', 'agent', { extension: '1002', interfaces: ['Local/1002@agents'] }],
    ['carol', 'agent', { extension: '1003', interfaces: ['Local/1003@agents'] }],
  ] as const) {
    const created = await owner.call<{ id: string }>('POST', '/api/users', {
      username: name,
      password: `${name} password 1`,
      role,
      ...extra,
    });
    ids.set(name, created.body.id);
  }
  await owner.call('POST', '/api/monitoring/groups', {
    name: 'Floor',
    monitors: [ids.get('sup')],
    monitored: [ids.get('alice'), ids.get('bob')],
  });

  const ami = await SimClient.connect(sim.port);
  await ami.login(DEMO_SECRET);
  for (const ext of ['1002', '1003', '1004'])
    await ami.action('QueuePause', [
      ['Interface', `Local/${ext}@agents`],
      ['Paused', 'true'],
      ['Queue', 'sales'],
    ]);
  await ami.action('Originate', [
    ['Channel', 'Local/sales@callers'],
    ['Application', 'Wait'],
    ['Data', '3600'],
    ['CallerID', '"C" <5519001>'],
    ['Async', 'true'],
  ]);
  for (let step = 0; step < 30; step++) sim.advance(100);
  await ami.waitFor((m) => m.name === 'AgentConnect', 'Alice on a call');
  ami.close();
  await waitFor(async () => {
    const state = (await owner.call<{ queues: { connected: { agentInterface: string }[] }[] }>('GET', '/api/state'))
      .body;
    return state.queues.some((queue) => queue.connected.some((call) => call.agentInterface === 'Local/1001@agents'));
  }, 'Alice on a call on the board');
}, 30_000);

afterAll(async () => {
  await app?.close();
  await sim?.close();
});

/** Plays Asterisk's side of one recorded connection; resolves with what Tablica wrote, line by line. */
async function playConnection(
  messages: FastAgiMessage[],
  port: number,
): Promise<{ written: string[]; closedBeforeHangup: boolean }> {
  const socket = net.connect(port, '127.0.0.1');
  socket.setEncoding('utf8');
  let received = '';
  let ended = false;
  socket.on('data', (chunk: string) => (received += chunk));
  socket.on('end', () => (ended = true));
  await new Promise((resolve) => socket.once('connect', resolve));
  const written: string[] = [];
  let closedBeforeHangup = false;
  for (const message of messages) {
    if (message.dir === 'out') {
      const line = await waitFor(() => {
        const eol = received.indexOf('\n');
        return eol < 0 ? undefined : received.slice(0, eol + 1);
      }, `Tablica's ${message.raw.trim()}`);
      received = received.slice(line.length);
      written.push(line);
    } else if (message.raw === 'HANGUP\n') {
      // Asterisk writes HANGUP when the server closes: Tablica must have closed first.
      closedBeforeHangup = await waitFor(() => ended || undefined, 'Tablica closing the connection');
      if (!socket.destroyed && socket.writable) socket.write(message.raw);
    } else {
      socket.write(message.raw);
    }
  }
  socket.destroy();
  expect(received).toBe('');
  return { written, closedBeforeHangup };
}

describe('the feature code #44 over FastAGI', () => {
  it('answers each of trace 19 connections as the recorded server did: ChanSpy on Alice, "no call" for Bob, "denied" for Carol', async () => {
    const messages = readFastAgi('19-fastagi-monitor');
    const expected = messages
      .filter((message) => message.dir === 'out')
      .map((message) =>
        message.raw
          // Tablica names the agent's channels up to their `-` (so that PJSIP/200 never matches PJSIP/2005's), and
          // passes its own options: no beep, bridged only, ends with the call, keys 4/5/6.
          .replace('SPY_TARGET "Local/1001@agents"', 'SPY_TARGET "Local/1001@agents-"')
          .replace('SPY_OPTIONS "qEdb"', 'SPY_OPTIONS "qbEd"'),
      );
    const written: string[] = [];
    for (const conn of [...new Set(messages.map((message) => message.conn))]) {
      const played = await playConnection(
        messages.filter((message) => message.conn === conn),
        app.fastAgiPort!,
      );
      expect(played.closedBeforeHangup).toBe(true);
      written.push(...played.written);
    }
    expect(written).toEqual(expected);
    expect(written.filter((line) => line.startsWith('STREAM FILE'))).toEqual([
      'STREAM FILE feature-not-avail-line ""\n',
      'STREAM FILE im-sorry ""\n',
    ]);
    // The allowed one is recorded as a session, followed on the channel that dialled #44.
    const active = (await owner.call<MonitorSessionView[]>('GET', '/api/monitoring/active')).body;
    expect(active.map(({ agent, agentName, state, mode }) => ({ agent, agentName, state, mode }))).toEqual([
      { agent: 'Local/1001@agents', agentName: 'Alice', state: 'waiting', mode: 'listen' },
    ]);
  });

  it("shows a #44 session on the supervisor's board, which switches its mode and stops it there", async () => {
    // Trace 19's session above runs on a channel the simulator never had: ending it finds no channel, and ends it.
    const [recorded] = (await owner.call<MonitorSessionView[]>('GET', '/api/monitoring/active')).body;
    expect((await owner.call('POST', `/api/monitoring/sessions/${recorded!.id}/end`)).status).toBe(200);
    await waitFor(
      async () =>
        (await owner.call<MonitorSessionView[]>('GET', '/api/monitoring/active')).body.length === 0 || undefined,
      'the recorded session ended',
    );

    const sup = await loggedIn(app.url, 'sup', 'sup password 1');
    const board = await MonitorClient.open(app.url, sup.cookie!);
    try {
      expect(await board.status()).toEqual({
        ok: true,
        data: { allowed: true, agents: ['Local/1001@agents', 'Local/1002@agents'], session: null },
      });
      // Trace 19's first connection, from a channel of the simulator that dialled #441001.
      const phone = sim.center.dialFeatureCode('PJSIP/9000', '9000', '#441001');
      const [first] = [...new Set(readFastAgi('19-fastagi-monitor').map((message) => message.conn))];
      const messages = readFastAgi('19-fastagi-monitor')
        .filter((message) => message.conn === first)
        .map((message) => ({
          ...message,
          raw: message.raw
            .replace(/^agi_channel: .*$/m, `agi_channel: ${phone.name}`)
            .replace(/^agi_uniqueid: .*$/m, `agi_uniqueid: ${phone.uniqueid}`),
        }));
      const { written } = await playConnection(messages, app.fastAgiPort!);
      expect(written.slice(1)).toEqual([
        'SET VARIABLE SPY_TARGET "Local/1001@agents-"\n',
        'SET VARIABLE SPY_OPTIONS "qbEd"\n',
      ]);
      const waiting = await waitFor(() => board.updates.at(-1), 'the session on the board');
      expect(waiting).toMatchObject({
        agent: 'Local/1001@agents',
        agentName: 'Alice',
        state: 'waiting',
        mode: 'listen',
      });
      expect(await board.status()).toMatchObject({ ok: true, data: { allowed: true, session: waiting } });

      // The dialplan runs ChanSpy with what Tablica set.
      sim.center.spyFrom(phone.name, 'Local/1001@agents-', 'qbEd');
      const latest = (check: (session: MonitorSessionView) => boolean, what: string) =>
        waitFor(() => {
          const session = board.latest(waiting.id);
          return session && check(session) ? session : undefined;
        }, what);
      await latest((session) => session.state === 'active', 'listening');
      expect(await board.mode('whisper')).toMatchObject({ ok: true });
      await latest((session) => session.mode === 'whisper', 'whisper from the board');
      sim.center.receiveDigit(phone.name, '6', true);
      const barging = await latest((session) => session.mode === 'barge', 'barge from the keypad');
      expect(barging.changes.map((change) => [change.mode, change.origin])).toEqual([
        ['whisper', 'board'],
        ['barge', 'keypad'],
      ]);
      expect(await board.stop()).toMatchObject({ ok: true });
      const ended = await latest((session) => session.state === 'ended', 'stopped from the board');
      expect([ended.end, ended.endMessage]).toEqual(['stopped', null]);
      expect(sim.center.sim.channels.byName.has(phone.name)).toBe(false);
    } finally {
      board.close();
    }
  });

  it('hands administrators the dialplan snippet that calls it', async () => {
    const { status, body } = await owner.call<{ enabled: boolean; snippet: string }>('GET', '/api/monitoring/dialplan');
    expect(status).toBe(200);
    expect(body.enabled).toBe(true);
    expect(body.snippet).toContain(`AGI(agi://127.0.0.1:${app.fastAgiPort}/monitor,\${EXTEN:3})`);
    expect(body.snippet).toContain('ChanSpy(${SPY_TARGET},${SPY_OPTIONS})');
  });
});
