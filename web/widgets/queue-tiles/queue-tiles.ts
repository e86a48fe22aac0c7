import type { StatsResponse } from '../../../server/contract/stats.ts';
import type { BoardEntities } from '../../live/board-entities.ts';
import { figuresOf, serviceLevelSecOf, type Figures } from '../../display/figures.ts';
import { defaultLevel, type Level } from '../../display/levels.ts';

/**
 * One queue's card on the home board: the same figures a KPI tile or the queue table shows for the queue, counted by
 * the statistics engine since the board's "statistics since" by the queue's own formula, beside what is happening now.
 */
export interface QueueTile {
  name: string;
  /** The service level time the statistics judge it by (the queue's override, else Asterisk's); null: none. */
  serviceLevelSec: number | null;
  figures: Figures;
  serviceLevel: Level;
  longestWait: Level;
}

/** A card per queue on the live board, by name; `now` is server time, the longest wait ticks with it. */
export function queueTiles(entities: BoardEntities, stats: StatsResponse | null, now: number): QueueTile[] {
  return [...entities.queues.keys()]
    .sort((a, b) => a.localeCompare(b))
    .map((name) => {
      const figures = figuresOf([name], entities, stats, now);
      const serviceLevelSec = serviceLevelSecOf([name], stats);
      return {
        name,
        serviceLevelSec,
        figures,
        serviceLevel: defaultLevel('serviceLevelPct', figures.serviceLevelPct, serviceLevelSec),
        longestWait: defaultLevel('longestWaitingSec', figures.longestWaitingSec, serviceLevelSec),
      };
    });
}
