import { expect } from 'vitest';
import { createAmiConnection } from '../../server/ami/connection.ts';
import type { AgentActivityResponse, StatsResponse } from '../../server/contract/stats.ts';
import type { AmiFields } from '../../server/domain/input.ts';
import { DEMO_SECRET, DEFAULT_USERNAME, type Simulator } from '../../server/sim/index.ts';
import { ownerCookie } from './board-app.ts';
import { plainBoard, type BoardClient } from './board-client.ts';
import { eventually, getJson } from './eventually.ts';
import { testLogger } from './test-logger.ts';
import { waitFor } from './wait.ts';

/** Simulated seconds of traffic, a second at a time, so that the AMI sees a realistic stream. */
export async function traffic(sim: Simulator, seconds: number): Promise<void> {
  for (let i = 0; i < seconds; i += 1) {
    sim.advance(1_000);
    if (i % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Completed and abandoned calls over all queues, by app_queue's definitions (a timeout, a withdrawal count as abandoned). */
export interface CallTotals {
  completed: number;
  abandoned: number;
}

const text = (fields: AmiFields, key: string): string => {
  const value = fields[key];
  return typeof value === 'string' ? value : '';
};

/** What the simulated PBX itself lists: its own Completed and Abandoned, and the callers waiting (Uniqueids, sorted). */
export async function pbxListing(sim: Simulator): Promise<{ totals: CallTotals; waiting: string[] }> {
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
      totals: {
        completed: params.reduce((sum, p) => sum + Number(text(p, 'completed')), 0),
        abandoned: params.reduce((sum, p) => sum + Number(text(p, 'abandoned')), 0),
      },
      waiting: items
        .filter((item) => text(item, 'event') === 'QueueEntry')
        .map((item) => text(item, 'uniqueid'))
        .sort(),
    };
  } finally {
    await connection.stop();
  }
}

/** The callers talking to an agent in the simulated PBX, as `<caller's Uniqueid> <agent's interface>`, sorted. */
export const pbxTalking = (sim: Simulator): string[] =>
  [...sim.center.sim.agents.values()]
    .flatMap((agent) => (agent.call ? [`${agent.call.caller.pair.two.uniqueid} ${agent.iface}`] : []))
    .sort();

export const pbxTotals = async (sim: Simulator): Promise<CallTotals> => (await pbxListing(sim)).totals;

const anHourAgo = () => encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString());

/** A board's statistics since long before the run, over all queues, in app_queue's terms. */
export async function boardTotals(url: string): Promise<CallTotals> {
  const { body } = await getJson<StatsResponse>(`${url}/api/stats?since=${anHourAgo()}`, await ownerCookie(url));
  return {
    completed: body.queues.reduce((sum, q) => sum + q.completed, 0),
    abandoned: body.queues.reduce((sum, q) => sum + q.abandoned + q.timedOut + q.withdrawn + q.exitedEmpty, 0),
  };
}

/** Waits until the board's statistics say what the PBX counted, and checks that no call was recorded twice. */
export async function expectCountedOnce(sim: Simulator, url: string): Promise<CallTotals> {
  const pbx = await pbxTotals(sim);
  await eventually(
    async () => {
      const ours = await boardTotals(url);
      return ours.completed === pbx.completed && ours.abandoned === pbx.abandoned;
    },
    'the board statistics to equal the PBX totals',
    { timeoutMs: 10_000 },
  );
  expect(await boardTotals(url)).toEqual(pbx);
  // One on-call span per completed call, none recorded twice.
  const activity = await getJson<AgentActivityResponse>(
    `${url}/api/agents/activity?since=${anHourAgo()}`,
    await ownerCookie(url),
  );
  const spans = activity.body.spans;
  expect(spans.filter((span) => span.kind === 'onCall')).toHaveLength(pbx.completed);
  const identities = spans.map((span) => `${span.agent} ${span.kind} ${span.callId} ${span.start}`);
  expect(new Set(identities).size).toBe(identities.length);
  return pbx;
}

/** A board showing the AMI up and some queue members. */
export const liveBoard = (client: BoardClient) =>
  waitFor(() => client.board?.link.ami.up && client.board.members.size > 0, 'a live board', { timeoutMs: 15_000 });

/** Both boards have seen the same last seq and show the same entities. */
export async function expectIdenticalBoards(a: BoardClient, b: BoardClient): Promise<void> {
  await waitFor(() => a.board && b.board && a.board.seq === b.board.seq, 'the same seq on both boards', {
    timeoutMs: 10_000,
  });
  expect(plainBoard(b.board!)).toEqual(plainBoard(a.board!));
}
