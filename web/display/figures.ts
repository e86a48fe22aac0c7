import type { KpiMetric } from '../../server/contract/layout.ts';
import { agentStates, combineQueues } from '../../server/contract/figures.ts';
import type { StatsResponse } from '../../server/contract/stats.ts';
import type { BoardEntities } from '../live/board-entities.ts';
import { formatCount, formatDuration, formatPercent, secondsSince } from './format.ts';
import { m } from '../../server/contract/messages/messages.js';
import { labelled } from '../i18n/labelled.ts';

/**
 * The figures of every board (KPI tiles, the queue table, the home board's queue cards), for one queue or several
 * together. Counters since "statistics since" come from the statistics the server sends (stats:watch), added up over
 * queues by the contract's combineQueues; what is happening now (callers waiting, the longest wait, agents by state)
 * comes from the live board, which is fresher. docs/metrics.md defines each figure.
 */
export type Figures = Record<KpiMetric, number | null>;

export type FigureKind = 'count' | 'duration' | 'percent';

export interface MetricInfo {
  label: string;
  kind: FigureKind;
  /** `live`: from the board now; `window`: counted since "statistics since". */
  source: 'live' | 'window';
}

export const METRIC_INFO: Readonly<Record<KpiMetric, MetricInfo>> = {
  offered: labelled({ kind: 'count', source: 'window' }, () => m.board_metric_offered()),
  answered: labelled({ kind: 'count', source: 'window' }, () => m.board_metric_answered()),
  abandoned: labelled({ kind: 'count', source: 'window' }, () => m.board_metric_abandoned()),
  abandonedShort: labelled({ kind: 'count', source: 'window' }, () => m.board_metric_abandoned_short()),
  timedOut: labelled({ kind: 'count', source: 'window' }, () => m.board_metric_timed_out()),
  serviceLevelPct: labelled({ kind: 'percent', source: 'window' }, () => m.board_metric_service_level()),
  asaSec: labelled({ kind: 'duration', source: 'window' }, () => m.board_metric_asa()),
  maxWaitSec: labelled({ kind: 'duration', source: 'window' }, () => m.board_metric_max_wait()),
  avgTalkSec: labelled({ kind: 'duration', source: 'window' }, () => m.board_metric_avg_talk()),
  ahtSec: labelled({ kind: 'duration', source: 'window' }, () => m.board_metric_aht()),
  longestWaitingSec: labelled({ kind: 'duration', source: 'live' }, () => m.board_metric_longest_waiting()),
  waiting: labelled({ kind: 'count', source: 'live' }, () => m.board_metric_waiting()),
  agentsAvailable: labelled({ kind: 'count', source: 'live' }, () => m.board_metric_agents_available()),
  agentsOnCall: labelled({ kind: 'count', source: 'live' }, () => m.board_metric_agents_on_call()),
  agentsPaused: labelled({ kind: 'count', source: 'live' }, () => m.board_metric_agents_paused()),
};

export function formatFigure(kind: FigureKind, value: number | null): string {
  if (value === null) return '\u2014';
  switch (kind) {
    case 'count':
      return formatCount(value);
    case 'duration':
      return formatDuration(value);
    case 'percent':
      return formatPercent(value);
  }
}

/** Whether a queue is among those a widget is limited to (none: every queue). */
export function inQueues(selected: readonly string[], queue: string): boolean {
  return selected.length === 0 || selected.includes(queue);
}

type LiveMetric = 'waiting' | 'longestWaitingSec' | 'agentsAvailable' | 'agentsOnCall' | 'agentsPaused';

/** What the live board says now about some queues; `now` is server time. */
export function liveFigures(
  entities: BoardEntities,
  queues: readonly string[],
  now: number,
): Pick<Figures, LiveMetric> {
  let waiting = 0;
  let oldest: string | null = null;
  for (const call of entities.calls.values()) {
    if (call.state !== 'waiting' || !inQueues(queues, call.queue)) continue;
    waiting += 1;
    if (oldest === null || call.joinedAt < oldest) oldest = call.joinedAt;
  }
  const agents = agentStates(entities.agents.values(), queues);
  return {
    waiting,
    longestWaitingSec: secondsSince(oldest, now),
    agentsAvailable: agents.available,
    agentsOnCall: agents.onCall,
    agentsPaused: agents.paused,
  };
}

/**
 * Every figure of some queues (none: all). Without statistics yet (not received, or refused) the window's figures are
 * null, shown as "—"; without the board yet the live ones are.
 */
export function figuresOf(
  queues: readonly string[],
  entities: BoardEntities | null,
  stats: StatsResponse | null,
  now: number,
): Figures {
  const window = stats
    ? combineQueues(stats.queues.filter((q) => inQueues(queues, q.name)))
    : {
        offered: null,
        answered: null,
        abandoned: null,
        abandonedShort: null,
        timedOut: null,
        serviceLevelPct: null,
        asaSec: null,
        maxWaitSec: null,
        avgTalkSec: null,
        ahtSec: null,
      };
  const live = entities
    ? liveFigures(entities, queues, now)
    : { waiting: null, longestWaitingSec: null, agentsAvailable: null, agentsOnCall: null, agentsPaused: null };
  return { ...window, ...live };
}

/**
 * The service level time waits are judged by, for some queues (none: all), as the server counts with it (a queue's
 * override or Asterisk's): the strictest of theirs, or null while none has one or no statistics arrived yet.
 */
export function serviceLevelSecOf(queues: readonly string[], stats: StatsResponse | null): number | null {
  const times = (stats?.queues ?? [])
    .filter((q) => inQueues(queues, q.name) && q.serviceLevelSec > 0)
    .map((q) => q.serviceLevelSec);
  return times.length > 0 ? Math.min(...times) : null;
}
