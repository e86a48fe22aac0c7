import { describe, expect, it } from 'vitest';
import { serviceLevel, serviceLevelLevel, waitLevel } from './levels.ts';

describe('service level', () => {
  it('is the share of answered calls answered in time, unknown before the first answer', () => {
    expect(serviceLevel(9, 10)).toBe(0.9);
    expect(serviceLevel(0, 0)).toBeNull();
  });

  it('is on target from 80%, slipping from 60%, below target under that', () => {
    expect(serviceLevelLevel(0.8)).toBe('good');
    expect(serviceLevelLevel(0.79)).toBe('warn');
    expect(serviceLevelLevel(0.6)).toBe('warn');
    expect(serviceLevelLevel(0.59)).toBe('bad');
    expect(serviceLevelLevel(null)).toBe('none');
  });
});

describe('waitLevel', () => {
  it('turns amber past the queue service-level time and red past twice that', () => {
    expect(waitLevel(30, 30)).toBe('good');
    expect(waitLevel(31, 30)).toBe('warn');
    expect(waitLevel(60, 30)).toBe('warn');
    expect(waitLevel(61, 30)).toBe('bad');
  });

  it('never warns for a queue without a service-level time, and has nothing to say without a wait', () => {
    expect(waitLevel(3_600, 0)).toBe('good');
    expect(waitLevel(null, 30)).toBe('none');
  });
});
