/**
 * The AMI simulator: a TCP server that speaks AMI as Asterisk 22 does, in front of a simulated call center.
 * Independent of the rest of the server on purpose: what it shares with it is the wire text only.
 */
import { EventHub } from './events.ts';
import { CallCenter } from './model/center.ts';
import type { Layout } from './model/config.ts';
import type { Behaviour } from './model/sim.ts';
import { fileRecorder } from './recorder.ts';
import { createRng } from './rng.ts';
import { ManualScheduler, RealtimeScheduler } from './scheduler.ts';
import { AmiServer } from './server.ts';

export const DEFAULT_PORT = 5038;
export const DEFAULT_USERNAME = 'wallboard';
/** Demo credentials of the simulated PBX (not a secret: the simulator only runs locally). */
export const DEMO_SECRET = 'wallboard-demo-secret';

export { buildLayout, type Layout } from './model/config.ts';
export type { Behaviour } from './model/sim.ts';
export type { AgentConfig, QueueConfig } from './model/types.ts';

export interface SimulatorOptions {
  /** TCP port; 0 picks a free one (default 5038). */
  port?: number;
  host?: string;
  username?: string;
  secret?: string;
  /** Seed of every random choice (default 1). */
  seed?: number;
  /** Simulated seconds per wall-clock second with the real-time clock (default 1). */
  speed?: number;
  /** `manual`: time moves only through `advance()` (tests, benchmarks). Default `realtime`. */
  clock?: 'realtime' | 'manual';
  /** Simulated epoch ms at start (default: now). */
  startTime?: number;
  /** Size of a generated center; without both, the recorded PBX (8 agents, sales/support/billing). */
  agents?: number;
  queues?: number;
  /** Exact queues and agents (overrides `agents` / `queues`). */
  layout?: Layout;
  /** Generated arrivals per simulated minute over all queues (0 = none; default 0.6 per agent). */
  rate?: number;
  behaviour?: Partial<Behaviour>;
  /** Phones that answer when call monitoring rings them, e.g. `PJSIP/2005` (any other rings out). */
  phones?: readonly string[];
  /** Outside numbers that are busy, and that ring without answer, when a callback dials them (others answer). */
  outside?: { busy?: readonly string[]; silent?: readonly string[] };
  /** Adds `Timestamp:` to broadcast events, as `timestampevents = yes` does. */
  timestampEvents?: boolean;
  /** The simulated Asterisk's monitor folder: MixMonitor's WAVs are written there when a recording ends. */
  recordingsDir?: string;
  /** Keeps app_queue's queue_log in memory (`center.queueLog()`), for tests that count calls against it. */
  queueLog?: boolean;
}

export interface Simulator {
  port: number;
  host: string;
  center: CallCenter;
  /** Simulated epoch ms. */
  now(): number;
  /** Manual clock only: moves simulated time forward, running everything that falls due. */
  advance(ms: number): void;
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const startTime = options.startTime ?? Date.now();
  const manual = options.clock === 'manual' ? new ManualScheduler(startTime) : undefined;
  const sched = manual ?? new RealtimeScheduler(startTime, options.speed ?? 1);
  const hub = new EventHub(options.timestampEvents ? () => (sched.now() / 1000).toFixed(6) : undefined);
  const center = new CallCenter({
    sched,
    hub,
    rng: createRng(options.seed ?? 1),
    ...(options.agents !== undefined ? { agents: options.agents } : {}),
    ...(options.queues !== undefined ? { queues: options.queues } : {}),
    ...(options.layout ? { layout: options.layout } : {}),
    ...(options.behaviour ? { behaviour: options.behaviour } : {}),
    ...(options.phones ? { phones: options.phones } : {}),
    ...(options.outside ? { outside: options.outside } : {}),
    ...(options.recordingsDir ? { recorder: fileRecorder(options.recordingsDir) } : {}),
    ...(options.queueLog ? { queueLog: true } : {}),
  });
  const server = new AmiServer({
    center,
    username: options.username ?? DEFAULT_USERNAME,
    secret: options.secret ?? DEMO_SECRET,
  });
  const host = options.host ?? '127.0.0.1';
  const port = await server.listen(options.port ?? DEFAULT_PORT, host);
  center.startTraffic(options.rate ?? Math.round(6 * center.sim.agents.size) / 10);
  return {
    port,
    host,
    center,
    now: () => sched.now(),
    advance: (ms) => {
      if (!manual) throw new Error('advance() needs the manual clock');
      manual.advance(ms);
    },
    close: async () => {
      center.stop();
      await server.close();
    },
  };
}
