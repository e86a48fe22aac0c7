import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { UserView } from '../../server/contract/accounts.ts';
import {
  CALLBACK_ERRORS,
  type AbandonedCallerView,
  type AbandonedCallersView,
  type AbandonedCallersWatch,
  type CallbackView,
} from '../../server/contract/callbacks.ts';
import type { ClientEvents, ServerEvents } from '../../server/contract/events.ts';
import type { Result } from '../../server/contract/result.ts';
import { DEMO_SECRET, type Simulator } from '../../server/sim/index.ts';
import type { OutsideOriginate } from '../../server/sim/model/outside.ts';
import { type ApiClient, loggedIn } from '../support/access-app.ts';
import { startQuietSimulator, TEST_OWNER, uniquePrefix } from '../support/board-app.ts';
import { leaseHolderOf, simulatorBoardEnv, spawnBoard, type BoardProcess } from '../support/board-process.ts';
import { openUserSocket } from '../support/board-client.ts';
import { callerIntoSales, pauseSales, SimClient } from '../support/sim-client.ts';
import { freshLayout } from '../support/sim-scenarios.ts';
import { waitFor } from '../support/wait.ts';
import type { AgentActionLogPage, CallbackActionEntry } from '../../server/contract/agent-actions.ts';

/**
 * Two `npm start` processes on one Redis and the simulator: a caller hangs up in a queue nobody answers, shows on the
 * list of abandoned callers, and is called back from the process that does not read Asterisk. Refusals (an agent of
 * another queue, a supervisor of another unit, a second person while the first calls) send nothing to Asterisk; the
 * right click sends exactly one Originate, and the caller leaves the list once the simulated outside world answers.
 */
const CALLER = '5553001';
let sim: Simulator;
let ami: SimClient;
const processes: BoardProcess[] = [];
const sockets: Socket<ServerEvents, ClientEvents>[] = [];
/** Every Originate of a phone to an outside number the simulator received. */
const dialled: OutsideOriginate[] = [];
let owner: ApiClient;
let holder: string;
let other: string;

beforeAll(async () => {
  sim = await startQuietSimulator({ layout: freshLayout(), phones: ['PJSIP/2005', 'PJSIP/2006'] });
  const originateOutside = sim.center.originateOutside.bind(sim.center);
  sim.center.originateOutside = (options) => {
    dialled.push(options);
    originateOutside(options);
  };
  ami = await SimClient.connect(sim.port);
  await ami.login(DEMO_SECRET);
  await pauseSales(ami);
  const env = simulatorBoardEnv(sim.port, inject('redisUrl'), uniquePrefix(), 3_000);
  processes.push(await spawnBoard({ ...env, INSTANCE_ID: 'one' }), await spawnBoard({ ...env, INSTANCE_ID: 'two' }));
  const lease = await leaseHolderOf(processes);
  [holder, other] = [lease.holder.url, lease.others[0]!.url];
  owner = await loggedIn(holder, TEST_OWNER.username, TEST_OWNER.password);
  const ids = new Map<string, string>();
  const user = async (name: string, role: string, extra: Record<string, unknown>) => {
    const created = await owner.call<UserView>('POST', '/api/users', {
      username: name,
      password: `${name} password 1`,
      displayName: name === 'sup' ? 'Sue' : name,
      role,
      ...extra,
    });
    if (created.status !== 201) throw new Error(`${name}: ${JSON.stringify(created.body)}`);
    ids.set(name, created.body.id);
  };
  await user('sup', 'supervisor', { phone: 'PJSIP/2005' });
  await user('second', 'supervisor', { phone: 'PJSIP/2006' });
  await user('eve', 'agent', { phone: 'PJSIP/2006', interfaces: ['Local/1005@agents'] });
  await user('unitsup', 'supervisor', { phone: 'PJSIP/2006' });
  const unit = await owner.call('POST', '/api/units', {
    name: 'Support only',
    members: [ids.get('unitsup')],
    administrators: [],
    queues: ['support'],
  });
  expect(unit.status).toBe(201);
  await callerHangsUp();
}, 90_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  ami?.close();
  await Promise.all(processes.map((process) => process.stop()));
  await sim?.close();
});

/** A caller into sales, where every member is paused, who hangs up after a while. */
async function callerHangsUp(): Promise<void> {
  const caller = await callerIntoSales(sim, ami, `"Carl Caller" <${CALLER}>`);
  sim.advance(20_000);
  await ami.action('Hangup', [['Channel', caller]]);
  await ami.waitFor((m) => m.name === 'QueueCallerAbandon', 'the caller abandoning');
}

interface Watcher {
  readonly socket: Socket<ServerEvents, ClientEvents>;
  readonly first: AbandonedCallersWatch;
  /** The list as this socket last heard it. */
  latest(): AbandonedCallersView;
}

