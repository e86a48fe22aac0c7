/** The simulated center's layout: the recorded PBX's queues and agents by default, or a generated one of any size. */
import type { Behaviour } from './sim.ts';
import type { AgentConfig, QueueConfig, Strategy } from './types.ts';

/** The three queues of the recorded PBX (queues.conf in the traces). */
const TRACE_QUEUES: QueueConfig[] = [
  { name: 'sales', strategy: 'rrmemory', timeout: 5, retry: 1, wrapuptime: 3, servicelevel: 20, weight: 0, share: 0.5 },
  {
    name: 'support',
    strategy: 'leastrecent',
    timeout: 5,
    retry: 1,
    wrapuptime: 0,
    servicelevel: 30,
    weight: 0,
    share: 0.35,
  },
  {
    name: 'billing',
    strategy: 'ringall',
    timeout: 6,
    retry: 2,
    wrapuptime: 2,
    servicelevel: 15,
    weight: 0,
    share: 0.15,
  },
];

const NAMES = [
  'Alice',
  'Bob',
  'Carol',
  'Dave',
  'Eve',
  'Frank',
  'Grace',
  'Heidi',
  'Ivan',
  'Judy',
  'Mallory',
  'Niaj',
  'Olivia',
  'Peggy',
  'Quentin',
  'Rupert',
  'Sybil',
  'Trent',
  'Ursula',
  'Victor',
  'Walter',
  'Xena',
  'Yves',
  'Zoe',
];

/** Sales members are static (queues.conf); the others as if added with QueueAdd at start-up, as in trace 09. */
const SALES = { queue: 'sales', penalty: 0, dynamic: false };
const SUPPORT = { queue: 'support', penalty: 0, dynamic: true };
const SUPPORT_SECOND = { ...SUPPORT, penalty: 1 };
const BILLING = { queue: 'billing', penalty: 0, dynamic: true };
const TRACE_AGENTS: AgentConfig[] = [
  { ext: '1001', name: 'Alice', queues: [SALES] },
  { ext: '1002', name: 'Bob', queues: [SALES] },
  { ext: '1003', name: 'Carol', queues: [SALES, SUPPORT_SECOND] },
  { ext: '1004', name: 'Dave', queues: [SALES, SUPPORT_SECOND] },
  { ext: '1005', name: 'Eve', queues: [SUPPORT] },
  { ext: '1006', name: 'Frank', queues: [SUPPORT] },
  { ext: '1007', name: 'Grace', queues: [SUPPORT, BILLING] },
  { ext: '1008', name: 'Heidi', queues: [SUPPORT, BILLING] },
];

const EXTRA_STRATEGIES: Strategy[] = ['rrmemory', 'leastrecent', 'fewestcalls', 'random', 'linear'];

export interface Layout {
  queues: QueueConfig[];
  agents: AgentConfig[];
}

/**
 * Without counts: the recorded PBX (8 agents, 3 queues). With counts: `queueCount` queues (the three recorded ones
 * first, then `queue04`, …) and `agentCount` agents `1001`, `1002`, … each in one queue, every third also in a second
 * queue at penalty 1.
 */
export function buildLayout(agentCount?: number, queueCount?: number): Layout {
  if (agentCount === undefined && queueCount === undefined) return { queues: TRACE_QUEUES, agents: TRACE_AGENTS };
  const nq = Math.max(1, queueCount ?? 3);
  const na = Math.max(1, agentCount ?? Math.max(8, 4 * nq));
  const queues = Array.from({ length: nq }, (_, i): QueueConfig => {
    const recorded = TRACE_QUEUES[i];
    if (recorded) return recorded;
    const name = `queue${String(i + 1).padStart(2, '0')}`;
    const strategy = EXTRA_STRATEGIES[i % EXTRA_STRATEGIES.length] ?? 'rrmemory';
    return { name, strategy, timeout: 10, retry: 2, wrapuptime: 5, servicelevel: 30, weight: 0, share: 1 / nq };
  });
  const agents = Array.from({ length: na }, (_, i): AgentConfig => {
    const round = Math.floor(i / NAMES.length);
    const name = `${NAMES[i % NAMES.length] ?? 'Agent'}${round > 0 ? ` ${round + 1}` : ''}`;
    const primary = queues[i % nq]?.name ?? 'sales';
    const second = queues[(i * 7 + 3) % nq]?.name ?? primary;
    const memberships = [{ queue: primary, penalty: 0, dynamic: false }];
    if (i % 3 === 0 && second !== primary) memberships.push({ queue: second, penalty: 1, dynamic: true });
    return { ext: String(1001 + i), name, queues: memberships };
  });
  return { queues, agents };
}

export const DEFAULT_BEHAVIOUR: Behaviour = {
  answerDelay: [1, 4],
  noAnswerProbability: 0.1,
  talkTime: [15, 120],
  agentHangupProbability: 0.4,
  impatientShare: 0.3,
  impatientWait: [5, 45],
  patientWait: [60, 300],
  maxWaitShare: 0.1,
  maxWait: 120,
  pauseEvery: 900,
  pauseDuration: [60, 600],
  pauseReasons: ['Break', 'Lunch', 'Coaching', 'After call work', 'Meeting'],
  pauseAllQueuesShare: 0.5,
};
