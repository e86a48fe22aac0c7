import { expect } from 'vitest';
import { createAmiConnection } from '../../server/ami/connection.ts';
import type { AgentActivityResponse, StatsResponse } from '../../server/contract/stats.ts';
import type { AmiFields } from '../../server/domain/input.ts';
import { DEMO_SECRET, DEFAULT_USERNAME, type Simulator } from '../../server/sim/index.ts';
import { ownerCookie, startQuietSimulator } from './board-app.ts';
import { parseQueueLog, type QueueLogEntry } from './queue-log.ts';
import { agentLogFigures, queueFigures, queueLogFigures, queueLogQueues } from './stats.ts';
import { plainBoard, type BoardClient, type BoardModel } from './board-client.ts';
import { eventually, getJson } from './eventually.ts';
import { testLogger } from './test-logger.ts';
import { waitFor } from './wait.ts';

/**
 * A simulated PBX with generated traffic on the manual clock, keeping its queue_log. Simulated time starts now, so that
 * every call falls in a statistics window asked for.
 */
export const startTrafficSimulator = (): Promise<Simulator> =>
  startQuietSimulator({ rate: 30, startTime: Date.now(), queueLog: true });

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

/** A board's statistics, per queue and per agent, in queue_log's terms (see stats.ts). */
async function statsAsQueueLog(url: string, log: readonly QueueLogEntry[]) {
  const { body } = await getJson<StatsResponse>(`${url}/api/stats?since=${anHourAgo()}`, await ownerCookie(url));
  const queue = (name: string) => body.queues.find((row) => row.name === name);
  return {
    ours: {
      queues: queueLogQueues(log).map((name) => [name, queueFigures(queue(name))]),
      agents: body.agents.map(({ name, answered, missed, talkSec }) => [name, { answered, missed, talkSec }]),
    },
    theirs: {
      queues: queueLogQueues(log).map((name) => [name, queueLogFigures(log, name, queue(name)?.serviceLevelSec ?? 0)]),
      agents: body.agents.map((agent) => [agent.name, agentLogFigures(log, agent.name)]),
    },
  };
}

/**
 * Waits until the board's statistics say, per queue and per agent, what the PBX's queue_log says (the simulator keeps
 * one: `queueLog: true`), and what the PBX counted itself; then checks that every call that ended after an answer has
 * one on-call span: no call lost, none counted twice.
 */
export async function expectCountedOnce(sim: Simulator, url: string): Promise<CallTotals> {
  const log = parseQueueLog(sim.center.queueLog());
  expect(queueLogQueues(log).length, 'queues in the PBX queue_log').toBeGreaterThan(0);
  const pbx = await pbxTotals(sim);
  await eventually(
    async () => {
      const { ours, theirs } = await statsAsQueueLog(url, log);
      return JSON.stringify(ours) === JSON.stringify(theirs);
    },
    'the board statistics to equal the PBX queue_log',
    { timeoutMs: 10_000 },
  );
  const { ours, theirs } = await statsAsQueueLog(url, log);
  expect(ours).toEqual(theirs);
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

/** What the simulated PBX holds now: its waiting callers (Uniqueids) and talking callers (see pbxTalking), sorted. */
export interface PbxCalls {
  readonly waiting: readonly string[];
  readonly talking: readonly string[];
}

export const pbxCalls = async (sim: Simulator): Promise<PbxCalls> => ({
  waiting: (await pbxListing(sim)).waiting,
  talking: pbxTalking(sim),
});

/**
 * A board converged on a PBX that stands still: the AMI link up from a login after `after` (epoch ms), and exactly
 * the PBX's waiting and talking callers.
 */
export function showsPbx(board: BoardModel, pbx: PbxCalls, after: number): boolean {
  if (!board.link.ami.up || !(Date.parse(board.link.ami.since ?? '') > after)) return false;
  const calls = [...board.calls.values()];
  const ids = (state: string, show: (call: (typeof calls)[number]) => string) =>
    JSON.stringify(
      calls
        .filter((call) => call.state === state)
        .map(show)
        .sort(),
    );
  return (
    ids('waiting', (call) => call.id) === JSON.stringify(pbx.waiting) &&
    ids('connected', (call) => `${call.id} ${call.agentInterface}`) === JSON.stringify(pbx.talking)
  );
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
