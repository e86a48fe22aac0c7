import { describe, expect, it } from 'vitest';
import { agentView, at, callView, entitiesOf, queueView, T0 } from '../testing/fixtures.ts';
import { queueStats, statsOf } from '../testing/stats.ts';
import { figuresOf, formatFigure, liveFigures } from './figures.ts';

const sales = queueStats('sales', { offered: 12, answered: 10 });

describe('liveFigures', () => {
  const entities = entitiesOf({
    queues: [queueView('sales'), queueView('support')],
    calls: [callView('1', 'sales', { joinedAt: at(-40) }), callView('2', 'support', { joinedAt: at(-90) })],
  });
  const withAgents = {
    ...entities,
    agents: new Map(
      [
        agentView('Anna', 'available', { queues: ['sales'] }),
        agentView('Bob', 'onCall', { queues: ['support'] }),
        agentView('Cleo', 'paused', { queues: ['sales', 'support'] }),
      ].map((a) => [a.interface, a]),
    ),
  };

  it('counts who waits and the agents by state, in the chosen queues only', () => {
    expect(liveFigures(withAgents, ['sales'], T0)).toEqual({
      waiting: 1,
      longestWaitingSec: 40,
      agentsAvailable: 1,
      agentsOnCall: 0,
      agentsPaused: 1,
    });
    expect(liveFigures(withAgents, [], T0)).toMatchObject({ waiting: 2, longestWaitingSec: 90, agentsOnCall: 1 });
  });

  it('leaves what it does not know yet empty', () => {
    expect(figuresOf([], null, statsOf([sales]), T0)).toMatchObject({ answered: 10, waiting: null });
    expect(figuresOf([], withAgents, null, T0)).toMatchObject({ answered: null, waiting: 2 });
  });
});

describe('formatFigure', () => {
  it('writes counts, durations and percentages, and a dash for nothing', () => {
    expect(formatFigure('count', 1234)).toBe('1\u2009234');
    expect(formatFigure('duration', 75)).toBe('01:15');
    expect(formatFigure('percent', 81.3)).toBe('81%');
    expect(formatFigure('percent', null)).toBe('\u2014');
  });
});
