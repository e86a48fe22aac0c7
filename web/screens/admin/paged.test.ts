import { describe, expect, it } from 'vitest';
import { pageLabel } from './paged.svelte.ts';

describe('a paged history', () => {
  it('names the lines a page shows', () => {
    expect(pageLabel(0, 20, 57)).toBe('1–20 of 57');
    expect(pageLabel(40, 17, 57)).toBe('41–57 of 57');
    expect(pageLabel(0, 0, 0)).toBe('0 of 0');
  });
});
