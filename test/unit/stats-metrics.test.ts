import { describe, expect, it } from 'vitest';
import type { Fact } from '../../server/domain/facts.ts';
import { averagesOf, occupancyPct, serviceLevelPct } from '../../server/contract/figures.ts';
import { queueIncrement, type QueueTotals } from '../../server/domain/metrics.ts';
import { admit } from '../../server/stats/counting/dedupe.ts';
import { QUEUE_LAYOUT } from '../../server/stats/counting/entries.ts';
import {
  changeMembership,
  NO_PRESENCE,
  syncSource,
  timeWithin,
  type Presence,
  type Span,
} from '../../server/stats/counting/presence.ts';
import { toRecord, zero } from '../../server/stats/counting/vector.ts';

const rules = { serviceLevelSec: 20, shortAbandonSec: 5, wrapupSec: 3 };
const totals = (values: Partial<QueueTotals>): QueueTotals => ({
  ...toRecord(QUEUE_LAYOUT, zero(QUEUE_LAYOUT)),
  ...values,
});
const abandon = (holdSec: number): Fact => ({
  kind: 'exited',
  at: 0,
  queue: 'q',
  callId: 'c',
  outcome: 'abandoned',
  holdSec,
});

describe('queue counters of a fact', () => {
  it('judges the service level with <= on whole seconds, like app_queue', () => {
    const answered = (holdSec: number) =>
      queueIncrement({ kind: 'answered', at: 0, queue: 'q', callId: 'c', agent: 'a', holdSec }, rules);
    expect(answered(20)).toEqual({ answered: 1, answeredWithinSl: 1, holdSecAnswered: 20, maxWaitSec: 20 });
    expect(answered(21)).toMatchObject({ answeredWithinSl: 0 });
    expect(
      queueIncrement(
        { kind: 'answered', at: 0, queue: 'q', callId: 'c', agent: 'a', holdSec: 0 },
        { ...rules, serviceLevelSec: 0 },
      ),
    ).toMatchObject({ answeredWithinSl: 0 });
  });

  it('splits abandons into short, within T and after T', () => {
    expect(queueIncrement(abandon(4), rules)).toMatchObject({
      abandoned: 1,
      abandonedShort: 1,
      abandonedWithinSl: 1,
      abandonedAfterSl: 0,
    });
    expect(queueIncrement(abandon(5), rules)).toMatchObject({
      abandonedShort: 0,
      abandonedWithinSl: 1,
      abandonedAfterSl: 0,
    });
    expect(queueIncrement(abandon(21), rules)).toMatchObject({
      abandonedShort: 0,
      abandonedWithinSl: 0,
      abandonedAfterSl: 1,
    });
    // A short-abandon limit above T still keeps short abandons out of the service level.
    expect(queueIncrement(abandon(8), { ...rules, serviceLevelSec: 6, shortAbandonSec: 10 })).toMatchObject({
      abandonedShort: 1,
      abandonedWithinSl: 0,
      abandonedAfterSl: 0,
    });
  });

  it('counts other exits by outcome, with their wait, and talk and wrap-up at completion', () => {
    expect(
      queueIncrement({ kind: 'exited', at: 0, queue: 'q', callId: 'c', outcome: 'timedOut', holdSec: 40 }, rules),
    ).toEqual({
      timedOut: 1,
      holdSecUnanswered: 40,
      maxWaitSec: 40,
    });
    expect(
      queueIncrement(
        { kind: 'completed', at: 0, queue: 'q', callId: 'c', agent: 'a', talkSec: 30, reason: 'transfer' },
        rules,
      ),
    ).toEqual({ completed: 1, transferred: 1, talkSec: 30, wrapSec: 3 });
    expect(queueIncrement({ kind: 'joined', at: 0, queue: 'q', callId: 'c' }, rules)).toEqual({ offered: 1 });
  });
});

describe('service level formulas', () => {
  // 10 answered (8 within T), 6 abandoned: 2 short (within T), 1 more within T, 3 after T.
  const t = totals({
    answered: 10,
    answeredWithinSl: 8,
    abandoned: 6,
    abandonedShort: 2,
    abandonedWithinSl: 3,
    abandonedAfterSl: 3,
  });

  it('computes each formula', () => {
    expect(serviceLevelPct(t, 'answered', 20)).toBe(80);
    expect(serviceLevelPct(t, 'offered', 20)).toBe(50);
    expect(serviceLevelPct(t, 'asterisk2', 20)).toBe(68.8);
    expect(serviceLevelPct(t, 'excludeShort', 20)).toBe(61.5);
  });

  it('has no service level without a threshold or without calls', () => {
    expect(serviceLevelPct(t, 'answered', 0)).toBeNull();
    expect(serviceLevelPct(totals({}), 'offered', 20)).toBeNull();
  });

  it('derives averages with one decimal', () => {
    const derived = averagesOf(
      totals({
        answered: 3,
        holdSecAnswered: 10,
        abandoned: 1,
        holdSecUnanswered: 30,
        completed: 3,
        talkSec: 100,
        wrapSec: 9,
      }),
    );
    expect(derived).toEqual({ asaSec: 3.3, avgWaitSec: 10, avgTalkSec: 33.3, ahtSec: 36.3 });
    expect(occupancyPct(30, 100, 40)).toBe(50);
    expect(occupancyPct(30, 100, 100)).toBeNull();
  });
});

