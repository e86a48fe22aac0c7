import { mkdir } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { recordingKeys } from '../../server/store/keys.ts';
import { closeRedis } from '../../server/store/redis.ts';
import { loggedIn } from '../support/access-app.ts';
import { boardConfig, startBoardApp, startQuietSimulator, TEST_OWNER, uniquePrefix } from '../support/board-app.ts';
import { onlyAliceAnswersSales, recordedSalesCall } from '../support/recorded-call.ts';
import { steadyBehaviour } from '../support/sim-scenarios.ts';
import { recordingFolders } from '../support/recordings.ts';
import { startRedisServer } from '../support/redis-server.ts';

/**
 * Recording through the real server and the simulator: sales calls of `talkSec` seconds, one after another; for each,
 * the wall time from the call's end (the simulator has hung up and written the WAV) until its MP3 is written and
 * indexed with the call.
 */
export async function benchRecordings(options: { calls: number; talkSec: number }): Promise<{ latencyMs: number[] }> {
  const redisServer = await startRedisServer();
  const folders = await recordingFolders();
  await mkdir(folders.wavDir, { recursive: true });
  const sim = await startQuietSimulator({
    recordingsDir: folders.wavDir,
    behaviour: steadyBehaviour(1, options.talkSec),
  });
  const prefix = uniquePrefix();
  const app = await startBoardApp(
    boardConfig({
      redisUrl: redisServer.url,
      amiPort: sim.port,
      prefix,
      recordings: { wavDir: folders.wavDir, filesDir: folders.filesDir },
    }),
  );
  const redis = new Redis(redisServer.url);
  const index = recordingKeys(prefix).index;
  try {
    const owner = await loggedIn(app.url, TEST_OWNER.username, TEST_OWNER.password);
    for (;;) {
      const saved = await owner.call('PUT', '/api/recordings/settings', { queues: ['sales'], users: [] });
      if (saved.status === 200) break;
      // The queue is known once the board has read Asterisk's queues.
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    onlyAliceAnswersSales(sim);
    const latencyMs: number[] = [];
    for (let i = 0; i < options.calls; i++) {
      await recordedSalesCall(sim, options.talkSec, `55501${String(i).padStart(2, '0')}`);
      const ended = performance.now();
      while ((await redis.hlen(index)) < i + 1) await new Promise((resolve) => setTimeout(resolve, 5));
      latencyMs.push(performance.now() - ended);
    }
    return { latencyMs };
  } finally {
    await closeRedis(redis);
    await app.close();
    await sim.close();
    await redisServer.stop();
    await folders.remove();
  }
}
