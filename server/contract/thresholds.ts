import type { KpiMetric, Thresholds } from './layout.ts';

/**
 * Each figure's colours out of the box: which way is worse, and where amber and red begin. The layout editor gives these
 * to a new KPI tile and to a tile whose figure changes; the queue table and the home board's queue cards colour their
 * service level and longest wait by them. Waits are judged against the queue's service level time, the way the
 * service level itself judges them: over it is late (amber), over twice it is an emergency (red).
 */
export interface MetricColours {
  readonly thresholds: Thresholds;
  /**
   * Whether a new tile showing this figure is coloured. Counts that only grow through the day (calls offered,
   * answered, abandoned) have no limit that suits every team: they are coloured once someone chooses one.
   */
  readonly coloured: boolean;
}

const higherIsWorse = (amber: number, red: number): Thresholds => ({ direction: 'above', amber, red, scale: 'value' });
const lowerIsWorse = (amber: number, red: number): Thresholds => ({ direction: 'below', amber, red, scale: 'value' });
const timesServiceLevel = (amber: number, red: number): Thresholds => ({
  direction: 'above',
  amber,
  red,
  scale: 'serviceLevelTime',
});

export const METRIC_COLOURS: Readonly<Record<KpiMetric, MetricColours>> = {
  serviceLevelPct: { thresholds: lowerIsWorse(80, 60), coloured: true },
  longestWaitingSec: { thresholds: timesServiceLevel(1, 2), coloured: true },
  maxWaitSec: { thresholds: timesServiceLevel(1, 2), coloured: true },
  // An average: half the service level time is already slow, the whole of it means most callers wait too long.
  asaSec: { thresholds: timesServiceLevel(0.5, 1), coloured: true },
  waiting: { thresholds: higherIsWorse(2, 5), coloured: true },
  agentsAvailable: { thresholds: lowerIsWorse(2, 1), coloured: true },
  agentsPaused: { thresholds: higherIsWorse(2, 4), coloured: false },
  agentsOnCall: { thresholds: lowerIsWorse(1, 0), coloured: false },
  abandoned: { thresholds: higherIsWorse(10, 25), coloured: false },
  abandonedShort: { thresholds: higherIsWorse(10, 25), coloured: false },
  timedOut: { thresholds: higherIsWorse(0, 5), coloured: false },
  offered: { thresholds: lowerIsWorse(1, 0), coloured: false },
  answered: { thresholds: lowerIsWorse(1, 0), coloured: false },
  avgTalkSec: { thresholds: higherIsWorse(300, 600), coloured: false },
  ahtSec: { thresholds: higherIsWorse(360, 720), coloured: false },
};

/** The thresholds a KPI tile starts with when it is added or its figure changes: null when it starts uncoloured. */
export function startingThresholds(metric: KpiMetric): Thresholds | null {
  const colours = METRIC_COLOURS[metric];
  return colours.coloured ? colours.thresholds : null;
}
