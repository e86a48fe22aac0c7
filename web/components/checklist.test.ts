import { describe, expect, it } from 'vitest';
import { parseList, toggleValue } from './checklist.ts';

describe('checklists', () => {
  it('ticks a value on, sorted, and off again', () => {
    expect(toggleValue(['b'], 'a', true)).toEqual(['a', 'b']);
    expect(toggleValue(['a', 'b'], 'a', true)).toEqual(['a', 'b']);
    expect(toggleValue(['a', 'b'], 'a', false)).toEqual(['b']);
  });

  it('reads a typed list by commas, spaces and lines, without blanks or repeats', () => {
    expect(parseList(' PJSIP/1001, PJSIP/1002\nLocal/1003@agents  PJSIP/1001 ,')).toEqual([
      'PJSIP/1001',
      'PJSIP/1002',
      'Local/1003@agents',
    ]);
    expect(parseList('  ')).toEqual([]);
  });
});
