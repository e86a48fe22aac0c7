import type { AgentState, AgentView } from '../../server/contract/live.ts';
import { AGENT_STATE_ORDER } from './looks.ts';

export interface StateCount {
  state: AgentState;
  count: number;
}

/** How many agents are in each state, in the order a supervisor scans them; states nobody is in are left out. */
export function stateCounts(agents: readonly AgentView[]): StateCount[] {
  const counts = new Map<AgentState, number>();
  for (const agent of agents) counts.set(agent.state, (counts.get(agent.state) ?? 0) + 1);
  return AGENT_STATE_ORDER.filter((state) => counts.has(state)).map((state) => ({ state, count: counts.get(state)! }));
}
