import { format } from 'date-fns';
import type { Layout } from '../../../server/contract/layout.ts';
import { percent } from '../../../server/contract/figures.ts';
import type { AgentState } from '../../../server/contract/live.ts';
import type { StatsInterval, StatsSeries } from '../../../server/contract/stats.ts';

/**
 * What a chart draws. Calls and the service level come per interval from the server's series (exact from its
 * counts); agents by state from the live board sampled as it changes, one sample kept per interval (the last), so that
 * a screen running for weeks keeps a bounded history. Intervals are aligned to the clock (:00, :15, …), from
 * "statistics since" to now.
 */

const INTERVAL_OF_MIN: Readonly<Record<number, StatsInterval>> = { 5: '5m', 15: '15m', 30: '30m', 60: '1h' };

/**
 * The interval a screen asks its series in: the narrowest of its charts of calls. Each wider one is a whole number of
 * them and adds them up.
 */
export function seriesInterval(layout: Layout): StatsInterval | undefined {
  const widths = layout.columnsContent
    .flat()
    .flatMap((widget) =>
      widget.type === 'chart' && widget.settings.kind !== 'agentStates' ? [widget.settings.intervalMin] : [],
    );
  return widths.length > 0 ? INTERVAL_OF_MIN[Math.min(...widths)] : undefined;
}

export interface CallBins {
  starts: number[];
  answered: number[];
  abandoned: number[];
  /** The service level over the window up to the end of each interval (null while no call was judged). */
  serviceLevelPct: (number | null)[];
}

/**
 * The series of the chosen queues (none: every queue) in the chart's intervals: the server's intervals added up, a
 * new chart interval starting where the clock reaches a multiple of its width; at most MAX_BINS of the latest.
 */
export function callBins(series: StatsSeries, queues: readonly string[], intervalMin: number): CallBins {
  const chosen = series.queues.filter((queue) => queues.length === 0 || queues.includes(queue.name));
  const starts: number[] = [];
  const answered: number[] = [];
  const abandoned: number[] = [];
  const parts: { met: number; of: number }[] = [];
  series.starts.forEach((text, i) => {
    const start = new Date(text);
    if (i === 0 || (start.getHours() * 60 + start.getMinutes()) % intervalMin === 0) {
      starts.push(start.getTime());
      answered.push(0);
      abandoned.push(0);
      parts.push({ met: 0, of: 0 });
    }
    const last = starts.length - 1;
    for (const queue of chosen) {
      answered[last]! += queue.answered[i] ?? 0;
      abandoned[last]! += queue.abandoned[i] ?? 0;
      parts[last]!.met += queue.serviceLevelMet[i] ?? 0;
      parts[last]!.of += queue.serviceLevelOf[i] ?? 0;
    }
  });
  let met = 0;
  let of = 0;
  const serviceLevelPct = parts.map((part) => {
    met += part.met;
    of += part.of;
    return percent(met, of);
  });
  const keep = <T>(values: T[]): T[] => values.slice(-MAX_BINS);
  return {
    starts: keep(starts),
    answered: keep(answered),
    abandoned: keep(abandoned),
    serviceLevelPct: keep(serviceLevelPct),
  };
}

export interface StateSample {
  at: number;
  counts: Partial<Record<AgentState, number>>;
}

/** Most intervals a chart shows: 24 h of 15 minutes. Older intervals are left out. */
export const MAX_BINS = 96;

/** Adds a sample, replacing the previous one when both fall in the same interval. */
export function addSample<S extends { at: number }>(samples: readonly S[], sample: S, intervalMs: number): S[] {
  const last = samples.at(-1);
  const kept =
    last && binStart(last.at, intervalMs) === binStart(sample.at, intervalMs) ? samples.slice(0, -1) : [...samples];
  kept.push(sample);
  return kept.slice(-MAX_BINS - 1);
}

export function binStart(at: number, intervalMs: number): number {
  return Math.floor(at / intervalMs) * intervalMs;
}

/** The start of each interval from `since` to `now`, at most MAX_BINS of the latest. */
export function binStarts(since: number, now: number, intervalMs: number): number[] {
  const first = Math.max(binStart(since, intervalMs), binStart(now, intervalMs) - (MAX_BINS - 1) * intervalMs);
  const starts: number[] = [];
  for (let at = first; at <= now; at += intervalMs) starts.push(at);
  return starts;
}

export function binLabels(starts: readonly number[]): string[] {
  return starts.map((at) => format(at, 'HH:mm'));
}

/** Agents in each state at the end of each interval, one series per state that anyone was in. */
export function statesPerBin(
  samples: readonly StateSample[],
  starts: readonly number[],
  intervalMs: number,
  states: readonly AgentState[],
): { state: AgentState; counts: (number | null)[] }[] {
  const last: (StateSample | null)[] = starts.map(() => null);
  for (const sample of samples) {
    const bin = indexOf(starts, sample.at, intervalMs);
    if (bin >= 0) last[bin] = sample;
  }
  return states
    .filter((state) => samples.some((sample) => (sample.counts[state] ?? 0) > 0))
    .map((state) => ({ state, counts: last.map((sample) => (sample ? (sample.counts[state] ?? 0) : null)) }));
}

function indexOf(starts: readonly number[], at: number, intervalMs: number): number {
  return starts.indexOf(binStart(at, intervalMs));
}