describe('counting each step of a call once', () => {
  it('admits a way through the queue once, and a later re-entry again', () => {
    let stored: string | null = null;
    const step = (kind: Parameters<typeof admit>[1], at: number) => {
      const next = admit(stored, kind, at);
      if (next !== null) stored = next;
      return next !== null;
    };
    expect([
      step('join', 1),
      step('join', 1),
      step('answer', 2),
      step('answer', 2),
      step('complete', 9),
      step('complete', 9),
    ]).toEqual([true, false, true, false, true, false]);
    // The same facts again after the end: nothing counts.
    expect([step('join', 1), step('answer', 2), step('exit', 3)]).toEqual([false, false, false]);
    // The caller enters again later.
    expect([step('join', 10), step('exit', 15), step('exit', 15)]).toEqual([true, true, false]);
  });

  it('admits facts of calls that joined before counting began', () => {
    expect(admit(null, 'answer', 5)).toBe('A');
    expect(admit(null, 'complete', 5)).toBe('C@5');
    expect(admit(null, 'once', 5)).toBe('1');
    expect(admit('1', 'once', 5)).toBeNull();
  });
});

describe('agent presence', () => {
  const apply = (presence: Presence, steps: [string, { paused: boolean; reason: string } | null, number][]) => {
    const spans: Span[] = [];
    for (const [queue, membership, at] of steps) {
      const step = changeMembership(presence, 'pbx', queue, membership, at);
      if (!step) continue;
      presence = step.presence;
      spans.push(...step.spans);
    }
    return { presence, spans };
  };
  const on = { paused: false, reason: '' };
  const pause = (reason: string) => ({ paused: true, reason });

  it('is logged in while in any queue and paused only while paused in all of them', () => {
    const { presence, spans } = apply(NO_PRESENCE, [
      ['sales', on, 1_000],
      ['support', on, 2_000],
      ['sales', pause('lunch'), 3_000], // still available in support
      ['support', pause('lunch'), 4_000], // now paused everywhere
      ['support', pause('lunch'), 4_500], // a status change while paused changes nothing
      ['sales', on, 7_000],
      ['sales', null, 8_000], // left sales: in support only, and paused there
      ['support', null, 9_000],
    ]);
    expect(spans).toEqual([
      { kind: 'paused', start: 4_000, end: 7_000, reason: 'lunch' },
      { kind: 'paused', start: 8_000, end: 9_000, reason: 'lunch' },
      { kind: 'loggedIn', start: 1_000, end: 9_000, reason: '' },
    ]);
    expect(presence.loginSince).toBeNull();
  });

  it('splits a pause by reason and counts open intervals up to now', () => {
    const { presence, spans } = apply(NO_PRESENCE, [
      ['sales', pause('break'), 0],
      ['sales', pause('coaching'), 60_000],
    ]);
    expect(spans).toEqual([{ kind: 'paused', start: 0, end: 60_000, reason: 'break' }]);
    expect(timeWithin(spans, presence, 30_000, 120_000)).toEqual({
      loggedInSec: 90,
      pausedSec: 90,
      pausedSecByReason: { break: 30, coaching: 60 },
    });
  });

  it('ignores a change older than the last one applied (a replay)', () => {
    const first = apply(NO_PRESENCE, [['sales', on, 5_000]]);
    const again = apply(first.presence, [['sales', null, 4_000]]);
    expect(again.presence).toEqual(first.presence);
    expect(again.spans).toEqual([]);
  });

  it('takes a resync list as the whole truth of that source', () => {
    const { presence } = apply(NO_PRESENCE, [['sales', on, 1_000]]);
    const other = changeMembership(presence, 'pbx2', 'billing', on, 1_500)?.presence ?? NO_PRESENCE;
    const step = syncSource(other, 'pbx', {}, 2_000);
    expect(step?.spans).toEqual([]);
    expect(step?.presence.loginSince).toBe(1_000); // still in billing on pbx2
    const gone = syncSource(step?.presence ?? NO_PRESENCE, 'pbx2', {}, 3_000);
    expect(gone?.spans).toEqual([{ kind: 'loggedIn', start: 1_000, end: 3_000, reason: '' }]);
  });
});
