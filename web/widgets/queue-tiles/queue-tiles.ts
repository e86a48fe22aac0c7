import type { BoardEntities } from '../../lib/board-entities.ts';
import { serviceLevel } from '../../lib/levels.ts';

/** One queue's tile: what is happening now and how the queue has done. Ticking values are left to the component. */
export interface QueueTile {
  name: string;
  serviceLevelSec: number;
  waiting: number;
  /** When the longest-waiting caller joined, or null with no one waiting. */
  oldestJoinedAt: string | null;
  available: number;
  onCall: number;
  paused: number;
  answered: number;
  abandoned: number;
  /** answeredWithinSl / answered; null before the first answered call. */
  serviceLevel: number | null;
}

export function queueTiles({ queues, members, calls }: BoardEntities): QueueTile[] {
  const tiles = new Map<string, QueueTile>();
  for (const queue of queues.values()) {
    const { answered, abandoned, answeredWithinSl } = queue.counters;
    tiles.set(queue.name, {
      name: queue.name,
      serviceLevelSec: queue.serviceLevelSec,
      waiting: 0,
      oldestJoinedAt: null,
      available: 0,
      onCall: 0,
      paused: 0,
      answered,
      abandoned,
      serviceLevel: serviceLevel(answeredWithinSl, answered),
    });
  }
  for (const member of members.values()) {
    const tile = tiles.get(member.queue);
    if (!tile) continue;
    if (member.state === 'available') tile.available += 1;
    else if (member.state === 'onCall') tile.onCall += 1;
    else if (member.state === 'paused') tile.paused += 1;
  }
  for (const call of calls.values()) {
    const tile = tiles.get(call.queue);
    if (!tile || call.state !== 'waiting') continue;
    tile.waiting += 1;
    if (tile.oldestJoinedAt === null || Date.parse(call.joinedAt) < Date.parse(tile.oldestJoinedAt)) {
      tile.oldestJoinedAt = call.joinedAt;
    }
  }
  return [...tiles.values()].sort((a, b) => a.name.localeCompare(b.name));
}
