import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { AgentView } from '../../../server/contract/live.ts';
import { agentView, at, T0 } from '../../testing/fixtures.ts';
import AgentGrid from './AgentGrid.svelte';
import { gridAgents, stateCounts, tilesThatFit, tileWidthRem, UNMEASURED_TILES } from './agent-grid.ts';

const agents = new Map<string, AgentView>(
  [
    agentView('Dan', 'paused', { queues: ['support'] }),
    agentView('Anna', 'onCall', { queues: ['sales'] }),
    agentView('Bob', 'available', { queues: ['sales'], since: at(-65) }),
    agentView('Cleo', 'available', { queues: ['support'] }),
  ].map((agent) => [agent.interface, agent]),
);

describe('gridAgents', () => {
  it('orders tiles by state, then name; only the chosen queues', () => {
    expect(gridAgents(agents, []).map((a) => a.name)).toEqual(['Bob', 'Cleo', 'Anna', 'Dan']);
    expect(gridAgents(agents, ['sales']).map((a) => a.name)).toEqual(['Bob', 'Anna']);
  });

  it('counts agents per state for the legend', () => {
    expect(stateCounts(gridAgents(agents, []))).toEqual([
      { state: 'available', count: 2 },
      { state: 'onCall', count: 1 },
      { state: 'paused', count: 1 },
    ]);
  });

  it('shrinks tiles as agents grow, so that 100+ fit one screen', () => {
    expect(tileWidthRem(10)).toBeGreaterThan(tileWidthRem(50));
    expect(tileWidthRem(150)).toBe(6);
  });
});

describe('tilesThatFit', () => {
  it('fills the rows the grid shows, the last one even if cut', () => {
    expect(tilesThatFit({ columns: 8, rowPitch: 40 }, 400)).toBe(80);
    expect(tilesThatFit({ columns: 8, rowPitch: 40 }, 410)).toBe(88);
  });

  it('draws a first few tiles before anything is measured', () => {
    expect(tilesThatFit(null, 400)).toBe(UNMEASURED_TILES);
    expect(tilesThatFit({ columns: 8, rowPitch: 40 }, 0)).toBe(UNMEASURED_TILES);
  });
});

describe('AgentGrid', () => {
  it('shows every agent as a tile with state in shape and words and time in state', () => {
    const { body } = render(AgentGrid, { props: { agents, now: T0, settings: { queues: [] }, title: undefined } });
    expect(body.match(/data-agent-tile=/g)).toHaveLength(4);
    expect(body).toMatch(/data-agent-tile="PJSIP\/Bob"[\s\S]*?glyph-circle[\s\S]*?Bob[\s\S]*?Available[\s\S]*?01:05/);
  });
});
