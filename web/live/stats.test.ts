import { describe, expect, it, vi } from 'vitest';
import type { Result } from '../../server/contract/result.ts';
import type { StatsResponse } from '../../server/contract/stats.ts';
import { queueStats, statsOf } from '../testing/stats.ts';
import { LiveStats } from './stats.svelte.ts';
import type { StatsConnection } from './socket.ts';

/** A connection whose stats:watch answers as told, and whose stats:updated the test pushes. */
function fakeConnection() {
  const updated: ((stats: StatsResponse) => void)[] = [];
  let answer: Result<StatsResponse> = { ok: true, data: statsOf([queueStats('sales', { answered: 1 })]) };
  const connection: StatsConnection = {
    onConnected: () => () => undefined,
    watchStats: () => Promise.resolve(answer),
    onStatsUpdated: (handler) => (updated.push(handler), () => undefined),
  };
  return {
    connection,
    answer: (next: Result<StatsResponse>) => (answer = next),
    push: (stats: StatsResponse) => updated.forEach((handler) => handler(stats)),
  };
}

describe('LiveStats', () => {
  it('shows no figures of the previous window once the server refused a new one', async () => {
    const fake = fakeConnection();
    const live = new LiveStats(fake.connection);
    live.watch('1h');
    await vi.waitFor(() => expect(live.stats?.queues[0]?.answered).toBe(1));

    fake.answer({ ok: false, error: 'Statistics since is in the future.' });
    live.watch('2099-01-01T00:00:00Z');
    await vi.waitFor(() => expect(live.error).toBe('Statistics since is in the future.'));
    // The server keeps pushing the window it watched before; none of it belongs to the window asked for.
    fake.push(statsOf([queueStats('sales', { answered: 2 })]));
    expect(live.error).toBe('Statistics since is in the future.');
    expect(live.stats).toBeNull();
  });

  it('follows the pushed figures of a window the server accepted', async () => {
    const fake = fakeConnection();
    const live = new LiveStats(fake.connection);
    live.watch('today');
    await vi.waitFor(() => expect(live.stats?.queues[0]?.answered).toBe(1));
    fake.push(statsOf([queueStats('sales', { answered: 5 })]));
    expect(live.stats?.queues[0]?.answered).toBe(5);
    expect(live.error).toBeNull();
  });
});
