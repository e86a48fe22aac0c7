import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { AgentView } from '../../../server/contract/live.ts';
import { agentView, at, T0 } from '../../testing/fixtures.ts';
import AgentGrid from './AgentGrid.svelte';
import { stateCounts } from '../../display/state-counts.ts';
import { gridAgents } from './agent-grid.ts';

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
});

describe('AgentGrid', () => {
  it('shows every agent as a tile with state in shape and words and time in state', () => {
    const { body } = render(AgentGrid, { props: { agents, now: T0, settings: { queues: [] }, title: undefined } });
    expect(body.match(/data-agent-tile=/g)).toHaveLength(4);
    expect(body).toMatch(/data-agent-tile="PJSIP\/Bob"[\s\S]*?glyph-circle[\s\S]*?Bob[\s\S]*?Available[\s\S]*?01:05/);
    expect(body).not.toContain('data-more');
  });

  it('counts the agents past the first few it draws before its box is measured, by state', () => {
    const many = new Map(
      Array.from({ length: 20 }, (_, i) =>
        agentView(`Agent ${String(i).padStart(2, '0')}`, i < 17 ? 'available' : 'paused'),
      ).map((agent) => [agent.interface, agent]),
    );
    const { body } = render(AgentGrid, {
      props: { agents: many, now: T0, settings: { queues: [] }, title: undefined },
    });
    expect(body.match(/data-agent-tile=/g)).toHaveLength(16);
    expect(body).toMatch(/data-more="4"[\s\S]*?\+4 more[\s\S]*?1 Available[\s\S]*?3 Paused/);
  });
});