async function watcher(name: string, url = other): Promise<Watcher> {
  const api = await loggedIn(url, name, name === TEST_OWNER.username ? TEST_OWNER.password : `${name} password 1`);
  const socket = await openUserSocket(url, api.cookie!);
  sockets.push(socket);
  let last: AbandonedCallersView | undefined;
  socket.on('callers:updated', (view) => (last = view));
  const first = expectOk(await watch(socket));
  return { socket, first, latest: () => last ?? first };
}

const watch = (socket: Socket<ServerEvents, ClientEvents>): Promise<Result<AbandonedCallersWatch>> =>
  socket.timeout(10_000).emitWithAck('callers:watch');

const callBack = (who: Watcher, id: string): Promise<Result<CallbackView>> =>
  who.socket.timeout(10_000).emitWithAck('callback:start', { id });

function expectOk<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error);
  return result.data;
}

describe('abandoned callers called back across two server processes', () => {
  let sup: Watcher;
  let id: string;

  it('lists the caller who hung up, with the queue and wait, on the process that does not read Asterisk', async () => {
    sup = await watcher('sup');
    const listed = await waitFor(async (): Promise<AbandonedCallerView | undefined> => {
      const view = expectOk(await watch(sup.socket));
      return view.callers.find((caller) => caller.callerIdNum === CALLER);
    }, 'the caller on the list');
    if (!listed) throw new Error('the caller is not on the list');
    id = listed.id;
    expect(listed).toMatchObject({ queue: 'sales', outcome: 'abandoned', callback: null });
    // It waited 20 simulated seconds; Asterisk counts whole seconds from its own join time.
    expect(listed.waitSec).toBeGreaterThanOrEqual(19);
  });

  it('hides the caller from a supervisor of another unit, and refuses them with a sentence, sending nothing', async () => {
    const unitsup = await watcher('unitsup');
    expect(unitsup.first.callers).toEqual([]);
    expect(await callBack(unitsup, id)).toEqual({ ok: false, error: CALLBACK_ERRORS.notListed });
    expect(dialled).toEqual([]);
  });

  it('refuses an agent the callers of a queue they are not a member of, sending nothing', async () => {
    const eve = await watcher('eve');
    expect(await callBack(eve, id)).toEqual({ ok: false, error: CALLBACK_ERRORS.agentQueue });
    expect(dialled).toEqual([]);
  });

  it('sends exactly one Originate from the supervisor’s phone, and refuses a second person meanwhile', async () => {
    const started = expectOk(await callBack(sup, id));
    expect(started).toMatchObject({ byName: 'Sue', result: null });
    await waitFor(() => dialled.length > 0 || undefined, 'the Originate at the simulator');
    expect(dialled).toEqual([
      expect.objectContaining({ device: 'PJSIP/2005', context: 'from-internal', exten: CALLER }),
    ]);
    const second = await watcher('second', holder);
    expect(await callBack(second, id)).toEqual({ ok: false, error: `Sue ${CALLBACK_ERRORS.claimed}` });
    expect(dialled).toHaveLength(1);
    await waitFor(
      () => sup.latest().callers.find((caller) => caller.id === id)?.callback?.result === null || undefined,
      'the list showing Sue calling back',
    );
  });

  it('takes the caller off the list once the outside number answers', async () => {
    for (let step = 0; step < 50 && sup.latest().callers.some((caller) => caller.id === id); step++) {
      sim.advance(500);
      await ami.action('Ping');
      await new Promise((resolve) => setImmediate(resolve));
    }
    await waitFor(
      () => !sup.latest().callers.some((caller) => caller.id === id) || undefined,
      'the caller off the list',
    );
    expect(dialled).toHaveLength(1);
  });

  it('records each callback in the action log: who called whom back, when, and how it ended, refusals included', async () => {
    const log = await waitFor(async () => {
      const page = (await owner.call<AgentActionLogPage>('GET', '/api/agent-actions/log?limit=200')).body;
      const lines = page.entries.filter((entry): entry is CallbackActionEntry => entry.action === 'callback');
      return lines.some((entry) => entry.result === 'answered') ? lines : undefined;
    }, 'the answered callback in the action log');
    const lines = log.map((entry) => [entry.actorName, entry.number, entry.queue, entry.result, entry.message]);
    expect(lines).toContainEqual(['Sue', CALLER, 'sales', 'answered', '']);
    expect(lines).toContainEqual(['second', CALLER, 'sales', 'refused', `Sue ${CALLBACK_ERRORS.claimed}`]);
    expect(lines.filter(([, , , result]) => result === 'refused')).toHaveLength(3);
    const answered = log.find((entry) => entry.result === 'answered')!;
    expect(answered.endedAt).toBeGreaterThanOrEqual(answered.at);
  });
});
