import { describe, expect, it } from 'vitest';
import { trackCallback, type TrackedCallback, type TrackStep } from '../../server/callbacks/tracker.ts';
import { callableNumber, stillAbandoned, type AbandonedEntry } from '../../server/stats/counting/abandoned.ts';

const entry = (patch: Partial<AbandonedEntry>): AbandonedEntry => ({
  id: '1.1',
  queue: 'sales',
  callerIdNum: '5551001',
  callerIdName: 'Ann',
  outcome: 'abandoned',
  waitSec: 40,
  leftAt: 10_000,
  ...patch,
});

describe('the list of abandoned callers', () => {
  it('keeps each caller’s latest unanswered call per queue, most recent first', () => {
    const list = stillAbandoned(
      [
        entry({ id: 'a', leftAt: 10_000 }),
        entry({ id: 'b', leftAt: 20_000 }),
        entry({ id: 'c', queue: 'support', leftAt: 15_000 }),
        entry({ id: 'd', callerIdNum: '5552002', leftAt: 30_000, outcome: 'timedOut' }),
      ],
      new Map(),
      0,
    );
    expect(list.map((item) => item.id)).toEqual(['d', 'b', 'c']);
  });

  it('drops a caller answered after they left, and keeps one answered only before', () => {
    const list = stillAbandoned(
      [entry({ id: 'a', leftAt: 10_000 }), entry({ id: 'b', callerIdNum: '5552002', leftAt: 10_000 })],
      new Map([
        ['5551001', 12_000],
        ['5552002', 9_000],
      ]),
      0,
    );
    expect(list.map((item) => item.id)).toEqual(['b']);
  });

  it('leaves out calls before the day began', () => {
    expect(stillAbandoned([entry({ leftAt: 5_000 })], new Map(), 6_000)).toEqual([]);
  });

  it('lists only numbers that can be called back', () => {
    expect(['5551001', '+48123456789'].every(callableNumber)).toBe(true);
    expect(['', '<unknown>', 'anonymous', '555 1001', '1'].some(callableNumber)).toBe(false);
  });
});

describe('a callback followed on the AMI', () => {
  const start: TrackedCallback = { phone: 'PJSIP/2005', uniqueid: 'tablica-callback-x' };
  const run = (events: Record<string, string>[]): TrackStep => {
    let tracked = start;
    for (const fields of events) {
      const step = trackCallback(tracked, fields);
      if (step.kind === 'ended') return step;
      if (step.kind === 'moved') tracked = step.tracked;
    }
    return { kind: 'moved', tracked };
  };
  const phone = {
    event: 'Newchannel',
    channel: 'PJSIP/2005-00000001',
    uniqueid: start.uniqueid,
    linkedid: start.uniqueid,
  };
  const trunk = { event: 'Newchannel', channel: 'PJSIP/trunk-00000002', uniqueid: '9.2', linkedid: start.uniqueid };

  it('is answered when the outside channel comes up', () => {
    const step = run([phone, trunk, { event: 'Newstate', uniqueid: '9.2', channelstate: '6' }]);
    expect(step).toEqual({ kind: 'ended', end: { result: 'answered', message: null } });
  });

  it('is busy or not answered from DialEnd or the outside hangup cause', () => {
    expect(run([phone, trunk, { event: 'DialEnd', destuniqueid: '9.2', dialstatus: 'BUSY' }])).toMatchObject({
      end: { result: 'busy' },
    });
    expect(run([phone, trunk, { event: 'Hangup', uniqueid: '9.2', cause: '19' }])).toMatchObject({
      end: { result: 'noAnswer' },
    });
  });

  it('fails with a sentence when the user’s own phone does not answer', () => {
    const step = run([{ event: 'OriginateResponse', response: 'Failure', channel: 'PJSIP/2005', reason: '3' }]);
    expect(step).toEqual({ kind: 'ended', end: { result: 'failed', message: 'Your phone did not answer.' } });
  });

  it('ignores a Local phone’s other half and other calls', () => {
    const local = { ...start, phone: 'Local/2005@phones' };
    const half = {
      event: 'Newchannel',
      channel: 'Local/2005@phones-0001;2',
      uniqueid: '9.3',
      linkedid: start.uniqueid,
    };
    let step = trackCallback(local, { ...phone, channel: 'Local/2005@phones-0001;1' });
    expect(step.kind).toBe('moved');
    const tracked = (step as { tracked: TrackedCallback }).tracked;
    step = trackCallback(tracked, half);
    expect(step.kind).toBe('same');
    expect(trackCallback(tracked, { event: 'Hangup', uniqueid: '7.7', cause: '17' }).kind).toBe('same');
  });
});
