import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import Ticker from './Ticker.svelte';
import { tickerSeconds } from './ticker.ts';

describe('tickerSeconds', () => {
  it('moves every message at the same pace, faster for "fast"', () => {
    // (length + 80 characters of ticker) at 7 characters a second.
    expect(tickerSeconds('x'.repeat(60), 'normal')).toBe(20);
    expect(tickerSeconds('x'.repeat(340), 'normal')).toBe(60);
    expect(tickerSeconds('hello', 'fast')).toBeLessThan(tickerSeconds('hello', 'slow'));
  });
});

describe('Ticker', () => {
  it('shows the message', () => {
    const { body } = render(Ticker, {
      props: { settings: { message: 'Team meeting at 3', speed: 'slow' }, title: undefined },
    });
    expect(body).toContain('Team meeting at 3');
    expect(body).toMatch(/--duration: \d+s/);
  });
});
