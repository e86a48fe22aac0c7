import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { UserView } from '../../server/contract/accounts.ts';
import type { AgentActionLogPage } from '../../server/contract/agent-actions.ts';
import type { MemberView } from '../../server/contract/live.ts';
import type { Result } from '../../server/contract/result.ts';
import type { Simulator } from '../../server/sim/index.ts';
import { type ApiClient, loggedIn } from '../support/access-app.ts';
import { AgentActionsClient, recordMemberActions } from '../support/agent-actions.ts';
import { startQuietSimulator, TEST_OWNER, uniquePrefix } from '../support/board-app.ts';
import { leaseHolderOf, simulatorBoardEnv, spawnBoard, type BoardProcess } from '../support/board-process.ts';
import { eventually } from '../support/eventually.ts';

/**
 * Two `npm start` processes on one Redis and the simulator (the recorded PBX: sales members static, support and
 * billing members dynamic). Every action is asked on the process that does not read Asterisk: a refused one sends
 * nothing to the simulator; an allowed one sends exactly one action, and the board follows the simulator's events.
 */
const ALICE = 'Local/1001@agents';
const EVE = 'Local/1005@agents';
const FRANK = 'Local/1006@agents';
let sim: Simulator;
let sent: string[];
const processes: BoardProcess[] = [];
const clients: AgentActionsClient[] = [];
let owner: ApiClient;
const ids = new Map<string, string>();
let holder: string;
let other: string;

beforeAll(async () => {
  sim = await startQuietSimulator();
  sent = recordMemberActions(sim);
  const env = simulatorBoardEnv(sim.port, inject('redisUrl'), uniquePrefix(), 3_000);
  processes.push(await spawnBoard({ ...env, INSTANCE_ID: 'one' }), await spawnBoard({ ...env, INSTANCE_ID: 'two' }));
  const lease = await leaseHolderOf(processes);
  [holder, other] = [lease.holder.url, lease.others[0]!.url];
  owner = await loggedIn(holder, TEST_OWNER.username, TEST_OWNER.password);
  const user = async (name: string, role: string, interfaces: string[] = []) => {
    const created = await owner.call<UserView>('POST', '/api/users', {
      username: name,
      password: `${name} password 1`,
      role,
      interfaces,
    });
    if (created.status !== 201) throw new Error(`${name}: ${JSON.stringify(created.body)}`);
    ids.set(name, created.body.id);
  };
  await user('alice', 'agent', [ALICE]);
  await user('eve', 'agent', [EVE]);
  await user('frank', 'agent', [FRANK]);
  await user('sup', 'supervisor');
  await user('lead', 'supervisor');
  await user('unitadmin', 'administrator');
  const team = async (name: string, members: string[], policy: string) => {
    const created = await owner.call<{ id: string }>('POST', '/api/teams', {
      name,
      members: members.map((member) => ids.get(member)),
    });
    expect((await owner.call('POST', '/api/policies', { policy, team: created.body.id })).status).toBe(201);
  };
  await team('Leads', ['lead'], 'agents.supervisorActions');
  await team('Floor', ['frank'], 'agents.noSelfPause');
  const unit = await owner.call('POST', '/api/units', {
    name: 'Support desk',
    members: [ids.get('eve'), ids.get('frank')],
    administrators: [ids.get('unitadmin')],
    queues: ['support'],
  });
  expect(unit.status).toBe(201);
  await memberOf('support', EVE);
}, 120_000);

afterAll(async () => {
  for (const client of clients) client.close();
  await Promise.all(processes.map((process) => process.stop()));
  await sim?.close();
});

async function socketOf(name: string): Promise<AgentActionsClient> {
  const api = await loggedIn(other, name, name === TEST_OWNER.username ? TEST_OWNER.password : `${name} password 1`);
  const client = await AgentActionsClient.open(other, api.cookie!);
  clients.push(client);
  return client;
}

/** A membership as the board (Redis, read through the other process) shows it; undefined when there is none. */
async function member(queue: string, agent: string): Promise<MemberView | undefined> {
  const state = (await owner.call<{ queues: { name: string; members: MemberView[] }[] }>('GET', '/api/state')).body;
  return state.queues.find((item) => item.name === queue)?.members.find((item) => item.interface === agent);
}

const memberOf = (queue: string, agent: string, check: (member: MemberView) => boolean = () => true) =>
  eventually(async () => {
    const found = await member(queue, agent);
    return found && check(found) ? found : undefined;
  }, `${agent} in ${queue} as expected`);

function expectOk<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error);
  return result.data;
}

