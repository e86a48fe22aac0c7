/**
 * Queue counters under app_queue's own definitions: Holdtime and TalkTime are exponential averages
 * (new = (3 * old + sample) / 4, integer seconds, the first sample taken as is); Completed counts calls at their end;
 * Abandoned includes MAXWAIT timeouts; ServicelevelPerf = answered within the service level / completed,
 * ServicelevelPerf2 = (answered + abandoned within the service level) / (completed + abandoned).
 */
import type { QueueStats } from './types.ts';

export function emptyStats(): QueueStats {
  return { completed: 0, abandoned: 0, completedInSl: 0, abandonedInSl: 0, holdtime: 0, talktime: 0 };
}

function average(old: number, sample: number, first: boolean): number {
  return first ? sample : (3 * old + sample) >> 2;
}

/** At connect: the hold time enters the average. */
export function recordConnect(stats: QueueStats, holdTime: number): void {
  stats.holdtime = average(stats.holdtime, holdTime, stats.completed + stats.abandoned === 0);
}

/** At the end of a connected call. */
export function recordCompleted(stats: QueueStats, talkTime: number, inServiceLevel: boolean): void {
  stats.talktime = average(stats.talktime, talkTime, stats.completed === 0);
  stats.completed++;
  if (inServiceLevel) stats.completedInSl++;
}

export function recordAbandoned(stats: QueueStats, waited: number, servicelevel: number): void {
  stats.abandoned++;
  if (waited <= servicelevel) stats.abandonedInSl++;
}

export function serviceLevelPerf(stats: QueueStats): string {
  return (stats.completed > 0 ? (100 * stats.completedInSl) / stats.completed : 0).toFixed(1);
}

export function serviceLevelPerf2(stats: QueueStats): string {
  const total = stats.completed + stats.abandoned;
  return (total > 0 ? (100 * (stats.completedInSl + stats.abandonedInSl)) / total : 0).toFixed(1);
}
