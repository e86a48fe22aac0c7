import { describe, expect, it } from 'vitest';
import { createRng } from '../../server/sim/rng.ts';
import { ManualScheduler } from '../../server/sim/scheduler.ts';
import { ActionParser, formatMessage } from '../../server/sim/framing.ts';

describe('AMI framing', () => {
  it('formats pairs in order, repeated keys kept, closed by an empty line', () => {
    expect(
      formatMessage([
        ['Response', 'Success'],
        ['Output', 'a'],
        ['Output', ''],
      ]),
    ).toBe('Response: Success\r\nOutput: a\r\nOutput: \r\n\r\n');
  });

  it('splits actions across chunks and tolerates bare newlines', () => {
    const parser = new ActionParser();
    expect(parser.push('Action: Ping\r\nAction')).toEqual([]);
    const [first, second] = parser.push('ID: 1\r\n\r\naction: logoff\nvariable: A=1\nVariable: B=2\n\n');
    expect(first?.get('actionid')).toBe('1');
    expect(second?.get('Action')).toBe('logoff');
    expect(second?.getAll('Variable')).toEqual(['A=1', 'B=2']);
  });
});

describe('simulated time and randomness', () => {
  it('runs tasks in time order, same-time tasks in the order scheduled, and skips cancelled ones', () => {
    const sched = new ManualScheduler(1_000);
    const ran: string[] = [];
    sched.after(20, () => ran.push('b'));
    sched.after(10, () => ran.push('a'));
    sched.after(20, () => ran.push('c'));
    sched.cancel(sched.after(15, () => ran.push('x')));
    sched.advance(19);
    expect([ran.join(''), sched.now()]).toEqual(['a', 1_019]);
    sched.advance(1);
    expect(ran.join('')).toBe('abc');
  });

  it('repeats a seed and differs between seeds', () => {
    const draw = (seed: number): number[] => {
      const rng = createRng(seed);
      return Array.from({ length: 5 }, () => rng.int(0, 1_000_000));
    };
    expect(draw(1)).toEqual(draw(1));
    expect(draw(2)).not.toEqual(draw(1));
    expect(createRng(5).uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
