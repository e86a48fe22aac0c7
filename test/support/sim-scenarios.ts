/** Helpers shared by the simulator tests: the recorded PBX's fresh layout, trace replay, per-caller stories. */
import { type Behaviour, buildLayout, type Layout, type Simulator, startSimulator } from '../../server/sim/index.ts';
import { SimClient } from './sim-client.ts';
import { rawPairs, readTraceActions, readTraceMessages, type Scenario } from './traces.ts';

/** Secret of the account the traces were recorded with. */
export const TRACE_SECRET = 'wallboard-test-secret';

/** The recorded PBX right after start: the sales members are static, support and billing are empty. */
export function freshLayout(): Layout {
  const { queues, agents } = buildLayout();
  return {
    queues,
    agents: agents.flatMap((a) => {
      const sales = a.queues.find((q) => q.queue === 'sales');
      return sales ? [{ ...a, queues: [sales] }] : [];
    }),
  };
}

/**
 * A PBX whose calls go as a test says: agents answer after `answerSec`, callers hang up after `talkSec` of talk, and
 * nobody rings out, hangs up first or pauses on their own.
 */
export function steadyBehaviour(answerSec: number, talkSec: number): Partial<Behaviour> {
  return {
    answerDelay: [answerSec, answerSec],
    noAnswerProbability: 0,
    talkTime: [talkSec, talkSec],
    agentHangupProbability: 0,
    pauseEvery: 0,
  };
}

/** A simulator with a client connected to its AMI port. */
export interface Replay {
  sim: Simulator;
  client: SimClient;
}

/**
 * Sends a trace's actions (raw, as recorded) to a fresh simulator at their recorded times on a manual clock, each after
 * the previous one was answered. Agents answer after 2 s and never hang up by themselves, as in the recordings.
 */
export async function replayTrace(scenario: Scenario, untilMs: number): Promise<Replay> {
  const actions = readTraceActions(scenario).filter((a) => a.t_ms <= untilMs);
  const first = actions[0];
  if (!first) throw new Error(`no actions in ${scenario}`);
  const start = first.epoch_ms - first.t_ms;
  const sim = await startSimulator({
    port: 0,
    clock: 'manual',
    startTime: start,
    rate: 0,
    secret: TRACE_SECRET,
    queueLog: true,
    layout: freshLayout(),
    behaviour: steadyBehaviour(2, 3600),
  });
  const client = await SimClient.connect(sim.port);
  for (const action of actions) {
    sim.advance(Math.max(0, start + action.t_ms - sim.now()));
    client.send(action.raw);
    await client.response(action.action_id);
  }
  sim.advance(Math.max(0, start + untilMs - sim.now()));
  await client.action('Ping');
  return { sim, client };
}

export interface Story {
  channel: string;
  steps: string[];
}

interface Msg {
  name: string;
  pairs: [string, string][];
}

const STORY_VARIABLES = new Set(['ABANDONED', 'QUEUEPOSITION', 'QUEUESTATUS']);
const STORY_EVENTS: Record<string, string[]> = {
  QueueCallerJoin: ['Position', 'Count'],
  QueueCallerAbandon: ['Position', 'OriginalPosition'],
  QueueCallerLeave: ['Position', 'Count'],
  AgentConnect: ['MemberName'],
  AgentComplete: ['MemberName', 'Reason'],
  HangupRequest: [],
};

/**
 * What a wallboard reducer sees of each queue caller (the `;2` leg): queue events, the hang-up request on it and the
 * queue variables, with the values that tell the cases apart.
 */
export function callerStories(messages: Msg[]): Story[] {
  const stories = new Map<string, string[]>();
  for (const m of messages) {
    const get = (key: string): string => m.pairs.find(([k]) => k === key)?.[1] ?? '';
    const channel = get('Channel');
    if (!/^Local\/[^@]+@callers-[0-9a-f]+;2$/.test(channel)) continue;
    let step: string | undefined;
    if (m.name === 'VarSet' && STORY_VARIABLES.has(get('Variable'))) step = `VarSet ${get('Variable')}=${get('Value')}`;
    const fields = STORY_EVENTS[m.name];
    if (fields) step = [m.name, ...fields.map((f) => `${f}=${get(f)}`)].join(' ');
    if (!step) continue;
    const steps = stories.get(channel) ?? [];
    if (m.name === 'QueueCallerJoin' || steps.length > 0) stories.set(channel, [...steps, step]);
  }
  return [...stories].map(([channel, steps]) => ({ channel, steps }));
}

export function traceEvents(scenario: Scenario, untilMs = Infinity): Msg[] {
  return readTraceMessages(scenario)
    .filter((m) => m.kind === 'event' && m.raw && m.t_ms <= untilMs)
    .map((m) => ({ name: m.name ?? '', pairs: rawPairs(m.raw ?? '') }));
}
