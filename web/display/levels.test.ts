import { describe, expect, it } from 'vitest';
import { widgetSchema, type Thresholds } from '../../server/contract/layout.ts';
import { parseWith } from '../../server/contract/issues.ts';
import { METRIC_COLOURS } from '../../server/contract/thresholds.ts';
import { levelOf } from './levels.ts';

const above: Thresholds = { amber: 5, red: 10, direction: 'above', scale: 'value' };
const below: Thresholds = { amber: 80, red: 60, direction: 'below', scale: 'value' };
const times: Thresholds = { amber: 1, red: 2, direction: 'above', scale: 'serviceLevelTime' };

describe('levelOf', () => {
  it('turns amber past amber and red past red, upwards or downwards', () => {
    expect([4, 5, 6, 10, 11].map((v) => levelOf(v, above))).toEqual(['good', 'good', 'warn', 'warn', 'bad']);
    expect([95, 80, 79.9, 60, 59.9].map((v) => levelOf(v, below))).toEqual(['good', 'good', 'warn', 'warn', 'bad']);
  });

  it('judges thresholds in service level times against the queue’s, and not at all without one', () => {
    expect([30, 31, 60, 61].map((v) => levelOf(v, times, 30))).toEqual(['good', 'warn', 'warn', 'bad']);
    expect(levelOf(3_600, times, 0)).toBe('none');
    expect(levelOf(3_600, times, null)).toBe('none');
  });

  it('is not coloured without thresholds or without a figure', () => {
    expect(levelOf(12, null)).toBe('none');
    expect(levelOf(null, above)).toBe('none');
  });
});

describe('each figure’s default colours', () => {
  const level = (metric: keyof typeof METRIC_COLOURS, value: number, serviceLevelSec = 20) =>
    levelOf(value, METRIC_COLOURS[metric].thresholds, serviceLevelSec);

  it('show a high service level green and a low one red: higher is better, amber under 80 %, red under 60 %', () => {
    expect([95, 80, 79.9, 60, 59.9].map((v) => level('serviceLevelPct', v))).toEqual([
      'good',
      'good',
      'warn',
      'warn',
      'bad',
    ]);
  });

  it('judge waits against the queue’s service level time', () => {
    expect([20, 21, 40, 41].map((v) => level('longestWaitingSec', v))).toEqual(['good', 'warn', 'warn', 'bad']);
    expect([20, 21, 40, 41].map((v) => level('maxWaitSec', v))).toEqual(['good', 'warn', 'warn', 'bad']);
    expect([10, 11, 20, 21].map((v) => level('asaSec', v))).toEqual(['good', 'warn', 'warn', 'bad']);
    expect([20, 21].map((v) => level('longestWaitingSec', v, 30))).toEqual(['good', 'good']);
  });

  it('want agents available and few callers waiting', () => {
    expect([3, 1, 0].map((v) => level('agentsAvailable', v))).toEqual(['good', 'warn', 'bad']);
    expect([0, 3, 6].map((v) => level('waiting', v))).toEqual(['good', 'warn', 'bad']);
  });

  it('say higher is worse for abandons and talk, and lower is worse for calls handled', () => {
    for (const metric of ['abandoned', 'abandonedShort', 'timedOut', 'avgTalkSec', 'ahtSec', 'agentsPaused'] as const) {
      expect(METRIC_COLOURS[metric].thresholds.direction).toBe('above');
    }
    for (const metric of ['serviceLevelPct', 'agentsAvailable', 'answered', 'offered', 'agentsOnCall'] as const) {
      expect(METRIC_COLOURS[metric].thresholds.direction).toBe('below');
    }
  });
});

describe('the default colours as settings', () => {
  it('are valid thresholds of a KPI tile for their figure', () => {
    for (const [metric, { thresholds }] of Object.entries(METRIC_COLOURS)) {
      const parsed = parseWith(widgetSchema, { id: 'k', type: 'kpi', settings: { metric, thresholds } });
      expect(parsed, metric).toMatchObject({ ok: true });
    }
  });
});
