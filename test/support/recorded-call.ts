import type { Simulator } from '../../server/sim/index.ts';
import { waitFor } from './wait.ts';

/** The recorded PBX's sales members but Alice: paused, so that Alice answers every sales call. */
const OTHERS = ['Local/1002@agents', 'Local/1003@agents', 'Local/1004@agents'];

export function onlyAliceAnswersSales(sim: Simulator): void {
  for (const agent of OTHERS) sim.center.pause(agent, 'sales', true, 'Meeting');
}

/**
 * A sales call on a manual-clock simulator answered by Alice: it waits until the board has asked for its recording
 * (the simulator records the agent's channel), then lets the call run to its end. Resolves with the simulated end.
 */
export async function recordedSalesCall(sim: Simulator, talkSec: number, callerNum = '5551234'): Promise<number> {
  const queue = sim.center.queue('sales');
  if (!queue) throw new Error('the simulator has no sales queue');
  // Past the wrap-up of Alice's last call (sales: 3 s), so that she answers this one at once.
  sim.advance(5_000);
  sim.center.originate({ queue, callerNum, callerName: 'Caller', maxWait: 0, target: [] });
  sim.advance(1_500);
  await waitFor(() => sim.center.sim.recordings.size > 0, 'MixMonitor on the answered call', { timeoutMs: 10_000 });
  sim.advance(talkSec * 1_000);
  return sim.now();
}
