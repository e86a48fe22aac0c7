import { describe, expect, it } from 'vitest';
import { timestampMs, toFields } from '../../server/ami/field-check.ts';

describe('toFields', () => {
  it('passes a parsed message through as it is', () => {
    const message = { event: 'VarSet', variable: 'X', value: '1', output: ['a', ''], chanvariable: { A: 'b' } };
    expect(toFields(message)).toBe(message);
  });

  it('rejects what a hostile `__proto__:` or `Constructor:` line makes of the parser output', () => {
    const prototypeSwapped = Object.setPrototypeOf({ event: 'X' }, []) as Record<string, unknown>;
    expect(toFields(prototypeSwapped)).toBeUndefined();
    expect(toFields({ event: 'X', constructor: [Object, 'x'] })).toBeUndefined();
    expect(toFields({ event: 'X', count: 3 })).toBeUndefined();
    expect(toFields({ event: 'X', other: { a: 'b' } })).toBeUndefined();
  });
});

describe('timestampMs', () => {
  const received = 1_795_843_700_000;

  it('turns timestampevents seconds with microseconds into epoch ms', () => {
    expect(timestampMs({ timestamp: '1795843699.551684' }, received)).toBe(1_795_843_699_552);
  });

  it('takes a PBX clock that is behind ours, or ahead by less than a day', () => {
    expect(timestampMs({ timestamp: '1764300000' }, received)).toBe(1_764_300_000_000);
    expect(timestampMs({ timestamp: '1795930000' }, received)).toBe(1_795_930_000_000);
  });

  it('is undefined when missing or implausible', () => {
    expect(timestampMs({}, received)).toBeUndefined();
    expect(timestampMs({ timestamp: 'soon' }, received)).toBeUndefined();
    expect(timestampMs({ timestamp: '-5' }, received)).toBeUndefined();
    expect(timestampMs({ timestamp: '5' }, received)).toBeUndefined();
    expect(timestampMs({ timestamp: '' }, received)).toBeUndefined();
    expect(timestampMs({ timestamp: ['1', '2'] }, received)).toBeUndefined();
    expect(timestampMs({ timestamp: '1e20' }, received)).toBeUndefined();
    expect(timestampMs({ timestamp: 'Infinity' }, received)).toBeUndefined();
    // More than a day ahead of the time it was received.
    expect(timestampMs({ timestamp: '1795930101' }, received)).toBeUndefined();
  });
});
