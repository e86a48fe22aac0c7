import type { AgentView } from '../../../server/contract/live.ts';
import { callerLabel } from '../../lib/format.ts';
import { AGENT_STATE_ORDER } from '../../lib/looks.ts';
import { sortRows, type ColumnSpec, type SortState, type SortValue } from '../../lib/sort.ts';

export type AgentColumn = 'name' | 'state' | 'timeInState' | 'answered' | 'missed' | 'talk' | 'caller' | 'reason';

export const AGENT_COLUMNS: readonly ColumnSpec<AgentColumn>[] = [
  { key: 'name', label: 'Agent' },
  { key: 'state', label: 'State' },
  { key: 'timeInState', label: 'In state', numeric: true },
  { key: 'answered', label: 'Answered', numeric: true },
  { key: 'missed', label: 'Missed', numeric: true },
  { key: 'talk', label: 'Talk', numeric: true },
  { key: 'caller', label: 'Caller' },
  { key: 'reason', label: 'Pause reason' },
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

export function agentRows(agents: ReadonlyMap<string, AgentView>, sort: SortState<AgentColumn>): AgentView[] {
  return sortRows([...agents.values()], sort, agentSortValue, (agent) => `${agent.name}\u0000${agent.interface}`);
}
