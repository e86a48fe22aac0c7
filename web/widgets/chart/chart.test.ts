import { describe, expect, it } from 'vitest';
import { WIDGET_CATALOGUE, type Layout, type Widget } from '../../../server/contract/layout.ts';
import type { QueueSeries, StatsSeries } from '../../../server/contract/stats.ts';
import { addSample, binStarts, callBins, MAX_BINS, seriesInterval, statesPerBin, type StateSample } from './chart.ts';
import { chartData, fromFirstData } from './chart-data.ts';

const MIN = 60_000;
/** Local midnight, so that the clock's quarters are those of the machine the test runs on, as on a screen. */
const T = new Date(2026, 2, 2, 8, 0, 0).getTime();

function queueSeries(name: string, answered: number[], abandoned: number[], met: number[], of: number[]): QueueSeries {
  return {
    name,
    offered: answered.map((a, i) => a + (abandoned[i] ?? 0)),
    answered,
    abandoned,
    serviceLevelMet: met,
    serviceLevelOf: of,
    serviceLevelPct: [],
  };
}

/** A 15-minute series from 08:07 (an odd window start) to 09:00. */
const series: StatsSeries = {
  interval: '15m',
  starts: [T + 7 * MIN, T + 15 * MIN, T + 30 * MIN, T + 45 * MIN].map((at) => new Date(at).toISOString()),
  queues: [
    queueSeries('sales', [4, 2, 0, 3], [1, 0, 0, 2], [4, 1, 0, 1], [5, 2, 0, 5]),
    queueSeries('support', [1, 1, 1, 1], [0, 0, 1, 0], [1, 1, 0, 1], [1, 1, 1, 1]),
  ],
};

describe('calls per chart interval, from the server series', () => {
  it('takes the series as it is in its own interval, the service level over the window so far', () => {
    expect(callBins(series, ['sales'], 15)).toEqual({
      starts: [T + 7 * MIN, T + 15 * MIN, T + 30 * MIN, T + 45 * MIN],
      answered: [4, 2, 0, 3],
      abandoned: [1, 0, 0, 2],
      // 4/5, 5/7, 5/7, 6/12
      serviceLevelPct: [80, 71.4, 71.4, 50],
    });
  });

  it('adds up the chosen queues (none: all of them)', () => {
    const all = callBins(series, [], 15);
    expect(all.answered).toEqual([5, 3, 1, 4]);
    expect(all.abandoned).toEqual([1, 0, 1, 2]);
    expect(all.serviceLevelPct).toEqual([83.3, 77.8, 70, 56.3]); // 5/6, 7/9, 7/10, 9/16
    expect(callBins(series, ['sales', 'support'], 15)).toEqual(all);
  });

  it('adds narrower intervals up into wider ones, on the edges of the clock', () => {
    const half = callBins(series, ['sales'], 30);
    expect(half.starts).toEqual([T + 7 * MIN, T + 30 * MIN]);
    expect(half.answered).toEqual([6, 3]);
    expect(half.abandoned).toEqual([1, 2]);
    expect(half.serviceLevelPct).toEqual([71.4, 50]);
    const hour = callBins(series, ['sales'], 60);
    expect(hour).toEqual({ starts: [T + 7 * MIN], answered: [9], abandoned: [3], serviceLevelPct: [50] });
  });

  it('keeps the latest day of 15 minutes of a longer series', () => {
    const starts = Array.from({ length: 200 }, (_, i) => new Date(T + i * 15 * MIN).toISOString());
    const long: StatsSeries = {
      interval: '15m',
      starts,
      queues: [
        queueSeries(
          'sales',
          starts.map((_, i) => i),
          [],
          [],
          [],
        ),
      ],
    };
    const bins = callBins(long, [], 15);
    expect(bins.starts).toHaveLength(MAX_BINS);
    expect(bins.answered.at(-1)).toBe(199);
  });

  it('asks the series in the narrowest interval of the screen’s charts of calls', () => {
    const chart = (
      kind: 'answeredAbandoned' | 'serviceLevel' | 'agentStates',
      intervalMin: 5 | 15 | 30 | 60,
    ): Widget => ({
      id: `${kind}-${intervalMin}`,
      type: 'chart',
      settings: { ...WIDGET_CATALOGUE.chart.defaults, kind, intervalMin },
    });
    const layout = (widgets: Widget[]) => ({ columnsContent: [widgets, []] }) as unknown as Layout;
    expect(
      seriesInterval(layout([chart('serviceLevel', 30), chart('answeredAbandoned', 60), chart('agentStates', 5)])),
    ).toBe('30m');
    expect(seriesInterval(layout([chart('answeredAbandoned', 5)]))).toBe('5m');
    expect(seriesInterval(layout([chart('agentStates', 15)]))).toBeUndefined();
  });
});

