import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { UserView } from '../../server/contract/accounts.ts';
import type { MonitorGroupView, MonitorSessionView } from '../../server/contract/monitoring.ts';
import type { Result } from '../../server/contract/result.ts';
import { DEMO_SECRET, type Simulator } from '../../server/sim/index.ts';
import { type ApiClient, loggedIn } from '../support/access-app.ts';
import { startQuietSimulator, TEST_OWNER, uniquePrefix } from '../support/board-app.ts';
import { leaseHolderOf, simulatorBoardEnv, spawnBoard, type BoardProcess } from '../support/board-process.ts';
import { ALICE, callAnsweredByAlice, MonitorClient, pauseAllButAlice } from '../support/monitoring.ts';
import { SimClient } from '../support/sim-client.ts';
import { freshLayout, steadyBehaviour } from '../support/sim-scenarios.ts';
import { eventually } from '../support/eventually.ts';
import { waitFor } from '../support/wait.ts';

/**
 * Two `npm start` processes on one Redis and the simulator: monitoring asked on either process is decided there and
 * carried out by the one that holds the AMI lease; its facts reach the supervisor's and the watching Owner's sockets.
 */
const BOB = 'Local/1002@agents';
let sim: Simulator;
let ami: SimClient;
const processes: BoardProcess[] = [];
const clients: MonitorClient[] = [];
/** Every phone the simulator was asked to ring. */
const rung: string[] = [];
let owner: ApiClient;
const ids = new Map<string, string>();
/** The process that reads Asterisk, and one that does not (requests from it cross Redis). */
let holder: string;
let other: string;

beforeAll(async () => {
  sim = await startQuietSimulator({
    layout: freshLayout(),
    phones: ['PJSIP/2005', 'PJSIP/2006', 'PJSIP/2007'],
    behaviour: steadyBehaviour(1, 3600),
  });
  const originateSpy = sim.center.originateSpy.bind(sim.center);
  sim.center.originateSpy = (options) => {
    rung.push(options.device);
    originateSpy(options);
  };
  ami = await SimClient.connect(sim.port);
  await ami.login(DEMO_SECRET);
  await pauseAllButAlice(ami);
  const env = simulatorBoardEnv(sim.port, inject('redisUrl'), uniquePrefix(), 3_000);
  processes.push(await spawnBoard({ ...env, INSTANCE_ID: 'one' }), await spawnBoard({ ...env, INSTANCE_ID: 'two' }));
  const lease = await leaseHolderOf(processes);
  [holder, other] = [lease.holder.url, lease.others[0]!.url];

  owner = await loggedIn(holder, TEST_OWNER.username, TEST_OWNER.password);
  const user = async (name: string, role: string, extra: Record<string, unknown> = {}) => {
    const created = await owner.call<UserView>('POST', '/api/users', {
      username: name,
      password: `${name} password 1`,
      role,
      ...extra,
    });
    if (created.status !== 201) throw new Error(`${name}: ${JSON.stringify(created.body)}`);
    ids.set(name, created.body.id);
  };
  await user('alice', 'agent', { interfaces: [ALICE] });
  await user('bob', 'agent', { interfaces: [BOB] });
  await user('sup', 'supervisor', { phone: 'PJSIP/2005', extension: '2005', monitorCalls: true });
  await user('off', 'supervisor', { phone: 'PJSIP/2006', monitorCalls: false });
  await user('nophone', 'supervisor', { monitorCalls: true });
  await user('outsider', 'supervisor', { phone: 'PJSIP/2006', monitorCalls: true });
  await user('unitadmin', 'administrator', { phone: 'PJSIP/2006', monitorCalls: true });
  await user('far', 'supervisor', { phone: 'PJSIP/2009', monitorCalls: true });
  await user('second', 'supervisor', { phone: 'PJSIP/2007', monitorCalls: true });
  const monitors = ['sup', 'off', 'nophone', 'unitadmin', 'far', 'second'].map((name) => ids.get(name)!);
  const group = await owner.call<MonitorGroupView>('POST', '/api/monitoring/groups', {
    name: 'Floor',
    monitored: [ids.get('alice'), ids.get('bob')],
    monitors,
  });
  expect(group.status).toBe(201);
  const unit = await owner.call('POST', '/api/units', {
    name: 'Bob only',
    members: [ids.get('bob')],
    administrators: [ids.get('unitadmin')],
  });
  expect(unit.status).toBe(201);
  await aliceOnACall();
}, 60_000);

