import { afterEach, describe, expect, inject, it } from 'vitest';
import { createAmiConnection } from '../../server/ami/connection.ts';
import type { AgentActivityResponse, StatsResponse } from '../../server/contract/stats.ts';
import type { AmiFields } from '../../server/domain/input.ts';
import { DEMO_SECRET, DEFAULT_USERNAME, type Simulator } from '../../server/sim/index.ts';
import { ownerCookie, startQuietSimulator, uniquePrefix } from '../support/board-app.ts';
import { simulatorBoardEnv, spawnBoard, type BoardProcess } from '../support/board-process.ts';
import { eventually, getJson } from '../support/eventually.ts';
import { testLogger } from '../support/test-logger.ts';

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

const text = (fields: AmiFields, key: string): string => {
  const value = fields[key];
  return typeof value === 'string' ? value : '';
};

/** The simulator's own Completed and Abandoned over all queues (app_queue's definitions). */
async function pbxTotals(sim: Simulator): Promise<{ completed: number; abandoned: number }> {
  const connection = createAmiConnection(
    { host: '127.0.0.1', port: sim.port, username: DEFAULT_USERNAME, secret: DEMO_SECRET, logger: testLogger('ami') },
    () => undefined,
  );
  connection.start();
  try {
    await eventually(() => Promise.resolve(connection.status().state === 'live'), 'the counting connection to log in');
    const { items } = await connection.listAction('QueueStatus');
    const params = items.filter((item) => text(item, 'event') === 'QueueParams');
    return {
      completed: params.reduce((sum, p) => sum + Number(text(p, 'completed')), 0),
      abandoned: params.reduce((sum, p) => sum + Number(text(p, 'abandoned')), 0),
    };
  } finally {
    await connection.stop();
  }
}

/** Our figures since long before the run, over all queues, in app_queue's terms. */
async function ourTotals(board: BoardProcess): Promise<{ completed: number; abandoned: number }> {
  const since = encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString());
  const { body } = await getJson<StatsResponse>(`${board.url}/api/stats?since=${since}`, await ownerCookie(board.url));
  return {
    completed: body.queues.reduce((sum, q) => sum + q.completed, 0),
    abandoned: body.queues.reduce((sum, q) => sum + q.abandoned + q.timedOut + q.withdrawn + q.exitedEmpty, 0),
  };
}

async function traffic(sim: Simulator, seconds: number): Promise<void> {
  for (let i = 0; i < seconds; i += 1) {
    sim.advance(1_000);
    if (i % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('statistics across a server crash', () => {
  it('count every call once when the server is killed mid-traffic and started again', async () => {
    // Simulated time starts now, so that every call falls in the window asked for.
    const sim = await startQuietSimulator({ rate: 30, startTime: Date.now() });
    cleanup.push(() => sim.close());
    const env = simulatorBoardEnv(sim.port, redisUrl, uniquePrefix(), 1000);
    const first = await spawnBoard({ ...env, INSTANCE_ID: 'first' });
    cleanup.push(() => first.stop('SIGKILL'));
    await eventually(async () => (await getJson(`${first.url}/healthz`)).status === 200, 'the first server reading the AMI', {
      timeoutMs: 15_000,
    });
    await traffic(sim, 300);
    const before = await pbxTotals(sim);
    expect(before.completed).toBeGreaterThan(20);
    await eventually(async () => (await ourTotals(first)).completed === before.completed, 'the first half counted', {
      timeoutMs: 10_000,
    });
    await first.stop('SIGKILL');

    // The PBX's clock stands still while no server reads it, as a replay would: AMI keeps no events for a later
    // reader, so calls that end while nobody listens are missed (which is why two servers should run). Callers
    // waiting and talking at the crash are picked up by the new server's resync and counted when they end.
    const second = await spawnBoard({ ...env, INSTANCE_ID: 'second' });
    cleanup.push(() => second.stop('SIGKILL'));
    await eventually(async () => (await getJson(`${second.url}/healthz`)).status === 200, 'the second server reading the AMI', {
      timeoutMs: 15_000,
    });
    await traffic(sim, 300);
    const after = await pbxTotals(sim);
    await eventually(
      async () => {
        const ours = await ourTotals(second);
        return ours.completed === after.completed && ours.abandoned === after.abandoned;
      },
      'our totals to equal the PBX totals',
      { timeoutMs: 10_000 },
    );
    expect(await ourTotals(second)).toEqual(after);

    // Agent activity likewise: one on-call span per completed call, none recorded twice.
    const since = encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString());
    const { body } = await getJson<AgentActivityResponse>(`${second.url}/api/agents/activity?since=${since}`, await ownerCookie(second.url));
    expect(body.spans.filter((span) => span.kind === 'onCall')).toHaveLength(after.completed);
    const identities = body.spans.map((span) => `${span.agent} ${span.kind} ${span.callId} ${span.start}`);
    expect(new Set(identities).size).toBe(identities.length);
  });
});
