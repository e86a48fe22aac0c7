import { describe, expect, it } from 'vitest';
import { createBackoff } from '../../server/ami/backoff.ts';
import { mulberry32 } from '../support/trace-player.ts';

describe('reconnect back-off', () => {
  it('doubles from min to max, each delay in the upper half of its step', () => {
    const backoff = createBackoff({ minMs: 500, maxMs: 5_000 }, mulberry32(3));
    const steps = [500, 1_000, 2_000, 4_000, 5_000, 5_000, 5_000];
    for (const step of steps) {
      const delay = backoff.next();
      expect(delay).toBeGreaterThanOrEqual(step / 2);
      expect(delay).toBeLessThanOrEqual(step);
    }
  });

  it('jitters: the same step gives different delays', () => {
    const first = (seed: number) => createBackoff({ minMs: 500, maxMs: 5_000 }, mulberry32(seed)).next();
    const delays = new Set(Array.from({ length: 20 }, (_, seed) => first(seed)));
    expect(delays.size).toBeGreaterThan(10);
  });

  it('starts again from the first step after reset()', () => {
    const backoff = createBackoff({ minMs: 500, maxMs: 5_000 }, () => 1);
    expect([backoff.next(), backoff.next(), backoff.next()]).toEqual([500, 1_000, 2_000]);
    backoff.reset();
    expect(backoff.next()).toBe(500);
  });

  it('never exceeds max, however many attempts', () => {
    const backoff = createBackoff({ minMs: 500, maxMs: 5_000 }, () => 1);
    for (let i = 0; i < 100; i += 1) expect(backoff.next()).toBeLessThanOrEqual(5_000);
  });
});
