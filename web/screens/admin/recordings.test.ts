import { describe, expect, it } from 'vitest';
import { describeSettings } from './recordings.ts';

describe('recording settings in words', () => {
  it('count queues and users, and say when nothing is recorded', () => {
    expect(describeSettings({ queues: [], users: [] })).toBe('Saved: no call is recorded.');
    expect(describeSettings({ queues: ['sales'], users: ['a', 'b'] })).toBe(
      'Saved: the calls of 1 queue and 2 users are recorded.',
    );
  });
});
