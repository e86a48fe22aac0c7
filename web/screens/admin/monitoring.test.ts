import { describe, expect, it } from 'vitest';
import type { MonitorSessionView } from '../../../server/contract/monitoring.ts';
import { monitorSession } from '../../testing/fixtures.ts';
import { changesOf, endWords, sessionDuration } from './monitoring.ts';

const session = (change: Partial<MonitorSessionView> = {}) => monitorSession({ state: 'active', ...change });

describe('monitoring sessions as the admin lists them', () => {
  it('lists the mode changes with their origin', () => {
    expect(changesOf(session())).toBe('—');
    const changes = [
      { mode: 'whisper', at: 1_010_000, origin: 'board' },
      { mode: 'barge', at: 1_020_000, origin: 'keypad' },
    ] as const;
    expect(changesOf(session({ mode: 'barge', changes: [...changes] }))).toBe('Whisper (board), Barge (keypad)');
  });

  it('counts a live session to now and an ended one to its end, and says why it ended', () => {
    expect(sessionDuration(session(), 1_042_000)).toBe('00:42');
    const ended = session({ state: 'ended', endedAt: 1_090_000, end: 'hungUp' });
    expect(sessionDuration(ended, 9_999_999)).toBe('01:30');
    expect(endWords(ended)).toBe('Supervisor hung up');
    expect(endWords(session())).toBe('');
  });
});
