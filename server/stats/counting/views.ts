import type { AgentStats, QueueSeries, QueueStats } from '../../contract/stats.ts';
import { averagesOf, occupancyPct, serviceLevelParts, serviceLevelPct } from '../../contract/figures.ts';
import { waitingNow, type AgentTotals, type QueueTotals } from '../../domain/metrics.ts';
import type { LiveState } from '../../domain/state.ts';
import { QUEUE_LAYOUT } from './entries.ts';
import type { AgentTime } from './presence.ts';
import { queueSettings, type QueueSettings, type StatsSettings } from './settings.ts';
import { toRecord, zero } from './vector.ts';

/** The figures of a window as the API sends them, from the totals read for it: what the store hands out. */

/** What is read of one agent for a window. */
export interface AgentFigures {
  readonly totals: AgentTotals;
  readonly time: AgentTime;
  readonly loggedInNow: boolean;
}

/** One queue's figures over a window as the API sends them. */
export function queueView(
  name: string,
  t: QueueTotals,
  settings: StatsSettings,
  live: LiveState | undefined,
  now: number,
): QueueStats {
  const own = queueSettings(settings, name, live);
  const waiting = live ? waitingNow(live, name, now) : { waiting: 0, longestWaitingSec: null };
  return {
    name,
    ...t,
    serviceLevelSec: own.serviceLevelSec,
    serviceLevelFormula: own.formula,
    shortAbandonSec: own.shortAbandonSec,
    ...serviceLevelOf(t, own),
    serviceLevelPct: serviceLevelPct(t, own.formula, own.serviceLevelSec),
    ...averagesOf(t),
    ...waiting,
  };
}

/** The service level's parts by the queue's formula; nothing is judged without a service level time. */
function serviceLevelOf(t: QueueTotals, own: QueueSettings): Pick<QueueStats, 'serviceLevelMet' | 'serviceLevelOf'> {
  if (own.serviceLevelSec <= 0) return { serviceLevelMet: 0, serviceLevelOf: 0 };
  const { met, of } = serviceLevelParts(t, own.formula);
  return { serviceLevelMet: met, serviceLevelOf: of };
}

/** A queue with nothing counted in a window. */
export const NO_QUEUE_TOTALS: QueueTotals = toRecord(QUEUE_LAYOUT, zero(QUEUE_LAYOUT));

/** One queue's figures per interval of a series. */
export function seriesOf(name: string, totals: readonly Map<string, QueueTotals>[], own: QueueSettings): QueueSeries {
  const each = totals.map((byName) => byName.get(name) ?? NO_QUEUE_TOTALS);
  const parts = each.map((t) => serviceLevelOf(t, own));
  return {
    name,
    offered: each.map((t) => t.offered),
    answered: each.map((t) => t.answered),
    abandoned: each.map((t) => t.abandoned),
    serviceLevelMet: parts.map((part) => part.serviceLevelMet),
    serviceLevelOf: parts.map((part) => part.serviceLevelOf),
    serviceLevelPct: each.map((t) => serviceLevelPct(t, own.formula, own.serviceLevelSec)),
  };
}

/** Whether an agent did anything in a window (or is logged in now). */
export function hasActivity(figure: AgentFigures): boolean {
  return figure.loggedInNow || figure.time.loggedInSec > 0 || Object.values(figure.totals).some((value) => value > 0);
}

/** One agent's figures over a window as the API sends them. */
export function agentView(agent: string, name: string, figure: AgentFigures): AgentStats {
  const { totals, time } = figure;
  return {
    interface: agent,
    name,
    ...totals,
    ...time,
    occupancyPct: occupancyPct(totals.talkSec, time.loggedInSec, time.pausedSec),
  };
}
