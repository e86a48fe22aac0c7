import { performance } from 'node:perf_hooks';
import type { Simulator } from '../../server/sim/index.ts';
import { ownerCookie, uniquePrefix } from '../support/board-app.ts';
import { BoardClient } from '../support/board-client.ts';
import { leaseHolderOf, simulatorBoardEnv, spawnBoard, type BoardProcess } from '../support/board-process.ts';
import { startRedisServer } from '../support/redis-server.ts';
import { liveBoard, pbxCalls, showsPbx, startTrafficSimulator, traffic } from '../support/sim-traffic.ts';
import { waitFor } from '../support/wait.ts';

/**
 * The lease holder killed outright (SIGKILL) while a board is open on the other `npm start` process, both with the
 * server's default lease settings. Measured on one clock, in this process: from the kill until the board shows the
 * new holder's AMI login and exactly the PBX's waiting and talking callers (the simulator stands still meanwhile).
 * Each round a fresh process becomes the standby, and the survivor of the round before is killed.
 */

export interface TakeoverBenchOptions {
  readonly rounds: number;
}

export async function benchTakeover(options: TakeoverBenchOptions): Promise<{ convergedMs: number[] }> {
  const redis = await startRedisServer();
  const sim = await startTrafficSimulator();
  const env = simulatorBoardEnv(sim.port, redis.url, uniquePrefix());
  const processes: BoardProcess[] = [];
  const clients: BoardClient[] = [];
  try {
    processes.push(await spawnBoard({ ...env, INSTANCE_ID: 'p0' }));
    let { holder } = await leaseHolderOf(processes);
    const convergedMs: number[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      const standby = await spawnBoard({ ...env, INSTANCE_ID: `p${round}` });
      processes.push(standby);
      const client = BoardClient.connect(standby.url, { extraHeaders: { Cookie: await ownerCookie(standby.url) } });
      clients.push(client);
      await liveBoard(client);
      convergedMs.push(await killAndConverge(sim, holder, client));
      holder = standby;
    }
    return { convergedMs };
  } finally {
    for (const client of clients) client.close();
    await Promise.all(processes.map((process) => process.stop('SIGKILL')));
    await sim.close();
    await redis.stop();
  }
}

/** Traffic, then the PBX standing still with callers in it; the holder killed; ms until the board shows it all again. */
async function killAndConverge(sim: Simulator, holder: BoardProcess, client: BoardClient): Promise<number> {
  await traffic(sim, 30);
  const pbx = await pbxCalls(sim);
  // The board has caught up with the holder before the kill: what follows is the takeover alone.
  await waitFor(() => client.board && showsPbx(client.board, pbx, 0), 'the board to show the PBX before the kill', {
    timeoutMs: 30_000,
  });
  const killedAt = Date.now();
  const start = performance.now();
  const converged = client.when((board) => showsPbx(board, pbx, killedAt));
  await holder.stop('SIGKILL');
  return (await converged) - start;
}
