import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scopeDelta, scopeLiveState, scopeSnapshot, scopeStats } from '../../server/access/filter.ts';
import type { Scope } from '../../server/access/scope.ts';
import { HIDDEN_NUMBER, type Presence } from '../../server/contract/accounts.ts';
import type { BoardDelta, BoardOp, BoardSnapshot, CallView, QueueMemberView } from '../../server/contract/board.ts';
import type { AgentView, LiveStateView, MemberView, QueueSummaryView } from '../../server/contract/live.ts';
import type { AgentStats, QueueStats, StatsResponse } from '../../server/contract/stats.ts';

const QUEUES = ['sales', 'support', 'billing', 'vip'];
const IFACES = ['PJSIP/1001', 'PJSIP/1002', 'PJSIP/1003', 'Local/2001@agents', 'Local/2002@agents', 'SIP/3001'];
const AT = '2025-03-01T08:00:00.000Z';
const COUNTERS = { joined: 1, answered: 1, abandoned: 0, timedOut: 0, exitedEmpty: 0, exitedWithKey: 0, withdrawn: 0 };

const queueName = fc.constantFrom(...QUEUES);
const iface = fc.constantFrom(...IFACES);
const phone = fc.stringMatching(/^\+?[0-9]{3,12}$/);
const callerName = fc.oneof(phone, fc.constantFrom('Jan Kowalski', 'ACME Sp. z o.o.', ''));

function queueSummary(name: string): QueueSummaryView {
  return {
    name,
    strategy: 'rrmemory',
    serviceLevelSec: 20,
    counters: {
      ...COUNTERS,
      answeredWithinSl: 1,
      ringNoAnswer: 0,
      transferred: 0,
      asteriskCompleted: 0,
      asteriskAbandoned: 0,
    },
    reported: null,
  };
}

const queue = queueName.map(queueSummary);

const member: fc.Arbitrary<QueueMemberView> = fc.record({ queue: queueName, iface, inCall: fc.boolean() }).map((m) => ({
  queue: m.queue,
  interface: m.iface,
  state: m.inCall ? 'onCall' : 'available',
}));

const call: fc.Arbitrary<CallView> = fc
  .record({
    id: fc.stringMatching(/^[0-9]{10}\.[0-9]{1,4}$/),
    queue: queueName,
    num: phone,
    name: callerName,
    agent: fc.option(iface, { nil: null }),
    ringing: fc.subarray(IFACES),
  })
  .map((c) => ({
    id: c.id,
    queue: c.queue,
    state: c.agent ? 'connected' : 'waiting',
    callerIdNum: c.num,
    callerIdName: c.name,
    position: c.agent ? 0 : 1,
    joinedAt: AT,
    ringing: c.ringing.map((ringing) => `Agent ${ringing}`),
    agentInterface: c.agent,
    agentName: c.agent && `Agent ${c.agent}`,
    answeredAt: c.agent ? AT : null,
    holdSec: c.agent ? 4 : null,
  }));

const agent: fc.Arbitrary<AgentView> = fc
  .record({
    iface,
    queues: fc.subarray(QUEUES, { minLength: 1 }),
    call: fc.option(fc.record({ callerIdNum: phone, callerIdName: callerName, queue: queueName }), { nil: null }),
  })
  .map((a) => ({
    interface: a.iface,
    name: `Agent ${a.iface}`,
    queues: a.queues,
    state: a.call ? 'onCall' : 'available',
    since: AT,
    pausedReason: '',
    call: a.call && { ...a.call, answeredAt: AT },
    answered: 2 * a.queues.length,
    missed: a.queues.length,
    talkSec: 60 * a.queues.length,
    byQueue: Object.fromEntries(a.queues.map((queue) => [queue, { answered: 2, missed: 1, talkSec: 60 }])),
  }));

const snapshot: fc.Arbitrary<BoardSnapshot> = fc
  .record({
    seq: fc.nat(),
    queues: fc.uniqueArray(queue, { selector: (q) => q.name }),
    members: fc.uniqueArray(member, { selector: (m) => `${m.queue} ${m.interface}` }),
    calls: fc.uniqueArray(call, { selector: (c) => c.id }),
    agents: fc.uniqueArray(agent, { selector: (a) => a.interface }),
  })
  .map((parts) => ({
    ...parts,
    at: AT,
    link: { ami: { up: true, since: AT, down: [] }, redis: { up: true, since: AT } },
  }));

