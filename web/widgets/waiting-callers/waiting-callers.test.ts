import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { at, callView, entitiesOf, queueView, T0 } from '../../testing/fixtures.ts';
import WaitingCallers from './WaitingCallers.svelte';
import { connectedRows, DEFAULT_WAITING_SORT, positionLabels, waitingRows } from './waiting-callers.ts';

const entities = entitiesOf({
  queues: [queueView('sales', {}, 30), queueView('support', {}, 60)],
  calls: [
    callView('1', 'sales', { joinedAt: at(-20), callerIdName: 'Jan Kowalski', ringing: ['Anna', 'Bob'] }),
    callView('2', 'support', { joinedAt: at(-150) }),
    callView('3', 'sales', { joinedAt: at(-10), position: 2 }),
    callView('4', 'sales', { state: 'connected', position: 0, joinedAt: at(-500) }),
  ],
});
const ids = (rows: { id: string }[]) => rows.map((row) => row.id);

describe('waitingRows', () => {
  it('lists only callers still waiting, longest wait first', () => {
    const rows = waitingRows(entities, DEFAULT_WAITING_SORT);
    expect(ids(rows)).toEqual(['2', '1', '3']);
    expect(rows[1]).toMatchObject({
      caller: 'Jan Kowalski',
      queue: 'sales',
      ringing: 'Anna, Bob',
      serviceLevelSec: 30,
    });
  });

  it('sorts by position within queues, ties by queue', () => {
    expect(ids(waitingRows(entities, { key: 'position', direction: 'asc' }))).toEqual(['1', '2', '3']);
  });
});

describe('connectedRows', () => {
  it('lists the callers talking to an agent, the longest call first, within the chosen queues', () => {
    const talking = entitiesOf({
      calls: [
        callView('5', 'support', {
          state: 'connected',
          position: 0,
          agentInterface: 'PJSIP/1002',
          agentName: 'Bob',
          answeredAt: at(-30),
        }),
        callView('6', 'sales', {
          state: 'connected',
          position: 0,
          agentInterface: 'PJSIP/1001',
          agentName: 'Alice',
          answeredAt: at(-90),
        }),
        callView('7', 'sales'),
      ],
    });
    expect(connectedRows(talking).map((row) => [row.id, row.agent, row.agentName])).toEqual([
      ['6', 'PJSIP/1001', 'Alice'],
      ['5', 'PJSIP/1002', 'Bob'],
    ]);
    expect(connectedRows(talking, ['support']).map((row) => row.id)).toEqual(['5']);
  });
});

describe('positionLabels', () => {
  const rows = waitingRows(entities, DEFAULT_WAITING_SORT);

  it('names the queue beside positions of several queues when no queue column says it', () => {
    expect([...positionLabels(rows, false).values()]).toEqual(['1 in support', '1 in sales', '2 in sales']);
  });

  it('shows the bare position beside a queue column, or when every caller waits in one queue', () => {
    expect([...positionLabels(rows, true).values()]).toEqual(['1', '1', '2']);
    const sales = waitingRows(entities, DEFAULT_WAITING_SORT, ['sales']);
    expect([...positionLabels(sales, false).values()]).toEqual(['1', '2']);
  });
});

describe('WaitingCallers', () => {
  it('ticks each wait and weighs it against its queue: past the service level amber, past twice red', () => {
    const { body } = render(WaitingCallers, { props: { entities, now: T0 + 15_000 } });
    const row = (id: string) => body.slice(body.indexOf(`data-call="${id}"`));
    expect(row('3')).toMatch(/var\(--good\)[\s\S]*?glyph-circle[\s\S]*?00:25/);
    expect(row('1')).toMatch(/var\(--warn\)[\s\S]*?glyph-triangle[\s\S]*?00:35/);
    expect(row('2')).toMatch(/var\(--bad\)[\s\S]*?glyph-cross[\s\S]*?02:45/);
  });

  it('shows no connected calls where the board offers no monitoring (a kiosk, a user without it)', () => {
    expect(render(WaitingCallers, { props: { entities, now: T0 } }).body).not.toContain('data-connected-call');
  });

  it('says so when no one is waiting', () => {
    expect(render(WaitingCallers, { props: { entities: entitiesOf(), now: T0 } }).body).toContain('No one is waiting');
  });
});
