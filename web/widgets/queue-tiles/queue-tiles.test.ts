import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { setLocale } from '../../../server/contract/messages/runtime.js';
import { agentView, at, callView, entitiesOf, queueView, T0 } from '../../testing/fixtures.ts';
import { queueStats, statsOf } from '../../testing/stats.ts';
import QueueTiles from './QueueTiles.svelte';
import { queueTiles } from './queue-tiles.ts';

// The live board's own counters run since the server's state began: 10 answered, 9 within the service level (90 %).
const entities = entitiesOf({
  queues: [
    queueView('support', { answered: 10, answeredWithinSl: 9, abandoned: 2 }, 20),
    queueView('sales', { answered: 7, abandoned: 1 }),
  ],
  agents: [
    agentView('Anna', 'available', { queues: ['sales', 'support'] }),
    agentView('Bob', 'onCall', { queues: ['sales'] }),
    agentView('Cleo', 'paused', { queues: ['sales'] }),
  ],
  calls: [
    callView('1', 'sales', { joinedAt: at(-30) }),
    callView('2', 'sales', { joinedAt: at(-95), position: 2 }),
    callView('3', 'sales', { state: 'connected', joinedAt: at(-300), position: 0 }),
  ],
});
// The statistics engine for the board's window, by each queue's formula and service level time (an override for sales).
const stats = statsOf([
  queueStats('support', {
    answered: 4,
    abandoned: 1,
    serviceLevelMet: 2,
    serviceLevelOf: 5,
    serviceLevelPct: 40,
    serviceLevelSec: 20,
  }),
  queueStats('sales', {
    answered: 3,
    abandoned: 0,
    serviceLevelMet: 3,
    serviceLevelOf: 3,
    serviceLevelPct: 100,
    serviceLevelSec: 45,
  }),
]);

describe('queueTiles', () => {
  it('takes the counters and the service level from the statistics, not from the live board’s counters', () => {
    const [sales, support] = queueTiles(entities, stats, T0);
    expect(support).toMatchObject({
      name: 'support',
      serviceLevelSec: 20,
      figures: { answered: 4, abandoned: 1, serviceLevelPct: 40 },
    });
    expect(support?.serviceLevel).toBe('bad');
    expect(sales).toMatchObject({ serviceLevelSec: 45, figures: { answered: 3, serviceLevelPct: 100 } });
  });

  it('shows no counters before the statistics arrive', () => {
    const [sales] = queueTiles(entities, null, T0);
    expect(sales?.figures).toMatchObject({ answered: null, abandoned: null, serviceLevelPct: null, waiting: 2 });
    expect(sales?.serviceLevelSec).toBeNull();
  });

  it('counts who waits and the agents by state live, and judges the longest wait against the statistics’ service level time', () => {
    const [sales] = queueTiles(entities, stats, T0);
    expect(sales?.figures).toMatchObject({
      waiting: 2,
      longestWaitingSec: 95,
      agentsAvailable: 1,
      agentsOnCall: 1,
      agentsPaused: 1,
    });
    // 95 s against 45 s: more than twice the service level time.
    expect(sales?.longestWait).toBe('bad');
  });
});

describe('QueueTiles', () => {
  const { body } = render(QueueTiles, { props: { entities, stats, now: T0 } });
  const tile = (name: string) => body.slice(body.indexOf(`data-queue="${name}"`));

  it('ticks the longest wait from the server time it is given', () => {
    expect(tile('sales')).toMatch(/data-figure="longest-wait">[\s\S]*?01:35/);
  });

  it('colours and shapes the service level, and says it in words', () => {
    expect(tile('sales')).toMatch(/var\(--good\)[\s\S]*?glyph-circle[\s\S]*?100%[\s\S]*?on target/);
    expect(tile('support')).toMatch(/var\(--bad\)[\s\S]*?glyph-cross[\s\S]*?40%[\s\S]*?below target/);
    expect(tile('sales')).toContain('answered within 45s');
  });

  it('speaks Polish: the figures’ names, the service level in words, a decimal comma nowhere needed', () => {
    void setLocale('pl', { reload: false });
    try {
      const { body: inPolish } = render(QueueTiles, { props: { entities, stats, now: T0 } });
      const polish = inPolish.slice(inPolish.indexOf('data-queue="sales"'));
      expect(polish).toContain('Oczekujący');
      expect(polish).toContain('Najdłuższe oczekiwanie');
      expect(polish).toMatch(/100%[\s\S]*?w normie/);
      expect(polish).toContain('poziom obsługi: odebrane w ciągu 45 s');
      expect(polish).toContain('Porzucone');
    } finally {
      void setLocale('en', { reload: false });
    }
  });

  it('says so when there is no queue yet', () => {
    const empty = render(QueueTiles, { props: { entities: entitiesOf(), stats: null, now: T0 } });
    expect(empty.body).toContain('No queues');
  });
});