const op: fc.Arbitrary<BoardOp> = fc.oneof(
  queue.map((q): BoardOp => ({ op: 'queue', queue: q })),
  queueName.map((name): BoardOp => ({ op: 'queueRemoved', name })),
  member.map((m): BoardOp => ({ op: 'member', member: m })),
  fc
    .record({ queue: queueName, iface })
    .map((m): BoardOp => ({ op: 'memberRemoved', queue: m.queue, interface: m.iface })),
  call.map((c): BoardOp => ({ op: 'call', call: c })),
  fc.string().map((id): BoardOp => ({ op: 'callRemoved', id })),
  agent.map((a): BoardOp => ({ op: 'agent', agent: a })),
  iface.map((i): BoardOp => ({ op: 'agentRemoved', interface: i })),
);

const delta: fc.Arbitrary<BoardDelta> = fc.record({
  seq: fc.nat(),
  at: fc.constant(AT),
  ops: fc.array(op, { maxLength: 30 }),
});

const scope: fc.Arbitrary<Scope> = fc
  .record({
    unit: fc.option(fc.record({ queues: fc.subarray(QUEUES), agents: fc.subarray(IFACES) }), { nil: null }),
    presence: fc.constantFrom<Presence>('full', 'hideNumbers', 'none'),
    own: fc.subarray(IFACES, { maxLength: 2 }),
  })
  .map((s) => ({
    visible: s.unit
      ? { users: new Set<string>(), queues: new Set(s.unit.queues), agents: new Set([...s.unit.agents, ...s.own]) }
      : 'all',
    presence: s.presence,
    own: new Set(s.own),
    copyNumbers: false,
  }));

/** Everything that reached the viewer but should not have, in words; empty when the scope held. */
function leaks(scope: Scope, board: Pick<BoardSnapshot, 'queues' | 'members' | 'calls' | 'agents'>): string[] {
  const found: string[] = [];
  const unit = scope.visible === 'all' ? null : scope.visible;
  const own = (i: string | null) => i !== null && scope.own.has(i);
  const queueOk = (name: string) => !unit || unit.queues.has(name);
  // With presence disabled only the viewer's own agents are shown; in a unit only the unit's.
  const agentOk = (i: string) => own(i) || ((!unit || unit.agents.has(i)) && scope.presence !== 'none');
  const numbersOk = (item: { callerIdNum: string; callerIdName: string }, agentIface: string | null) =>
    scope.presence === 'full' ||
    own(agentIface) ||
    (item.callerIdNum === HIDDEN_NUMBER && item.callerIdName === HIDDEN_NUMBER);

  for (const q of board.queues) if (!queueOk(q.name)) found.push(`queue ${q.name}`);
  for (const m of board.members) {
    if (!queueOk(m.queue) || !agentOk(m.interface)) found.push(`member ${m.queue} ${m.interface}`);
  }
  for (const c of board.calls) {
    if (!queueOk(c.queue)) found.push(`call in ${c.queue}`);
    if (c.agentInterface !== null && !agentOk(c.agentInterface)) found.push(`call's agent ${c.agentInterface}`);
    if (!numbersOk(c, c.agentInterface)) found.push(`number ${c.callerIdNum} of a call`);
    if (c.ringing.length > 0 && (unit || scope.presence === 'none')) found.push('ringing names');
  }
  for (const a of board.agents) {
    if (!agentOk(a.interface)) found.push(`agent ${a.interface}`);
    // Even on the viewer's own phone, a queue outside the scope and its calls are not shown.
    for (const name of a.queues) if (!queueOk(name)) found.push(`agent's queue ${name}`);
    if (a.call && (!queueOk(a.call.queue) || !numbersOk(a.call, a.interface)))
      found.push(`agent's call ${a.call.callerIdNum}`);
  }
  return found;
}

/** The entities a delta carries, and its removals, as a board would see them. */
function deltaLeaks(scope: Scope, ops: readonly BoardOp[]): string[] {
  const board = {
    queues: [] as QueueSummaryView[],
    members: [] as QueueMemberView[],
    calls: [] as CallView[],
    agents: [] as AgentView[],
  };
  for (const o of ops) {
    if (o.op === 'queue') board.queues.push(o.queue);
    else if (o.op === 'member') board.members.push(o.member);
    else if (o.op === 'call') board.calls.push(o.call);
    else if (o.op === 'agent') board.agents.push(o.agent);
    else if (o.op === 'queueRemoved') board.queues.push({ name: o.name } as QueueSummaryView);
    else if (o.op === 'memberRemoved')
      board.members.push({ queue: o.queue, interface: o.interface } as QueueMemberView);
    else if (o.op === 'agentRemoved')
      board.agents.push({ interface: o.interface, queues: [], call: null } as unknown as AgentView);
  }
  return leaks(scope, board);
}