afterAll(async () => {
  for (const client of clients) client.close();
  ami?.close();
  await Promise.all(processes.map((process) => process.stop()));
  await sim?.close();
});

async function socketOf(name: string, url = other): Promise<MonitorClient> {
  const api = await loggedIn(url, name, name === TEST_OWNER.username ? TEST_OWNER.password : `${name} password 1`);
  const client = await MonitorClient.open(url, api.cookie!);
  clients.push(client);
  return client;
}

/** A caller into sales answered by Alice, as the board (in Redis) shows it. */
async function aliceOnACall(): Promise<void> {
  const { callId } = await callAnsweredByAlice(sim, ami);
  await waitFor(async () => {
    const state = (
      await owner.call<{ queues: { connected: { id: string; agentInterface: string }[] }[] }>('GET', '/api/state')
    ).body;
    return state.queues.some((queue) =>
      queue.connected.some((call) => call.id === callId && call.agentInterface === ALICE),
    );
  }, 'Alice on the call on the board');
}

function expectOk<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error);
  return result.data;
}

const until = (client: MonitorClient, id: string, what: string, check: (session: MonitorSessionView) => boolean) =>
  waitFor(() => {
    const session = client.latest(id);
    return session && check(session) ? session : undefined;
  }, what);

describe('call monitoring across two server processes', () => {
  it('refuses by the rules and by the live call, word for word, and rings no phone for a refusal', async () => {
    const answers = async (name: string, agent: string) => {
      const client = await socketOf(name);
      return (await client.start(agent)) as Result<unknown>;
    };
    expect(await answers('outsider', ALICE)).toEqual({ ok: false, error: 'Denied.' });
    expect(await answers('off', ALICE)).toEqual({ ok: false, error: 'Denied.' });
    expect(await answers('unitadmin', ALICE)).toEqual({ ok: false, error: 'Denied.' });
    expect(await answers('nophone', ALICE)).toEqual({ ok: false, error: 'No phone is set for your account.' });
    expect(await answers('alice', BOB)).toEqual({ ok: false, error: 'Denied.' });
    // Bob is within the unit administrator's units, but has no call: nothing is originated.
    expect(await answers('unitadmin', BOB)).toEqual({ ok: false, error: 'Call not yet established.' });
    expect(await answers('sup', BOB)).toEqual({ ok: false, error: 'Call not yet established.' });
    expect(rung).toEqual([]);
    // The board offers the buttons beside the agents the rules allow only.
    expect(expectOk(await (await socketOf('unitadmin')).status())).toMatchObject({ allowed: true, agents: [BOB] });
    expect(expectOk(await (await socketOf('off')).status())).toMatchObject({ allowed: false, agents: [] });
    expect(expectOk(await (await socketOf('outsider')).status())).toMatchObject({ allowed: false, agents: [] });
  });

  it('refuses in the language the user saved, in the seed’s words: Odmowa, Połączenie nie zostało jeszcze nawiązane', async () => {
    const polish = async (name: string) => {
      const api = await loggedIn(other, name, `${name} password 1`);
      expect((await api.call('PATCH', '/api/me', { locale: 'pl' })).status).toBe(200);
      const client = await MonitorClient.open(other, api.cookie!);
      clients.push(client);
      return { api, client };
    };
    const outsider = await polish('outsider');
    const sup = await polish('sup');
    try {
      expect(await outsider.client.start(ALICE)).toEqual({ ok: false, error: 'Odmowa.' });
      expect(await sup.client.start(BOB)).toEqual({ ok: false, error: 'Połączenie nie zostało jeszcze nawiązane.' });
      expect(rung).toEqual([]);
    } finally {
      for (const { api } of [outsider, sup]) await api.call('PATCH', '/api/me', { locale: null });
    }
  });

  it('listens, switches from the board and the keypad, refuses a second session, stops; the Owner watches it live and in the log', async () => {
    const sup = await socketOf('sup', other);
    const supOnHolder = await socketOf('sup', holder);
    const watcher = await socketOf(TEST_OWNER.username, holder);
    expect(expectOk(await watcher.watch())).toEqual([]);
    expect(expectOk(await sup.status())).toEqual({ allowed: true, agents: [ALICE, BOB], session: null });

    const started = expectOk(await sup.start(ALICE, 'listen'));
    expect(started).toMatchObject({
      supervisor: ids.get('sup'),
      agent: ALICE,
      agentName: 'Alice',
      queue: 'sales',
      mode: 'listen',
    });
    expect(rung).toEqual(['PJSIP/2005']);
    await until(sup, started.id, 'listening', (session) => session.state === 'active');
    await until(supOnHolder, started.id, 'the other tab listening', (session) => session.state === 'active');
    await until(watcher, started.id, 'the Owner seeing it', (session) => session.state === 'active');

    expectOk(await sup.mode('whisper'));
    await until(sup, started.id, 'whisper', (session) => session.mode === 'whisper');
    const phone = (await ami.waitFor((m) => m.name === 'ChanSpyStart', 'ChanSpyStart')).get('SpyerChannel')!;
    sim.center.receiveDigit(phone, '6', true);
    const barging = await until(sup, started.id, 'barge from the keypad', (session) => session.mode === 'barge');
    expect(barging.changes.map((change) => [change.mode, change.origin])).toEqual([
      ['whisper', 'board'],
      ['barge', 'keypad'],
    ]);
    expect(await supOnHolder.start(BOB)).toEqual({
      ok: false,
      error: 'You are monitoring a call already: stop it first.',
    });
    expect(rung).toEqual(['PJSIP/2005']);

    expectOk(await supOnHolder.stop());
    const ended = await until(sup, started.id, 'the end', (session) => session.state === 'ended');
    expect([ended.end, ended.endMessage]).toEqual(['stopped', null]);
    await until(watcher, started.id, 'the Owner seeing the end', (session) => session.state === 'ended');
    const log = await owner.call<{ sessions: MonitorSessionView[]; total: number }>('GET', '/api/monitoring/sessions');
    expect(log.body.sessions[0]).toMatchObject({ id: started.id, end: 'stopped', mode: 'barge' });
    expect((await owner.call('GET', '/api/monitoring/active')).body).toEqual([]);
    expect(expectOk(await sup.status())).toEqual({ allowed: true, agents: [ALICE, BOB], session: null });
  });

  it('ends when the supervisor hangs up, when the phone does not answer, and when an administrator ends it', async () => {
    const sup = await socketOf('sup');
    const first = expectOk(await sup.start(ALICE));
    const phone = (
      await ami.waitFor(
        (m) => m.name === 'OriginateResponse' && m.get('Uniqueid') === `tablica-monitor-${first.id}`,
        'the phone',
      )
    ).get('Channel')!;
    await ami.action('Hangup', [['Channel', phone]]);
    expect((await until(sup, first.id, 'hung up', (session) => session.state === 'ended')).end).toBe('hungUp');

    const far = await socketOf('far');
    const ringing = expectOk(await far.start(ALICE));
    expect(ringing.state).toBe('ringing');
    sim.advance(30_000);
    const unanswered = await until(far, ringing.id, 'no answer', (session) => session.state === 'ended');
    expect([unanswered.end, unanswered.endMessage]).toEqual(['noAnswer', 'Your phone did not answer.']);

    const second = expectOk(await sup.start(ALICE));
    await until(sup, second.id, 'listening', (session) => session.state === 'active');
    const unitAdmin = await loggedIn(other, 'unitadmin', 'unitadmin password 1');
    expect((await unitAdmin.call('POST', `/api/monitoring/sessions/${second.id}/end`)).status).toBe(409);
    expect((await owner.call('POST', `/api/monitoring/sessions/${second.id}/end`)).status).toBe(200);
    const ended = await until(sup, second.id, 'ended by the Owner', (session) => session.state === 'ended');
    expect([ended.end, ended.endMessage]).toEqual(['endedByAdmin', 'An administrator ended the session']);
  });

  it('refuses bad input with a clear error and keeps serving', async () => {
    const sup = await socketOf('sup');
    const badMode = (await sup.raw('monitor:start', { agent: ALICE, mode: 'shout' })) as Result<unknown>;
    expect(badMode).toEqual({ ok: false, error: 'Mode must be one of "listen", "whisper", "barge" (got "shout").' });
    expect(await sup.raw('monitor:start', { agent: 'PJSIP/nobody', mode: 'listen' })).toEqual({
      ok: false,
      error: 'Denied.',
    });
    expect(await sup.raw('monitor:mode', { mode: 'listen' })).toEqual({
      ok: false,
      error: 'You are not monitoring a call.',
    });
    expect(await sup.raw('monitor:end', { id: 'x' })).toEqual({ ok: false, error: 'Denied.' });
    const flood = await Promise.all(Array.from({ length: 20 }, () => sup.raw('monitor:status')));
    expect(
      flood.some(
        (answer) =>
          (answer as Result<unknown>).ok === false &&
          (answer as { error: string }).error.startsWith('Too many commands at once'),
      ),
    ).toBe(true);
    expect(rung.filter((device) => device === 'PJSIP/2005')).toHaveLength(3);
    const group = await owner.call('POST', '/api/monitoring/groups', { name: 'floor', monitored: ['nobody'] });
    expect(group.status).toBe(409);
    const unknown = await owner.call('POST', '/api/monitoring/groups', { name: 'Other', monitored: ['nobody'] });
    expect([unknown.status, unknown.body]).toEqual([
      400,
      { ok: false, error: 'There is no user nobody: a monitoring group names known users only.' },
    ]);
  });

  it('ends with the call; when the holder dies, the next one ends its sessions; then Asterisk goes away and nothing starts', async () => {
    const second = await socketOf('second');
    const session = expectOk(await second.start(ALICE));
    await until(second, session.id, 'listening', (item) => item.state === 'active');
    const caller = ami.messages
      .findLast((m) => m.name === 'AgentConnect')!
      .get('Channel')!
      .replace(/;2$/, ';1');
    await ami.action('Hangup', [['Channel', caller]]);
    const ended = await until(second, session.id, 'the call ending', (item) => item.state === 'ended');
    expect([ended.end, ended.endMessage]).toEqual(['callEnded', 'The call ended.']);

    await aliceOnACall();
    const orphan = expectOk(await second.start(ALICE));
    await until(second, orphan.id, 'listening', (item) => item.state === 'active');
    await processes.find((process) => process.url === holder)!.stop('SIGKILL');
    const taken = await until(second, orphan.id, 'the new holder ending it', (item) => item.state === 'ended');
    expect(taken.end).toBe('amiDown');
    // The new holder ends its predecessor's sessions as it takes the lease, before its own AMI login and resync.
    await leaseHolderOf(processes.filter((process) => process.url === other));

    // The process that decides may learn of the new link a moment after the holder reports it: until then it says so.
    const last = await eventually(
      async () => {
        const started = await second.start(ALICE);
        if (!started.ok && started.error === 'Asterisk is not connected.') return null;
        return expectOk(started);
      },
      'a session on the new holder',
      { timeoutMs: 15_000 },
    );
    await until(second, last.id, 'listening', (item) => item.state === 'active');
    await sim.close();
    const down = await until(second, last.id, 'Asterisk gone', (item) => item.state === 'ended');
    expect([down.end, down.endMessage]).toEqual(['amiDown', 'Asterisk is not connected.']);
    expect(await second.start(ALICE)).toEqual({ ok: false, error: 'Asterisk is not connected.' });
  });
});
