import type { WidgetSettings, WidgetType } from '../../server/contract/layout.ts';
import type { StatsResponse } from '../../server/contract/stats.ts';
import type { BoardEntities } from '../live/board-entities.ts';

/** What a widget drawn from both the live board and the statistics is given: its layout's part and server time. */
export interface BoardAndStatsProps<Type extends WidgetType> {
  settings: WidgetSettings<Type>;
  title: string | undefined;
  entities: BoardEntities | null;
  stats: StatsResponse | null;
  now: number;
}