/** GET /api/state's nested view of a snapshot, as the domain presents it. */
function nested(board: BoardSnapshot): LiveStateView {
  return {
    link: board.link.ami,
    queues: board.queues.map((q) => ({
      ...q,
      waiting: board.calls.filter((c) => c.queue === q.name && c.state === 'waiting'),
      connected: board.calls
        .filter((c) => c.queue === q.name && c.agentInterface !== null)
        .map((c) => ({ ...c, agentInterface: c.agentInterface!, agentName: c.agentName!, answeredAt: AT, holdSec: 4 })),
      members: board.members.filter((m) => m.queue === q.name).map(memberInFull),
    })),
    agents: board.agents,
  };
}

/** A board's member with the details that only GET /api/state shows. */
function memberInFull({ interface: iface, state }: QueueMemberView): MemberView {
  const inCall = state === 'onCall';
  return {
    interface: iface,
    name: `Agent ${iface}`,
    stateInterface: iface,
    membership: 'static',
    penalty: 0,
    status: inCall ? 2 : 1,
    state,
    paused: false,
    pausedReason: '',
    inCall,
    callsTaken: 3,
    lastCallAt: null,
    since: AT,
  };
}

function flatten(state: LiveStateView): Pick<BoardSnapshot, 'queues' | 'members' | 'calls' | 'agents'> {
  return {
    queues: state.queues,
    members: state.queues.flatMap((q) => q.members.map((m) => ({ ...m, queue: q.name }))),
    calls: state.queues.flatMap((q) => [
      ...q.waiting.map((c) => ({ ...c, queue: q.name, agentInterface: null }) as unknown as CallView),
      ...q.connected.map(
        (c) => ({ ...c, queue: q.name, ringing: [], agentInterface: c.agentInterface || null }) as unknown as CallView,
      ),
    ]),
    agents: state.agents,
  };
}

