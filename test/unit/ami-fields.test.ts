import { describe, expect, it } from 'vitest';
import { timestampMs, toFields } from '../../server/ami/fields.ts';

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
  it('turns timestampevents seconds with microseconds into epoch ms', () => {
    expect(timestampMs({ timestamp: '1795843699.551684' })).toBe(1_795_843_699_552);
  });

  it('is undefined when missing or implausible', () => {
    expect(timestampMs({})).toBeUndefined();
    expect(timestampMs({ timestamp: 'soon' })).toBeUndefined();
    expect(timestampMs({ timestamp: '-5' })).toBeUndefined();
    expect(timestampMs({ timestamp: ['1', '2'] })).toBeUndefined();
  });
});
