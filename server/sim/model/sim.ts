import type { EventHub } from '../events.ts';
import type { Rng } from '../rng.ts';
import type { Scheduler } from '../scheduler.ts';
import type { Recorder } from '../recorder.ts';
import type { Channels } from './channels.ts';
import type { Devices } from './devices.ts';
import type { QueueLog } from './queue-log.ts';
import type { Agent, Caller, Queue, Recording, Ring, Spy } from './types.ts';

/** How simulated people behave. Times in seconds of simulated time; ranges are [min, max], drawn uniformly. */
export interface Behaviour {
  /** Ring time before an agent answers. */
  answerDelay: [number, number];
  /** Share of offers an agent lets ring until the member timeout. */
  noAnswerProbability: number;
  talkTime: [number, number];
  /** Share of calls ended by the agent (the rest by the caller). */
  agentHangupProbability: number;
  /** Generated callers: share who give up early, and after how long. */
  impatientShare: number;
  impatientWait: [number, number];
  /** Generated callers who are not impatient hang up after this long if still waiting. */
  patientWait: [number, number];
  /** Share of generated callers that enter the queue with a MAXWAIT (EXITWITHTIMEOUT when it expires). */
  maxWaitShare: number;
  maxWait: number;
  /** Mean time between pauses of one agent (0 = agents never pause on their own). */
  pauseEvery: number;
  pauseDuration: [number, number];
  pauseReasons: string[];
  /** Share of pauses taken in all queues at once (QueuePause without Queue). */
  pauseAllQueuesShare: number;
}

/** The state of the simulated PBX and the services every part of the model uses. */
export interface Sim {
  sched: Scheduler;
  rng: Rng;
  hub: EventHub;
  devices: Devices;
  channels: Channels;
  queues: Map<string, Queue>;
  /** Agents by interface (`Local/1001@agents`). */
  agents: Map<string, Agent>;
  behaviour: Behaviour;
  /** Who a live channel belongs to, for the Hangup action. */
  owners: Map<string, Caller | Agent>;
  /** Phones that answer an Originate (call monitoring rings them), e.g. `PJSIP/2005`. */
  phones: ReadonlySet<string>;
  /** Channels running ChanSpy, by name. */
  spies: Map<string, Spy>;
  /** Channels being recorded (MixMonitor), by name. */
  recordings: Map<string, Recording>;
  /** Where recordings are written; none: they are only announced. */
  recorder: Recorder | undefined;
  /** Where queue events are logged as app_queue's queue_log; none: they are not. */
  queueLog: QueueLog | undefined;
  startedAt: number;
  /**
   * Connects a ring its member answered (calls.ts connect): handed in, so that offering calls (ringing.ts) does not
   * import the connected calls that in turn ring again.
   */
  connect: (ring: Ring) => void;
}

export function nowSeconds(sim: Sim): number {
  return Math.floor(sim.sched.now() / 1000);
}

export function seconds(ms: number): number {
  return Math.floor(ms / 1000);
}

/** Whole seconds since `since`, as app_queue measures hold, talk and ring times: between two readings of time(). */
export function secondsSince(sim: Sim, since: number): number {
  return nowSeconds(sim) - seconds(since);
}
