import type { WidgetSettings } from '../../../server/contract/layout.ts';
import type { StatsSeries } from '../../../server/contract/stats.ts';
import { AGENT_STATE_LOOK, AGENT_STATE_ORDER } from '../../display/looks.ts';
import { binLabels, binStarts, callBins, statesPerBin, type CallBins, type StateSample } from './chart.ts';
import { m } from '../../../server/contract/messages/messages.js';

/** A chart's data in Chart.js terms, colours named by the board's CSS variables. */
export interface ChartData {
  type: 'bar' | 'line';
  stacked: boolean;
  labels: string[];
  datasets: { label: string; data: (number | null)[]; color: string }[];
  /** The y axis ends at 100 (a percentage). */
  percent: boolean;
}

const NO_CALLS: CallBins = { starts: [], answered: [], abandoned: [], serviceLevelPct: [] };

/**
 * A chart's data from its first interval with any (a call, a judged call, a sample) to now: a window that began long
 * before the first call (today, on a board started at noon) would squeeze the data into a corner of empty intervals.
 */
export function chartData(
  settings: WidgetSettings<'chart'>,
  seen: { series: StatsSeries | null | undefined; states: readonly StateSample[] },
  since: number,
  now: number,
): ChartData {
  return fromFirstData(allIntervals(settings, seen, since, now));
}

/** Leaves out the intervals before the first that holds data: a percentage, or a count other than zero. */
export function fromFirstData(data: ChartData): ChartData {
  const holds = (value: number | null | undefined) =>
    value !== null && value !== undefined && (data.percent || value !== 0);
  const first = data.labels.findIndex((_, i) => data.datasets.some((set) => holds(set.data[i])));
  if (first <= 0)
    return first < 0 ? { ...data, labels: [], datasets: data.datasets.map((set) => ({ ...set, data: [] })) } : data;
  return {
    ...data,
    labels: data.labels.slice(first),
    datasets: data.datasets.map((set) => ({ ...set, data: set.data.slice(first) })),
  };
}

function allIntervals(
  settings: WidgetSettings<'chart'>,
  seen: { series: StatsSeries | null | undefined; states: readonly StateSample[] },
  since: number,
  now: number,
): ChartData {
  const calls = () => (seen.series ? callBins(seen.series, settings.queues, settings.intervalMin) : NO_CALLS);
  switch (settings.kind) {
    case 'answeredAbandoned': {
      const bins = calls();
      return {
        type: 'bar',
        stacked: false,
        labels: binLabels(bins.starts),
        percent: false,
        datasets: [
          { label: m.widgets_chart_answered(), data: bins.answered, color: '--good' },
          { label: m.widgets_chart_abandoned(), data: bins.abandoned, color: '--bad' },
        ],
      };
    }
    case 'serviceLevel': {
      const bins = calls();
      return {
        type: 'line',
        stacked: false,
        labels: binLabels(bins.starts),
        percent: true,
        datasets: [{ label: m.widgets_chart_service_level_pct(), data: bins.serviceLevelPct, color: '--on-call' }],
      };
    }
    case 'agentStates': {
      const intervalMs = settings.intervalMin * 60_000;
      const starts = binStarts(since, now, intervalMs);
      return {
        type: 'bar',
        stacked: true,
        labels: binLabels(starts),
        percent: false,
        datasets: statesPerBin(seen.states, starts, intervalMs, AGENT_STATE_ORDER).map(({ state, counts }) => ({
          label: AGENT_STATE_LOOK[state].label,
          data: counts,
          color: `--${AGENT_STATE_LOOK[state].tone}`,
        })),
      };
    }
  }
}

/** The default title of each kind of chart, read in the viewer's language when shown. */
export const CHART_TITLES: Readonly<Record<WidgetSettings<'chart'>['kind'], string>> = {
  get answeredAbandoned() {
    return m.widgets_chart_answered_abandoned();
  },
  get serviceLevel() {
    return m.widgets_chart_service_level();
  },
  get agentStates() {
    return m.widgets_chart_agent_states();
  },
};