describe('scope filters: nothing outside the scope survives', () => {
  it('snapshots', () => {
    fc.assert(
      fc.property(scope, snapshot, (s, board) => {
        expect(leaks(s, scopeSnapshot(s, board))).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('deltas, which keep their seq and time even with no op left', () => {
    fc.assert(
      fc.property(scope, delta, (s, d) => {
        const scoped = scopeDelta(s, d);
        expect(scoped.seq).toBe(d.seq);
        expect(scoped.at).toBe(d.at);
        expect(deltaLeaks(s, scoped.ops)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('the nested view of GET /api/state', () => {
    fc.assert(
      fc.property(scope, snapshot, (s, board) => {
        expect(leaks(s, flatten(scopeLiveState(s, nested(board))))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps everything in the scope: queues, calls of its queues, its agents (presence permitting)', () => {
    fc.assert(
      fc.property(scope, snapshot, (s, board) => {
        const scoped = scopeSnapshot(s, board);
        const unit = s.visible === 'all' ? null : s.visible;
        expect(scoped.queues.length).toBe(board.queues.filter((q) => !unit || unit.queues.has(q.name)).length);
        expect(scoped.calls.length).toBe(board.calls.filter((c) => !unit || unit.queues.has(c.queue)).length);
        const shown = (i: string) => s.own.has(i) || ((!unit || unit.agents.has(i)) && s.presence !== 'none');
        expect(scoped.agents.length).toBe(board.agents.filter((a) => shown(a.interface)).length);
      }),
      { numRuns: 300 },
    );
  });

  it('hands back the same object when the viewer sees everything', () => {
    fc.assert(
      fc.property(snapshot, delta, (board, d) => {
        const everything: Scope = { visible: 'all', presence: 'full', own: new Set(), copyNumbers: false };
        expect(scopeSnapshot(everything, board)).toBe(board);
        expect(scopeDelta(everything, d)).toBe(d);
      }),
    );
  });
});

describe('a unit administrator and hidden numbers, by example', () => {
  const board: BoardSnapshot = {
    seq: 7,
    at: AT,
    link: { ami: { up: true, since: AT, down: [] }, redis: { up: true, since: AT } },
    queues: [queueSummary('sales'), queueSummary('support')],
    members: [],
    calls: [
      callView({ id: '1.1', queue: 'sales', callerIdNum: '+48111000111', agentInterface: 'PJSIP/1001' }),
      callView({ id: '1.2', queue: 'support', callerIdNum: '+48222000222', agentInterface: 'PJSIP/2001' }),
      callView({ id: '1.3', queue: 'sales', callerIdNum: '+48333000333', agentInterface: 'PJSIP/2001' }),
    ],
    agents: [agentView('PJSIP/1001', 'sales', '+48111000111'), agentView('PJSIP/2001', 'support', '+48222000222')],
  };
  const salesAdmin: Scope = {
    visible: { users: new Set(), queues: new Set(['sales']), agents: new Set(['PJSIP/1001']) },
    presence: 'full',
    own: new Set(),
    copyNumbers: false,
  };

  it('never receives another unit’s agent, queue or number', () => {
    const text = JSON.stringify(scopeSnapshot(salesAdmin, board));
    for (const foreign of ['support', 'PJSIP/2001', '+48222000222']) expect(text).not.toContain(foreign);
    expect(text).toContain('+48111000111');
    // A sales caller answered by another unit's agent is shown, without that agent.
    expect(scopeSnapshot(salesAdmin, board).calls.find((c) => c.id === '1.3')).toMatchObject({
      agentInterface: null,
      agentName: null,
      callerIdNum: '+48333000333',
    });
  });

  it('counts an agent’s calls of the viewer’s queues only', () => {
    const both: AgentView = {
      ...agentView('PJSIP/1001', 'sales', '+48111000111'),
      queues: ['sales', 'support'],
      answered: 7,
      missed: 3,
      talkSec: 700,
      byQueue: { sales: { answered: 2, missed: 1, talkSec: 200 }, support: { answered: 5, missed: 2, talkSec: 500 } },
    };
    const [agent] = scopeSnapshot(salesAdmin, { ...board, agents: [both] }).agents;
    expect(agent).toMatchObject({
      queues: ['sales'],
      answered: 2,
      missed: 1,
      talkSec: 200,
      byQueue: { sales: both.byQueue.sales },
    });
    expect(JSON.stringify(agent)).not.toContain('support');
    const delta = scopeDelta(salesAdmin, { seq: 2, at: AT, ops: [{ op: 'agent', agent: both }] });
    expect(delta.ops).toEqual([{ op: 'agent', agent }]);
  });

  it('with hidden numbers masks every number but those of the viewer’s own calls', () => {
    const hidden: Scope = { visible: 'all', presence: 'hideNumbers', own: new Set(['PJSIP/1001']), copyNumbers: false };
    const scoped = scopeSnapshot(hidden, board);
    const text = JSON.stringify(scoped);
    for (const number of ['+48222000222', '+48333000333']) expect(text).not.toContain(number);
    expect(scoped.calls.find((c) => c.id === '1.1')?.callerIdNum).toBe('+48111000111');
    expect(scoped.agents.find((a) => a.interface === 'PJSIP/2001')?.call).toMatchObject({ callerIdNum: HIDDEN_NUMBER });
  });

  it('with presence disabled shows the viewer only their own agent', () => {
    const none: Scope = { visible: 'all', presence: 'none', own: new Set(['PJSIP/1001']), copyNumbers: false };
    const scoped = scopeSnapshot(none, board);
    expect(scoped.agents.map((a) => a.interface)).toEqual(['PJSIP/1001']);
    expect(scoped.calls.map((c) => c.agentInterface)).toEqual(['PJSIP/1001', null, null]);
  });

  it('statistics: only the unit’s queues and agents', () => {
    const stats: StatsResponse = {
      window: { since: AT, until: AT },
      queues: [{ name: 'sales' }, { name: 'support' }] as QueueStats[],
      agents: [
        {
          interface: 'PJSIP/1001',
          loggedInSec: 1000,
          pausedSec: 0,
          byQueue: { sales: counts(2, 100), support: counts(5, 500) },
        },
        { interface: 'PJSIP/2001', loggedInSec: 1000, pausedSec: 0, byQueue: { support: counts(1, 60) } },
      ] as unknown as AgentStats[],
    };
    const scoped = scopeStats(salesAdmin, stats);
    expect(scoped.queues.map((q) => q.name)).toEqual(['sales']);
    expect(scoped.agents.map((a) => a.interface)).toEqual(['PJSIP/1001']);
    // Their calls of the unit's queues only: the support calls count neither in answered nor in the occupancy.
    expect(scoped.agents[0]).toMatchObject({ ...counts(2, 100), occupancyPct: 10, byQueue: { sales: counts(2, 100) } });
    expect(JSON.stringify(scoped)).not.toContain('support');
  });
});

function counts(answered: number, talkSec: number) {
  return { answered, missed: 1, completed: answered, talkSec, wrapSec: 0 };
}

function callView(fields: Pick<CallView, 'id' | 'queue' | 'callerIdNum' | 'agentInterface'>): CallView {
  return {
    ...fields,
    state: 'connected',
    callerIdName: fields.callerIdNum,
    position: 0,
    joinedAt: AT,
    ringing: [],
    agentName: `Agent ${fields.agentInterface}`,
    answeredAt: AT,
    holdSec: 3,
  };
}

function agentView(iface: string, queueName: string, number: string): AgentView {
  return {
    interface: iface,
    name: `Agent ${iface}`,
    queues: [queueName],
    state: 'onCall',
    since: AT,
    pausedReason: '',
    call: { callerIdNum: number, callerIdName: number, queue: queueName, answeredAt: AT },
    answered: 1,
    missed: 0,
    talkSec: 30,
    byQueue: { [queueName]: { answered: 1, missed: 0, talkSec: 30 } },
  };
}
