import { describe, expect, it } from 'vitest';
import { memberKey, type BoardSnapshot } from '../../server/contract/board.ts';
import { agentView, callView, deltaOf, memberView, queueView, snapshotOf } from '../testing/fixtures.ts';
import { applyOps, entitiesFromSnapshot } from './board-entities.ts';
import { BoardSync, MAX_HELD_DELTAS } from './board-sync.ts';

function harness() {
  const asked: number[] = [];
  const sync = new BoardSync(() => asked.push(asked.length + 1));
  const callIds = () => {
    const update = sync.take();
    return update ? update.ops.map((op) => (op.op === 'call' ? op.call.id : op.op)) : null;
  };
  return { sync, asked, callIds };
}

const call = (seq: number) => ({ op: 'call' as const, call: callView(String(seq), 'sales') });

describe('BoardSync', () => {
  it('holds deltas until the snapshot, then drops what the snapshot covers and applies the rest in order', () => {
    const { sync, callIds } = harness();
    sync.delta(deltaOf(12, call(12)));
    sync.delta(deltaOf(10, call(10)));
    sync.delta(deltaOf(11, call(11)));
    expect(sync.take()).toBeNull();
    expect(sync.inSync).toBe(false);

    sync.snapshot(snapshotOf(10));
    expect(sync.inSync).toBe(true);
    const update = sync.take();
    expect(update?.snapshot?.seq).toBe(10);
    expect(update?.ops.map((op) => (op.op === 'call' ? op.call.id : ''))).toEqual(['11', '12']);
    sync.delta(deltaOf(13, call(13)));
    expect(callIds()).toEqual(['13']);
  });

  it('drops deltas it has already applied', () => {
    const { sync, callIds } = harness();
    sync.snapshot(snapshotOf(5));
    sync.take();
    sync.delta(deltaOf(6, call(6)));
    sync.delta(deltaOf(6, call(6)));
    sync.delta(deltaOf(4, call(4)));
    expect(callIds()).toEqual(['6']);
  });

  it('asks once for a snapshot on a gap, holds what follows, and resumes after it', () => {
    const { sync, asked, callIds } = harness();
    sync.snapshot(snapshotOf(1));
    sync.take();
    sync.delta(deltaOf(3, call(3)));
    sync.delta(deltaOf(4, call(4)));
    expect(asked).toEqual([1]);
    expect(sync.inSync).toBe(false);
    expect(sync.take()).toBeNull();

    sync.snapshot(snapshotOf(3));
    expect(sync.take()?.ops).toEqual([call(4)]);
    expect(asked).toEqual([1]);
    sync.delta(deltaOf(5, call(5)));
    expect(callIds()).toEqual(['5']);
  });

  it('asks again when the snapshot still leaves a gap before the held deltas', () => {
    const { sync, asked } = harness();
    sync.delta(deltaOf(9, call(9)));
    sync.snapshot(snapshotOf(7));
    expect(asked).toHaveLength(1);
    expect(sync.inSync).toBe(false);
  });

  it('starts over from any snapshot, even one behind it: the server counts afresh after a take-over', () => {
    const { sync, callIds } = harness();
    sync.snapshot(snapshotOf(20));
    sync.take();
    sync.snapshot(snapshotOf(7));
    expect(sync.take()?.snapshot?.seq).toBe(7);
    sync.delta(deltaOf(8, call(8)));
    expect(callIds()).toEqual(['8']);
  });

  it('coalesces ops between renders: the last op on an entity wins', () => {
    const { sync } = harness();
    sync.snapshot(snapshotOf(0));
    sync.take();
    const ringing = callView('a', 'sales', { ringing: ['Anna'] });
    sync.delta(
      deltaOf(1, { op: 'call', call: callView('a', 'sales') }, { op: 'agent', agent: agentView('Anna', 'available') }),
    );
    sync.delta(deltaOf(2, { op: 'call', call: ringing }));
    sync.delta(deltaOf(3, { op: 'agent', agent: agentView('Anna', 'ringing') }, { op: 'callRemoved', id: 'b' }));
    expect(sync.take()?.ops).toEqual([
      { op: 'call', call: ringing },
      { op: 'agent', agent: agentView('Anna', 'ringing') },
      { op: 'callRemoved', id: 'b' },
    ]);
  });

  it('starts over after a disconnect: seq counts afresh with the next snapshot', () => {
    const { sync, callIds } = harness();
    sync.snapshot(snapshotOf(500));
    sync.take();
    sync.disconnected();
    expect(sync.inSync).toBe(false);
    sync.delta(deltaOf(2, call(2)));
    sync.snapshot(snapshotOf(1));
    expect(sync.take()?.ops).toEqual([call(2)]);
    sync.delta(deltaOf(3, call(3)));
    expect(callIds()).toEqual(['3']);
  });

  it('keeps a bounded number of deltas while it waits', () => {
    const { sync } = harness();
    for (let seq = 1; seq <= MAX_HELD_DELTAS + 10; seq += 1) sync.delta(deltaOf(seq, call(seq)));
    sync.snapshot(snapshotOf(10));
    expect(sync.take()?.ops).toHaveLength(MAX_HELD_DELTAS);
  });
});

describe('applyOps', () => {
  const snapshot: BoardSnapshot = snapshotOf(0, {
    queues: [queueView('sales')],
    members: [memberView('sales', 'Anna', 'available')],
    calls: [callView('c1', 'sales')],
    agents: [agentView('Anna', 'available')],
  });

  it('upserts and removes every kind of entity', () => {
    const before = entitiesFromSnapshot(snapshot);
    const link = { ami: { up: false, since: null, down: [] }, redis: { up: true, since: null } };
    const after = applyOps(before, [
      { op: 'queue', queue: queueView('support') },
      { op: 'queueRemoved', name: 'sales' },
      { op: 'member', member: memberView('support', 'Anna', 'paused') },
      { op: 'memberRemoved', queue: 'sales', interface: 'PJSIP/Anna' },
      { op: 'call', call: callView('c2', 'support') },
      { op: 'callRemoved', id: 'c1' },
      { op: 'agent', agent: agentView('Bob', 'onCall') },
      { op: 'agentRemoved', interface: 'PJSIP/Anna' },
      { op: 'link', link },
    ]);
    expect([...after.queues.keys()]).toEqual(['support']);
    expect([...after.members.keys()]).toEqual([memberKey('support', 'PJSIP/Anna')]);
    expect([...after.calls.keys()]).toEqual(['c2']);
    expect([...after.agents.keys()]).toEqual(['PJSIP/Bob']);
    expect(after.link).toBe(link);
  });

  it('copies only the maps it writes and never changes the entities it was given', () => {
    const before = entitiesFromSnapshot(snapshot);
    const after = applyOps(before, [{ op: 'call', call: callView('c2', 'sales') }]);
    expect(before.calls.size).toBe(1);
    expect(after.calls.size).toBe(2);
    expect(after.agents).toBe(before.agents);
    expect(after.queues).toBe(before.queues);
  });
});
