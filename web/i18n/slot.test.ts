import { describe, expect, it } from 'vitest';
import { aroundSlot } from './slot.ts';

describe('a sentence around an element', () => {
  it('splits where the language puts the element', () => {
    expect(aroundSlot((slot) => `Listed under ${slot}, soon.`)).toEqual(['Listed under ', ', soon.']);
    expect(aroundSlot((slot) => `${slot} first`)).toEqual(['', ' first']);
  });

  it('gives the whole sentence before when it has no place for the element', () => {
    expect(aroundSlot(() => 'No link here.')).toEqual(['No link here.', '']);
  });
});
