import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { at, callView, entitiesOf, memberView, queueView, T0 } from '../../testing/fixtures.ts';
import QueueTiles from './QueueTiles.svelte';
import { queueTiles } from './queue-tiles.ts';

const entities = entitiesOf({
  queues: [
    queueView('support', { answered: 10, answeredWithinSl: 9, abandoned: 2 }, 20),
    queueView('sales', { answered: 0, abandoned: 1 }),
  ],
  members: [
    memberView('sales', 'Anna', 'available'),
    memberView('sales', 'Bob', 'onCall'),
    memberView('sales', 'Cleo', 'paused'),
    memberView('support', 'Anna', 'available'),
    memberView('support', 'Dan', 'wrapUp'),
  ],
  calls: [
    callView('1', 'sales', { joinedAt: at(-30) }),
    callView('2', 'sales', { joinedAt: at(-95), position: 2 }),
    callView('3', 'sales', { state: 'connected', joinedAt: at(-300), position: 0 }),
  ],
});

describe('queueTiles', () => {
  it('sums each queue: who waits and since when, its agents by state, its counters', () => {
    const [sales, support] = queueTiles(entities);
    expect(sales).toEqual({
      name: 'sales',
      serviceLevelSec: 30,
      waiting: 2,
      oldestJoinedAt: at(-95),
      available: 1,
      onCall: 1,
      paused: 1,
      answered: 0,
      abandoned: 1,
      serviceLevel: null,
    });
    expect(support).toMatchObject({ waiting: 0, oldestJoinedAt: null, available: 1, onCall: 0, serviceLevel: 0.9 });
  });
});

describe('QueueTiles', () => {
  const { body } = render(QueueTiles, { props: { entities, now: T0 } });
  const tile = (name: string) => body.slice(body.indexOf(`data-queue="${name}"`));

  it('ticks the longest wait from the server time it is given', () => {
    expect(tile('sales')).toMatch(/data-figure="longest-wait">[\s\S]*?01:35/);
  });

  it('colours and shapes the service level, and says it in words', () => {
    expect(tile('support')).toMatch(/tone-good[\s\S]*?glyph-circle[\s\S]*?90%[\s\S]*?on target/);
    expect(tile('sales')).toMatch(/tone-none[\s\S]*?glyph-ring[\s\S]*?\u2014[\s\S]*?no calls yet/);
  });

  it('says so when there is no queue yet', () => {
    const empty = render(QueueTiles, { props: { entities: entitiesOf(), now: T0 } });
    expect(empty.body).toContain('No queues');
  });
});
