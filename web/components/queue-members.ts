import type { BoardEntities } from '../live/board-entities.ts';

export interface NamedAgent {
  readonly interface: string;
  readonly name: string;
}

/** A queue's members on the board, and the board's other agents (whom one may log into it), each sorted by name. */
export function queueMembership(
  entities: BoardEntities,
  queue: string,
): { members: NamedAgent[]; others: NamedAgent[] } {
  const inQueue = new Set(
    [...entities.members.values()].filter((member) => member.queue === queue).map((member) => member.interface),
  );
  const named = (iface: string): NamedAgent => ({ interface: iface, name: entities.agents.get(iface)?.name ?? iface });
  const byName = (a: NamedAgent, b: NamedAgent): number => a.name.localeCompare(b.name);
  return {
    members: [...inQueue].map(named).sort(byName),
    others: [...entities.agents.keys()]
      .filter((iface) => !inQueue.has(iface))
      .map(named)
      .sort(byName),
  };
}
