import type { KpiMetric } from '../../server/contract/layout.ts';
import type { QueueStats, StatsResponse } from '../../server/contract/stats.ts';
import type { BoardEntities } from './board-entities.ts';
import { formatCount, formatDuration, secondsSince } from './format.ts';

/**
 * The figures of KPI tiles and the queue table, for one queue or several together. Counters since "statistics
 * since" come from the statistics the server sends (stats:watch); what is happening now (callers waiting, the longest
 * wait, agents by state) comes from the live board, which is fresher. docs/metrics.md defines each figure.
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
  offered: { label: 'Offered', kind: 'count', source: 'window' },
  answered: { label: 'Answered', kind: 'count', source: 'window' },
  abandoned: { label: 'Abandoned', kind: 'count', source: 'window' },
  abandonedShort: { label: 'Short abandons', kind: 'count', source: 'window' },
  timedOut: { label: 'Timed out', kind: 'count', source: 'window' },
  serviceLevelPct: { label: 'Service level', kind: 'percent', source: 'window' },
  asaSec: { label: 'ASA', kind: 'duration', source: 'window' },
  maxWaitSec: { label: 'Max wait', kind: 'duration', source: 'window' },
  avgTalkSec: { label: 'Avg talk', kind: 'duration', source: 'window' },
  ahtSec: { label: 'AHT', kind: 'duration', source: 'window' },
  longestWaitingSec: { label: 'Longest wait', kind: 'duration', source: 'live' },
  waiting: { label: 'Waiting', kind: 'count', source: 'live' },
  agentsAvailable: { label: 'Available', kind: 'count', source: 'live' },
  agentsOnCall: { label: 'On call', kind: 'count', source: 'live' },
  agentsPaused: { label: 'Paused', kind: 'count', source: 'live' },
};

export function formatFigure(kind: FigureKind, value: number | null): string {
  if (value === null) return '\u2014';
  switch (kind) {
    case 'count':
      return formatCount(value);
    case 'duration':
      return formatDuration(value);
    case 'percent':
      return `${Math.round(value)}%`;
  }
}

/** Whether a queue is among those a widget is limited to (none: every queue). */
export function inQueues(selected: readonly string[], queue: string): boolean {
  return selected.length === 0 || selected.includes(queue);
}

const round1 = (n: number): number => Math.round(n * 10) / 10;
const ratio = (part: number, whole: number): number | null => (whole > 0 ? round1(part / whole) : null);

/** The window's counters of several queues as one: sums, maxima, and each average recomputed from its sums. */
export function windowFigures(queues: readonly QueueStats[]): Pick<Figures, Exclude<KpiMetric, LiveMetric>> {
  const sum = (pick: (q: QueueStats) => number): number => queues.reduce((total, q) => total + pick(q), 0);
  const answered = sum((q) => q.answered);
  const completed = sum((q) => q.completed);
  let slMet = 0;
  let slOf = 0;
  for (const q of queues) {
    const [met, of] = serviceLevelParts(q);
    slMet += met;
    slOf += of;
  }
  return {
    offered: sum((q) => q.offered),
    answered,
    abandoned: sum((q) => q.abandoned),
    abandonedShort: sum((q) => q.abandonedShort),
    timedOut: sum((q) => q.timedOut),
    serviceLevelPct: slOf > 0 ? round1((100 * slMet) / slOf) : null,
    asaSec: ratio(sum((q) => q.holdSecAnswered), answered),
    maxWaitSec: queues.length > 0 ? Math.max(...queues.map((q) => q.maxWaitSec)) : 0,
    avgTalkSec: ratio(sum((q) => q.talkSec), completed),
    ahtSec: ratio(sum((q) => q.talkSec + q.wrapSec), completed),
  };
}

/** A queue's service level as "met out of", by the formula the queue is judged by. */
function serviceLevelParts(q: QueueStats): [number, number] {
  switch (q.serviceLevelFormula) {
    case 'answered':
      return [q.answeredWithinSl, q.answered];
    case 'offered':
      return [q.answeredWithinSl, q.answered + q.abandoned];
    case 'asterisk2':
      return [q.answeredWithinSl + q.abandonedWithinSl, q.answered + q.abandoned];
    case 'excludeShort':
      return [q.answeredWithinSl, q.answered + q.abandonedAfterSl];
  }
}

type LiveMetric = 'waiting' | 'longestWaitingSec' | 'agentsAvailable' | 'agentsOnCall' | 'agentsPaused';

/** What the live board says now about some queues; `now` is server time. */
export function liveFigures(entities: BoardEntities, queues: readonly string[], now: number): Pick<Figures, LiveMetric> {
  let waiting = 0;
  let oldest: string | null = null;
  for (const call of entities.calls.values()) {
    if (call.state !== 'waiting' || !inQueues(queues, call.queue)) continue;
    waiting += 1;
    if (oldest === null || call.joinedAt < oldest) oldest = call.joinedAt;
  }
  let available = 0;
  let onCall = 0;
  let paused = 0;
  for (const agent of entities.agents.values()) {
    if (queues.length > 0 && !agent.queues.some((queue) => queues.includes(queue))) continue;
    if (agent.state === 'available') available += 1;
    else if (agent.state === 'onCall') onCall += 1;
    else if (agent.state === 'paused') paused += 1;
  }
  return {
    waiting,
    longestWaitingSec: secondsSince(oldest, now),
    agentsAvailable: available,
    agentsOnCall: onCall,
    agentsPaused: paused,
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
    ? windowFigures(stats.queues.filter((q) => inQueues(queues, q.name)))
    : { offered: null, answered: null, abandoned: null, abandonedShort: null, timedOut: null, serviceLevelPct: null, asaSec: null, maxWaitSec: null, avgTalkSec: null, ahtSec: null };
  const live = entities
    ? liveFigures(entities, queues, now)
    : { waiting: null, longestWaitingSec: null, agentsAvailable: null, agentsOnCall: null, agentsPaused: null };
  return { ...window, ...live };
}
