import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import Clock from './Clock.svelte';
import { clockFace } from './clock.ts';

const NOON_UTC = Date.parse('2026-07-01T12:00:05Z');

describe('clockFace', () => {
  it('shows the time in the chosen zone and format', () => {
    expect(clockFace(NOON_UTC, { timeZone: 'Europe/Warsaw', format: 'HH:mm:ss' })).toEqual({
      time: '14:00:05',
      date: 'Wed 1 Jul',
      zone: 'Europe/Warsaw',
    });
    expect(clockFace(NOON_UTC, { timeZone: 'America/New_York', format: 'h:mm a' }).time).toBe('8:00 AM');
  });
});

describe('Clock', () => {
  it('renders the face', () => {
    const { body } = render(Clock, {
      props: { settings: { timeZone: 'Asia/Tokyo', format: 'HH:mm' }, title: undefined, now: NOON_UTC },
    });
    expect(body).toContain('21:00');
    expect(body).toContain('Asia/Tokyo');
  });
});
