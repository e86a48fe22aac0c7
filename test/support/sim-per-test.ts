import { afterEach } from 'vitest';
import { DEMO_SECRET, type SimulatorOptions, startSimulator } from '../../server/sim/index.ts';
import { SimClient } from './sim-client.ts';
import { freshLayout, type Replay } from './sim-scenarios.ts';

/**
 * For a test file: `start` runs a simulator of the fresh recorded PBX on a manual clock (from `defaults`, then the
 * test's `options`) with a logged-in client; each test's simulators and clients are closed after it.
 */
export function simulatorsPerTest(defaults: SimulatorOptions): (options?: SimulatorOptions) => Promise<Replay> {
  const running: Replay[] = [];
  afterEach(async () => {
    for (const { sim, client } of running.splice(0)) {
      client.close();
      await sim.close();
    }
  });
  return async (options = {}) => {
    const sim = await startSimulator({
      port: 0,
      clock: 'manual',
      rate: 0,
      layout: freshLayout(),
      ...defaults,
      ...options,
    });
    const client = await SimClient.connect(sim.port);
    await client.login(DEMO_SECRET);
    running.push({ sim, client });
    return { sim, client };
  };
}
