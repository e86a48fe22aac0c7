import { describe, expect, it } from 'vitest';
import { WIDGET_CATALOGUE } from '../../../server/contract/layout.ts';
import { addSample, binStarts, callsPerBin, MAX_BINS, serviceLevelPerBin, statesPerBin, type CountSample } from './chart.ts';
import { chartData } from './chart-data.ts';

const MIN = 60_000;
const T = Date.parse('2026-03-02T08:00:00Z');
const sample = (min: number, answered: number, abandoned: number, sl: number | null = null): CountSample => ({
  at: T + min * MIN,
  answered,
  abandoned,
  serviceLevelPct: sl,
});

describe('chart samples', () => {
  it('keeps one sample per interval, the last', () => {
    let samples: CountSample[] = [];
    for (const s of [sample(1, 1, 0), sample(4, 2, 0), sample(16, 3, 1)]) samples = addSample(samples, s, 15 * MIN);
    expect(samples.map((s) => s.answered)).toEqual([2, 3]);
  });

  it('aligns intervals to the clock from since to now, at most a day of 15 minutes', () => {
    expect(binStarts(T + 7 * MIN, T + 40 * MIN, 15 * MIN)).toEqual([T, T + 15 * MIN, T + 30 * MIN]);
    expect(binStarts(T - 7 * 86_400_000, T, 15 * MIN)).toHaveLength(MAX_BINS);
  });

  it('puts in each interval what the counters grew by during it', () => {
    const starts = binStarts(T, T + 44 * MIN, 15 * MIN);
    const samples = [sample(5, 4, 1, 90), sample(20, 6, 1, 85), sample(44, 9, 3)];
    expect(callsPerBin(samples, starts, 15 * MIN)).toEqual({ answered: [4, 2, 3], abandoned: [1, 0, 2] });
    expect(serviceLevelPerBin(samples, starts, 15 * MIN)).toEqual([90, 85, null]);
  });

  it('stacks agent states per interval, for the states anyone was in', () => {
    const starts = binStarts(T, T + 20 * MIN, 15 * MIN);
    const states = [
      { at: T + MIN, counts: { available: 3, onCall: 1 } },
      { at: T + 16 * MIN, counts: { available: 1, onCall: 3 } },
    ];
    expect(statesPerBin(states, starts, 15 * MIN, ['available', 'onCall', 'paused'])).toEqual([
      { state: 'available', counts: [3, 1] },
      { state: 'onCall', counts: [1, 3] },
    ]);
  });

  it('describes each kind of chart for Chart.js', () => {
    const settings = { ...WIDGET_CATALOGUE.chart.defaults, kind: 'serviceLevel' as const };
    const data = chartData(settings, { counts: [sample(1, 1, 0, 75)], states: [] }, T, T + 10 * MIN);
    expect(data).toMatchObject({ type: 'line', percent: true, labels: [expect.stringMatching(/^\d\d:\d\d$/) as string] });
    expect(data.datasets[0]?.data).toEqual([75]);
  });
});
