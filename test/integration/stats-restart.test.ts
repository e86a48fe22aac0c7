import { afterEach, describe, expect, inject, it } from 'vitest';
import { uniquePrefix } from '../support/board-app.ts';
import { simulatorBoardEnv, spawnBoard } from '../support/board-process.ts';
import { eventually, getJson } from '../support/eventually.ts';
import { boardTotals, expectCountedOnce, pbxTotals, startTrafficSimulator, traffic } from '../support/sim-traffic.ts';

/**
 * The server is killed (SIGKILL) in the middle of traffic and started again on the same Redis: its statistics at the
 * end are what the simulated PBX itself counted over the whole run, every call once — none lost with the process,
 * none counted again after the new process's resync.
 */

const redisUrl = inject('redisUrl');
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

describe('statistics across a server crash', () => {
  // Server processes start on a loaded machine: a generous timeout (a guard, not a speed target).
  it('count every call once when the server is killed mid-traffic and started again', async () => {
    const sim = await startTrafficSimulator();
    cleanup.push(() => sim.close());
    const env = simulatorBoardEnv(sim.port, redisUrl, uniquePrefix(), 1000);
    const first = await spawnBoard({ ...env, INSTANCE_ID: 'first' });
    cleanup.push(() => first.stop('SIGKILL'));
    await eventually(
      async () => (await getJson(`${first.url}/healthz`)).status === 200,
      'the first server reading the AMI',
      {
        timeoutMs: 15_000,
      },
    );
    await traffic(sim, 300);
    const before = await pbxTotals(sim);
    expect(before.completed).toBeGreaterThan(20);
    await eventually(
      async () => (await boardTotals(first.url)).completed === before.completed,
      'the first half counted',
      {
        timeoutMs: 10_000,
      },
    );
    await first.stop('SIGKILL');

    // The PBX's clock stands still while no server reads it, as a replay would: AMI keeps no events for a later
    // reader, so calls that end while nobody listens are missed (which is why two servers should run). Callers
    // waiting and talking at the crash are picked up by the new server's resync and counted when they end.
    const second = await spawnBoard({ ...env, INSTANCE_ID: 'second' });
    cleanup.push(() => second.stop('SIGKILL'));
    await eventually(
      async () => (await getJson(`${second.url}/healthz`)).status === 200,
      'the second server reading the AMI',
      {
        timeoutMs: 15_000,
      },
    );
    await traffic(sim, 300);
    await expectCountedOnce(sim, second.url);
  }, 180_000);
});