describe('acting on agents across two server processes', () => {
  it('refuses the wrong role, unit, policy or reason with a clear error, and sends nothing to Asterisk', async () => {
    const [sup, alice, frank, unitadmin, lead] = await Promise.all(
      ['sup', 'alice', 'frank', 'unitadmin', 'lead'].map(socketOf),
    );
    const denied = 'Denied: you may not act on this agent.';
    const refusals: [Promise<Result<unknown>>, string][] = [
      [sup!.pause(EVE, 'support', 'Lunch'), denied],
      [alice!.pause(EVE, 'support', 'Lunch'), denied],
      [alice!.add(ALICE, 'support', 0), denied],
      [frank!.pause(FRANK, null, 'Break'), denied],
      [unitadmin!.pause(ALICE, 'sales', 'Lunch'), denied],
      [unitadmin!.add(EVE, 'sales', 0), 'The queue sales is not in your units.'],
      [lead!.pause(EVE, 'support', 'Sleeping'), 'Choose a pause reason from the list.'],
      [lead!.pause(EVE, 'billing', 'Lunch'), 'Eve is not a member of billing.'],
      [lead!.add(EVE, 'support', 0), 'Eve is logged into support already.'],
      [
        lead!.remove(ALICE, 'sales'),
        'Alice is a static member of sales (set in queues.conf): Asterisk cannot log a static member out over AMI. ' +
          'Change queues.conf, or pause them instead.',
      ],
    ];
    for (const [answer, error] of refusals) expect(await answer).toEqual({ ok: false, error });
    expect(sent).toEqual([]);
    expect((await member('support', EVE))?.paused).toBe(false);
  });

  it('sends one QueuePause for a supervisor the policy allows, and the board follows Asterisk', async () => {
    const lead = await socketOf('lead');
    const paused = expectOk(await lead.pause(EVE, 'support', 'Lunch'));
    expect(paused).toMatchObject({ action: 'pause', agent: EVE, agentName: 'Eve', result: 'done', reason: 'Lunch' });
    expect(sent).toEqual(['QueuePause Local/1005@agents support true Lunch']);
    await memberOf('support', EVE, (found) => found.paused && found.pausedReason === 'Lunch');

    expectOk(await lead.unpause(EVE, 'support'));
    expect(sent.slice(1)).toEqual(['QueuePause Local/1005@agents support false']);
    await memberOf('support', EVE, (found) => !found.paused);
  });

  it('lets an agent pause and unpause themselves in all their queues, with one action each', async () => {
    const alice = await socketOf('alice');
    expect(expectOk(await alice.rights())).toMatchObject({ self: true, others: false });
    const before = sent.length;
    expectOk(await alice.pause(ALICE, null, 'Break'));
    expect(sent.slice(before)).toEqual(['QueuePause Local/1001@agents * true Break']);
    await memberOf('sales', ALICE, (found) => found.paused && found.pausedReason === 'Break');
    expectOk(await alice.unpause(ALICE, null));
    await memberOf('sales', ALICE, (found) => !found.paused);
  });

  it("logs a unit's agent out of and into the unit's queue, with a penalty", async () => {
    const unitadmin = await socketOf('unitadmin');
    const before = sent.length;
    expectOk(await unitadmin.remove(EVE, 'support'));
    expect(sent.slice(before)).toEqual(['QueueRemove Local/1005@agents support']);
    await eventually(async () => (await member('support', EVE)) === undefined || undefined, 'Eve out of support');
    expectOk(await unitadmin.add(EVE, 'support', 2));
    expect(sent.slice(before + 1)).toEqual(['QueueAdd Local/1005@agents support 2']);
    await memberOf('support', EVE, (found) => found.penalty === 2 && found.membership === 'dynamic');
  });

  it('records every attempt in the agent actions log, which administrators read within their units', async () => {
    const log = await owner.call<AgentActionLogPage>('GET', '/api/agent-actions/log?limit=200');
    expect(log.status).toBe(200);
    const lines = log.body.entries.map((entry) => [
      entry.actorName,
      entry.action,
      entry.action === 'callback' ? entry.number : entry.agent,
      entry.result,
    ]);
    expect(lines).toContainEqual(['sup', 'pause', EVE, 'refused']);
    expect(lines).toContainEqual(['lead', 'pause', EVE, 'done']);
    expect(lines).toContainEqual(['alice', 'pause', ALICE, 'done']);
    expect(lines).toContainEqual(['unitadmin', 'add', EVE, 'done']);
    const unitadmin = await loggedIn(other, 'unitadmin', 'unitadmin password 1');
    const theirs = (await unitadmin.call<AgentActionLogPage>('GET', '/api/agent-actions/log?limit=200')).body;
    expect(theirs.entries.length).toBeGreaterThan(0);
    expect(
      theirs.entries.every((entry) => entry.action !== 'callback' && entry.agent !== ALICE && entry.queue !== 'sales'),
    ).toBe(true);
    const agent = await loggedIn(other, 'alice', 'alice password 1');
    expect((await agent.call('GET', '/api/agent-actions/log')).status).toBe(403);
  });

  it('keeps the pause reasons an administrator of the whole board sets, and offers them', async () => {
    const reasons = ['Break', 'Training'];
    expect((await owner.call('PUT', '/api/agent-actions/reasons', { reasons })).body).toEqual({ reasons });
    const unitadmin = await loggedIn(other, 'unitadmin', 'unitadmin password 1');
    expect((await unitadmin.call('PUT', '/api/agent-actions/reasons', { reasons: ['Nap'] })).status).toBe(403);
    expect(expectOk(await (await socketOf('lead')).rights())).toEqual({ reasons, self: true, others: true, own: [] });
    const lead = await socketOf('lead');
    expect(await lead.pause(EVE, 'support', 'Lunch')).toEqual({
      ok: false,
      error: 'Choose a pause reason from the list.',
    });
  });
});
