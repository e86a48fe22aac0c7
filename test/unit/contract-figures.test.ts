import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { combineQueues, countsOver, percent } from '../../server/contract/figures.ts';
import { AGENT_COUNTS } from '../../server/contract/live.ts';
import type { ServiceLevelFormula } from '../../server/contract/stats.ts';
import type { QueueTotals } from '../../server/domain/metrics.ts';
import { QUEUE_LAYOUT } from '../../server/stats/counting/entries.ts';
import { DEFAULT_STATS_SETTINGS } from '../../server/stats/counting/settings.ts';
import { queueView } from '../../server/stats/counting/views.ts';
import { toRecord, zero } from '../../server/stats/counting/vector.ts';

const FORMULAS: ServiceLevelFormula[] = ['answered', 'offered', 'asterisk2', 'excludeShort'];

/** A queue's figures exactly as the server sends them, judged by `formula` against a service level time of 20 s. */
function served(name: string, formula: ServiceLevelFormula, values: Partial<QueueTotals>, serviceLevelSec = 20) {
  const settings = { ...DEFAULT_STATS_SETTINGS, queues: { [name]: { formula, serviceLevelSec } } };
  return queueView(name, { ...toRecord(QUEUE_LAYOUT, zero(QUEUE_LAYOUT)), ...values }, settings, undefined, 0);
}

const count = fc.nat({ max: 500 });
/** Counters that hold together: within-T answers and abandons are parts of the answers and abandons. */
const totals = fc
  .record({
    answered: count,
    within: count,
    abandoned: count,
    short: count,
    withinSl: count,
    hold: count,
    talk: count,
    wrap: count,
    completed: count,
  })
  .map((v) => {
    const answeredWithinSl = Math.min(v.within, v.answered);
    const abandonedShort = Math.min(v.short, v.abandoned);
    const abandonedWithinSl = Math.min(Math.max(v.withinSl, abandonedShort), v.abandoned);
    return {
      offered: v.answered + v.abandoned,
      answered: v.answered,
      answeredWithinSl,
      abandoned: v.abandoned,
      abandonedShort,
      abandonedWithinSl,
      abandonedAfterSl: v.abandoned - abandonedWithinSl,
      holdSecAnswered: v.hold * v.answered,
      completed: Math.min(v.completed, v.answered),
      talkSec: v.talk,
      wrapSec: v.wrap,
      maxWaitSec: v.hold,
    } satisfies Partial<QueueTotals>;
  });

describe('combineQueues', () => {
  it('gives one queue the server’s own figures, whatever the formula', () => {
    fc.assert(
      fc.property(totals, fc.constantFrom(...FORMULAS), (values, formula) => {
        const queue = served('q', formula, values);
        expect(combineQueues([queue])).toEqual({
          offered: queue.offered,
          answered: queue.answered,
          abandoned: queue.abandoned,
          abandonedShort: queue.abandonedShort,
          timedOut: queue.timedOut,
          serviceLevelPct: queue.serviceLevelPct,
          asaSec: queue.asaSec,
          maxWaitSec: queue.maxWaitSec,
          avgTalkSec: queue.avgTalkSec,
          ahtSec: queue.ahtSec,
        });
      }),
    );
  });

  it('adds up queues judged by different formulas by their parts, leaving out queues without a service level time', () => {
    // 10 answered (8 within T), 6 abandoned: 2 short (within T), 1 more within T, 3 after T.
    const values = {
      answered: 10,
      answeredWithinSl: 8,
      abandoned: 6,
      abandonedShort: 2,
      abandonedWithinSl: 3,
      abandonedAfterSl: 3,
    };
    const offered = served('a', 'offered', values); // 8 of 16
    const excludeShort = served('b', 'excludeShort', values); // 8 of 13
    const untimed = served('c', 'answered', values, 0);
    expect([offered.serviceLevelPct, excludeShort.serviceLevelPct, untimed.serviceLevelPct]).toEqual([50, 61.5, null]);
    expect(combineQueues([offered, excludeShort, untimed]).serviceLevelPct).toBe(percent(16, 29));
    expect(combineQueues([offered, excludeShort, untimed])).toMatchObject({ answered: 30, abandoned: 18 });
  });

  it('has no averages and no service level before the first call', () => {
    expect(combineQueues([served('q', 'answered', {})])).toMatchObject({
      serviceLevelPct: null,
      asaSec: null,
      ahtSec: null,
      maxWaitSec: 0,
    });
    expect(combineQueues([])).toMatchObject({ answered: 0, serviceLevelPct: null, maxWaitSec: 0 });
  });
});

describe('countsOver', () => {
  const byQueue = {
    sales: { answered: 2, missed: 1, talkSec: 200 },
    support: { answered: 5, missed: 0, talkSec: 500 },
  };

  it('adds an agent’s counts up over every queue, or over the shown ones only, keeping those per queue', () => {
    expect(countsOver(AGENT_COUNTS, byQueue)).toEqual({ answered: 7, missed: 1, talkSec: 700, byQueue });
    expect(countsOver(AGENT_COUNTS, byQueue, (queue) => queue === 'support')).toEqual({
      ...byQueue.support,
      byQueue: { support: byQueue.support },
    });
    expect(countsOver(AGENT_COUNTS, byQueue, () => false)).toEqual({ answered: 0, missed: 0, talkSec: 0, byQueue: {} });
  });
});
