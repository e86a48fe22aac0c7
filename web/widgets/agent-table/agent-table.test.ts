import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { AgentView } from '../../../server/contract/live.ts';
import { agentView, at, T0 } from '../../testing/fixtures.ts';
import AgentTable from './AgentTable.svelte';
import { statsOf } from '../../testing/stats.ts';
import { agentRows, currentCaller, DEFAULT_AGENT_SORT, withWindowCounters } from './agent-table.ts';

const agents = new Map<string, AgentView>(
  [
    agentView('Cleo', 'paused', { pausedReason: 'Lunch', since: at(-600), answered: 4 }),
    agentView('Anna', 'onCall', {
      since: at(-75),
      answered: 12,
      missed: 1,
      talkSec: 3_700,
      call: { callerIdNum: '+48221234567', callerIdName: 'Jan Kowalski', queue: 'sales', answeredAt: at(-75) },
    }),
    agentView('Bob', 'available', { since: at(-5), answered: 4 }),
  ].map((agent) => [agent.interface, agent]),
);
const names = (rows: AgentView[]) => rows.map((agent) => agent.name);

describe('agentRows', () => {
  it('sorts by name by default', () => {
    expect(names(agentRows(agents, DEFAULT_AGENT_SORT))).toEqual(['Anna', 'Bob', 'Cleo']);
  });

  it('sorts states in the order a supervisor scans them', () => {
    expect(names(agentRows(agents, { key: 'state', direction: 'asc' }))).toEqual(['Bob', 'Anna', 'Cleo']);
  });

  it('sorts time in state shortest first, longest first descending', () => {
    expect(names(agentRows(agents, { key: 'timeInState', direction: 'asc' }))).toEqual(['Bob', 'Anna', 'Cleo']);
    expect(names(agentRows(agents, { key: 'timeInState', direction: 'desc' }))).toEqual(['Cleo', 'Anna', 'Bob']);
  });

  it('breaks ties by name', () => {
    expect(names(agentRows(agents, { key: 'answered', direction: 'desc' }))).toEqual(['Anna', 'Bob', 'Cleo']);
  });

  it('names the current caller', () => {
    expect(currentCaller(agents.get('PJSIP/Anna') as AgentView)).toBe('Jan Kowalski');
    expect(currentCaller(agents.get('PJSIP/Bob') as AgentView)).toBe('');
  });
});

describe('AgentTable', () => {
  const { body } = render(AgentTable, { props: { agents, now: T0 } });
  const row = (name: string) => body.slice(body.indexOf(`data-agent="PJSIP/${name}"`));

  it('marks the sorted column for assistive technology, and only that one', () => {
    expect(body.match(/aria-sort="ascending"/g)).toHaveLength(1);
    expect(body).toMatch(/aria-sort="ascending"><button type="button">Agent/);
    expect(body).not.toContain('aria-sort="none"');
  });

  it('shows each state as shape and word, the time in it, and the call', () => {
    expect(row('Anna')).toMatch(/glyph-square[\s\S]*?On call[\s\S]*?01:15[\s\S]*?1:01:40[\s\S]*?Jan Kowalski/);
    expect(row('Cleo')).toMatch(/glyph-pause[\s\S]*?Paused[\s\S]*?10:00[\s\S]*?Lunch/);
  });
});

describe('withWindowCounters', () => {
  it('counts each agent over the window, and nothing for an agent the statistics do not list', () => {
    const anna = agentView('Anna', 'onCall').interface;
    const stats = statsOf([]);
    stats.agents = [
      {
        interface: anna,
        name: 'Anna',
        answered: 2,
        missed: 1,
        completed: 2,
        talkSec: 90,
        wrapSec: 0,
        loggedInSec: 600,
        pausedSec: 0,
        pausedSecByReason: {},
        occupancyPct: 15,
        byQueue: {},
      },
    ];
    const counted = withWindowCounters(agents, stats);
    expect(counted.get(anna)).toMatchObject({ answered: 2, missed: 1, talkSec: 90 });
    expect(counted.get(agentView('Cleo', 'paused').interface)).toMatchObject({ answered: 0, missed: 0, talkSec: 0 });
  });
});
