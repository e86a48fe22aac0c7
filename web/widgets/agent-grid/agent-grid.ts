import type { AgentView } from '../../../server/contract/live.ts';
import { AGENT_STATE_ORDER } from '../../display/looks.ts';

/**
 * The agents of some queues (none: all) in the order a supervisor scans a wall of tiles: by state (who can take a
 * call first), then by name, so that a tile moves only when its agent's state changes.
 */
export function gridAgents(agents: ReadonlyMap<string, AgentView>, queues: readonly string[]): AgentView[] {
  const rank = (agent: AgentView): number => AGENT_STATE_ORDER.indexOf(agent.state);
  return [...agents.values()]
    .filter((agent) => queues.length === 0 || agent.queues.some((queue) => queues.includes(queue)))
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name) || a.interface.localeCompare(b.interface));
}