describe('agents by state, sampled on the screen', () => {
  it('keeps one sample per interval, the last', () => {
    let samples: StateSample[] = [];
    for (const at of [1, 4, 16])
      samples = addSample(samples, { at: T + at * MIN, counts: { available: at } }, 15 * MIN);
    expect(samples.map((s) => s.counts.available)).toEqual([4, 16]);
  });

  it('aligns intervals to the clock from since to now, at most a day of 15 minutes', () => {
    expect(binStarts(T + 7 * MIN, T + 40 * MIN, 15 * MIN)).toEqual([T, T + 15 * MIN, T + 30 * MIN]);
    expect(binStarts(T - 7 * 86_400_000, T, 15 * MIN)).toHaveLength(MAX_BINS);
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
});

describe('chart data', () => {
  it('describes each kind of chart for Chart.js', () => {
    const settings = { ...WIDGET_CATALOGUE.chart.defaults, queues: ['sales'] };
    const calls = chartData({ ...settings, kind: 'answeredAbandoned' }, { series, states: [] }, T, T + 60 * MIN);
    expect(calls).toMatchObject({ type: 'bar', percent: false, labels: ['08:07', '08:15', '08:30', '08:45'] });
    expect(calls.datasets.map((set) => set.data)).toEqual([
      [4, 2, 0, 3],
      [1, 0, 0, 2],
    ]);
    const level = chartData({ ...settings, kind: 'serviceLevel' }, { series, states: [] }, T, T + 60 * MIN);
    expect(level).toMatchObject({ type: 'line', percent: true });
    expect(level.datasets[0]?.data).toEqual([80, 71.4, 71.4, 50]);
    // No series yet (a new window is being asked for): nothing to draw rather than the previous window's calls.
    expect(
      chartData({ ...settings, kind: 'answeredAbandoned' }, { series: null, states: [] }, T, T + 60 * MIN).labels,
    ).toEqual([]);
  });
});

describe('the time axis', () => {
  const settings = { ...WIDGET_CATALOGUE.chart.defaults, queues: ['sales'] };
  /** "Today" on a board whose first calls came after 08:00: intervals from midnight, all empty until then. */
  const today: StatsSeries = {
    interval: '15m',
    starts: Array.from({ length: 36 }, (_, i) => new Date(T - 8 * 60 * MIN + i * 15 * MIN).toISOString()),
    queues: series.queues.map((queue) => {
      const empty = Array.from({ length: 32 }, () => 0);
      return {
        ...queue,
        answered: [...empty, ...queue.answered],
        abandoned: [...empty, ...queue.abandoned],
        serviceLevelMet: [...empty, ...queue.serviceLevelMet],
        serviceLevelOf: [...empty, ...queue.serviceLevelOf],
      };
    }),
  };

  it('starts at the first interval with calls, not at the start of a window that had none before', () => {
    const calls = chartData(
      { ...settings, kind: 'answeredAbandoned' },
      { series: today, states: [] },
      T - 8 * 60 * MIN,
      T + 60 * MIN,
    );
    expect(calls.labels).toEqual(['08:00', '08:15', '08:30', '08:45']);
    expect(calls.datasets[0]?.data).toEqual([4, 2, 0, 3]);
    const level = chartData(
      { ...settings, kind: 'serviceLevel' },
      { series: today, states: [] },
      T - 8 * 60 * MIN,
      T + 60 * MIN,
    );
    expect(level.labels[0]).toBe('08:00');
  });

  it('keeps a service level of 0 % as data', () => {
    const zero = fromFirstData({
      type: 'line',
      stacked: false,
      percent: true,
      labels: ['a', 'b', 'c'],
      datasets: [{ label: 'SL', data: [null, 0, 50], color: '--x' }],
    });
    expect(zero.labels).toEqual(['b', 'c']);
    expect(zero.datasets[0]?.data).toEqual([0, 50]);
  });

  it('starts agents by state at the first sample this screen took', () => {
    const states = [{ at: T + 31 * MIN, counts: { available: 2 } }];
    const data = chartData(
      { ...settings, kind: 'agentStates', intervalMin: 15 },
      { series: null, states },
      T - 8 * 60 * MIN,
      T + 40 * MIN,
    );
    expect(data.labels).toEqual(['08:30']);
  });
});
