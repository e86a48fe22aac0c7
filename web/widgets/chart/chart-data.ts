import type { WidgetSettings } from '../../../server/contract/layout.ts';
import { AGENT_STATE_LOOK, AGENT_STATE_ORDER } from '../../lib/looks.ts';
import { binLabels, binStarts, callsPerBin, serviceLevelPerBin, statesPerBin, type CountSample, type StateSample } from './chart.ts';

/** A chart's data in Chart.js terms, colours named by the board's CSS variables. */
export interface ChartData {
  type: 'bar' | 'line';
  stacked: boolean;
  labels: string[];
  datasets: { label: string; data: (number | null)[]; color: string }[];
  /** The y axis ends at 100 (a percentage). */
  percent: boolean;
}

export function chartData(
  settings: WidgetSettings<'chart'>,
  samples: { counts: readonly CountSample[]; states: readonly StateSample[] },
  since: number,
  now: number,
): ChartData {
  const intervalMs = settings.intervalMin * 60_000;
  const starts = binStarts(since, now, intervalMs);
  const labels = binLabels(starts);
  switch (settings.kind) {
    case 'answeredAbandoned': {
      const { answered, abandoned } = callsPerBin(samples.counts, starts, intervalMs);
      return {
        type: 'bar',
        stacked: false,
        labels,
        percent: false,
        datasets: [
          { label: 'Answered', data: answered, color: '--good' },
          { label: 'Abandoned', data: abandoned, color: '--bad' },
        ],
      };
    }
    case 'serviceLevel':
      return {
        type: 'line',
        stacked: false,
        labels,
        percent: true,
        datasets: [{ label: 'Service level %', data: serviceLevelPerBin(samples.counts, starts, intervalMs), color: '--on-call' }],
      };
    case 'agentStates':
      return {
        type: 'bar',
        stacked: true,
        labels,
        percent: false,
        datasets: statesPerBin(samples.states, starts, intervalMs, AGENT_STATE_ORDER).map(({ state, counts }) => ({
          label: AGENT_STATE_LOOK[state].label,
          data: counts,
          color: `--${AGENT_STATE_LOOK[state].tone}`,
        })),
      };
  }
}

export const CHART_TITLES: Record<WidgetSettings<'chart'>['kind'], string> = {
  answeredAbandoned: 'Answered and abandoned',
  serviceLevel: 'Service level',
  agentStates: 'Agents by state',
};
