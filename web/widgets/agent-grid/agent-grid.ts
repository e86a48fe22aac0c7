import type { AgentState, AgentView } from '../../../server/contract/live.ts';
import { AGENT_STATE_ORDER } from '../../lib/looks.ts';

export interface StateCount {
  state: AgentState;
  count: number;
}

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

/** How many agents are in each state, for the grid's legend; states nobody is in are left out. */
export function stateCounts(agents: readonly AgentView[]): StateCount[] {
  const counts = new Map<AgentState, number>();
  for (const agent of agents) counts.set(agent.state, (counts.get(agent.state) ?? 0) + 1);
  return AGENT_STATE_ORDER.filter((state) => counts.has(state)).map((state) => ({ state, count: counts.get(state)! }));
}

/**
 * Tile width in rem for `count` agents, so that 100+ fit a 1080p screen: the more agents, the smaller the tiles, down
 * to a size whose name is still readable from across a room.
 */
export function tileWidthRem(count: number): number {
  if (count <= 24) return 9;
  if (count <= 60) return 7.5;
  return 6;
}

/**
 * Tiles drawn before the grid is measured: a first row or two, fewer than a grid on a board holds. The grid then draws
 * as many as it holds before the frame is painted; a guessed screenful cost the first frame the layout of the tiles
 * that did not fit.
 */
export const UNMEASURED_TILES = 16;

/** What the browser laid out: tiles per row, and the height of a row with its gap, in px. */
export interface GridFit {
  readonly columns: number;
  readonly rowPitch: number;
}

/**
 * How many tiles to draw in a grid `height` px tall: the rows it shows, the last one perhaps cut. The grid clips what
 * does not fit, so drawing 1,000 tiles where 150 show would only cost style and layout on every tick.
 */
export function tilesThatFit(fit: GridFit | null, height: number): number {
  if (!fit || fit.columns <= 0 || fit.rowPitch <= 0 || height <= 0) return UNMEASURED_TILES;
  return fit.columns * Math.ceil(height / fit.rowPitch);
}
