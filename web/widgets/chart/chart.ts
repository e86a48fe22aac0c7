import { format } from 'date-fns';
import type { AgentState } from '../../../server/contract/live.ts';

/**
 * What a chart draws, from what the screen has seen: the statistics and the live board sampled as they arrive, one
 * sample kept per interval (the last), so that a screen running for weeks keeps a bounded history. Intervals are
 * aligned to the clock (:00, :15, …), from "statistics since" to now.
 */
export interface CountSample {
  at: number;
  /** Counters since "statistics since", as the statistics gave them at `at`. */
  answered: number;
  abandoned: number;
  serviceLevelPct: number | null;
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
  const kept = last && binStart(last.at, intervalMs) === binStart(sample.at, intervalMs) ? samples.slice(0, -1) : [...samples];
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

/**
 * Answered and abandoned calls per interval: each interval gets what the counters grew by during it. Calls counted
 * before the first sample (before the screen opened) go to the interval of that first sample.
 */
export function callsPerBin(samples: readonly CountSample[], starts: readonly number[], intervalMs: number): { answered: number[]; abandoned: number[] } {
  const answered = starts.map(() => 0);
  const abandoned = starts.map(() => 0);
  let previous: CountSample | null = null;
  for (const sample of samples) {
    const bin = indexOf(starts, sample.at, intervalMs);
    if (bin >= 0) {
      answered[bin]! += Math.max(0, sample.answered - (previous?.answered ?? 0));
      abandoned[bin]! += Math.max(0, sample.abandoned - (previous?.abandoned ?? 0));
    }
    previous = sample;
  }
  return { answered, abandoned };
}

/** The service level as it stood at the end of each interval (null where none was seen). */
export function serviceLevelPerBin(samples: readonly CountSample[], starts: readonly number[], intervalMs: number): (number | null)[] {
  const points: (number | null)[] = starts.map(() => null);
  for (const sample of samples) {
    const bin = indexOf(starts, sample.at, intervalMs);
    if (bin >= 0) points[bin] = sample.serviceLevelPct;
  }
  return points;
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
