import type { AgentView } from '../../../server/contract/live.ts';
import type { StatsResponse } from '../../../server/contract/stats.ts';
import { callerLabel } from '../../display/format.ts';
import { AGENT_STATE_ORDER } from '../../display/looks.ts';
import { sortRows, type ColumnSpec, type SortState, type SortValue } from '../../tables/sort.ts';
import { m } from '../../../server/contract/messages/messages.js';
import { labelled } from '../../i18n/labelled.ts';

export type AgentColumn = 'name' | 'state' | 'timeInState' | 'answered' | 'missed' | 'talk' | 'caller' | 'reason';

export const AGENT_COLUMNS: readonly ColumnSpec<AgentColumn>[] = [
  labelled({ key: 'name' }, () => m.widgets_agents_col_name()),
  labelled({ key: 'state' }, () => m.widgets_agents_col_state()),
  labelled({ key: 'timeInState', numeric: true }, () => m.widgets_agents_col_time_in_state()),
  labelled({ key: 'answered', numeric: true }, () => m.widgets_agents_col_answered()),
  labelled({ key: 'missed', numeric: true }, () => m.widgets_agents_col_missed()),
  labelled({ key: 'talk', numeric: true }, () => m.widgets_agents_col_talk()),
  labelled({ key: 'caller' }, () => m.widgets_agents_col_caller()),
  labelled({ key: 'reason' }, () => m.widgets_agents_col_reason()),
];

/** The columns a narrow widget keeps longest, most important first. */
export const AGENT_IMPORTANCE: readonly AgentColumn[] = [
  'name',
  'state',
  'timeInState',
  'answered',
  'caller',
  'missed',
  'talk',
  'reason',
];

export const DEFAULT_AGENT_SORT: SortState<AgentColumn> = { key: 'name', direction: 'asc' };

/** The caller an agent is talking to, as the table shows it; empty when the agent has no queue call. */
export function currentCaller(agent: AgentView): string {
  return agent.call ? callerLabel(agent.call.callerIdNum, agent.call.callerIdName) : '';
}

/**
 * What a column sorts by. Time in state sorts by when the state began, newest first for "ascending", so that the
 * order does not depend on the clock and rows do not move as the seconds tick.
 */
export function agentSortValue(agent: AgentView, key: AgentColumn): SortValue {
  switch (key) {
    case 'name':
      return agent.name;
    case 'state':
      return AGENT_STATE_ORDER.indexOf(agent.state);
    case 'timeInState':
      return -Date.parse(agent.since);
    case 'answered':
      return agent.answered;
    case 'missed':
      return agent.missed;
    case 'talk':
      return agent.talkSec;
    case 'caller':
      return currentCaller(agent);
    case 'reason':
      return agent.pausedReason;
  }
}

export function agentRows(
  agents: ReadonlyMap<string, AgentView>,
  sort: SortState<AgentColumn>,
  queues: readonly string[] = [],
): AgentView[] {
  const shown = [...agents.values()].filter(
    (agent) => queues.length === 0 || agent.queues.some((queue) => queues.includes(queue)),
  );
  return sortRows(shown, sort, agentSortValue, (agent) => `${agent.name}\u0000${agent.interface}`);
}

/**
 * The agents with their counters over the screen's "statistics since" window; an agent the statistics do not list did
 * nothing in it. Before the first statistics arrive, the live counters.
 */
export function withWindowCounters(
  agents: ReadonlyMap<string, AgentView>,
  stats: StatsResponse | null,
): ReadonlyMap<string, AgentView> {
  if (!stats) return agents;
  const counted = new Map(stats.agents.map((agent) => [agent.interface, agent]));
  const merged = new Map<string, AgentView>();
  for (const [key, agent] of agents) {
    const window = counted.get(agent.interface);
    merged.set(key, {
      ...agent,
      answered: window?.answered ?? 0,
      missed: window?.missed ?? 0,
      talkSec: window?.talkSec ?? 0,
    });
  }
  return merged;
}
