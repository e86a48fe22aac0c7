/** The simulated PBX behind the AMI server: builds the model and offers what the AMI actions need. */
import { originateOutside, type OutsideOriginate, type OutsideWorld } from './outside.ts';
import type { EventHub } from '../events.ts';
import type { Rng } from '../rng.ts';
import type { Scheduler } from '../scheduler.ts';
import type { Fields } from '../framing.ts';
import { hangupChannel, originateCaller } from './callers.ts';
import { connect } from './calls.ts';
import { Channels } from './channels.ts';
import { buildLayout, DEFAULT_BEHAVIOUR, type Layout } from './config.ts';
import { Devices } from './devices.ts';
import {
  addMember,
  type AddMemberOptions,
  type AddResult,
  membershipsOf,
  newAgent,
  publishMemberStatus,
  removeMember,
  type RemoveResult,
  setAgentState,
} from './members.ts';
import { distribute } from './ringing.ts';
import type { Recorder } from '../recorder.ts';
import { startMixMonitor, stopMixMonitor, watchRecordings } from './mixmonitor.ts';
import {
  dialFeatureCode,
  hangupSpy,
  originateSpy,
  receiveDigit,
  runChanSpy,
  type SpyOriginate,
  watchSpies,
} from './spy.ts';
import type { Behaviour, Sim } from './sim.ts';
import { QueueLog } from './queue-log.ts';
import { emptyStats } from './stats.ts';
import { pauseMember, startArrivals, startPauses } from './traffic.ts';
import { type Caller, isDeviceState, type Queue } from './types.ts';

export interface CenterOptions {
  sched: Scheduler;
  rng: Rng;
  hub: EventHub;
  agents?: number;
  queues?: number;
  /** An explicit layout instead of a built one. */
  layout?: Layout;
  behaviour?: Partial<Behaviour>;
  /** Phones that answer when rung (call monitoring, callbacks), e.g. `PJSIP/2005`. */
  phones?: readonly string[];
  /** Outside numbers that are busy, and that ring without answer, when a callback dials them (others answer). */
  outside?: { busy?: readonly string[]; silent?: readonly string[] };
  /** Writes the recordings MixMonitor makes. */
  recorder?: Recorder;
  /** Keeps app_queue's queue_log (see queueLog()). */
  queueLog?: boolean;
}

export class CallCenter {
  readonly sim: Sim;
  private readonly world: OutsideWorld;

  constructor(opts: CenterOptions) {
    const devices = new Devices(opts.hub);
    this.sim = {
      sched: opts.sched,
      rng: opts.rng,
      hub: opts.hub,
      devices,
      channels: new Channels(opts.sched, opts.hub, devices),
      queues: new Map(),
      agents: new Map(),
      behaviour: { ...DEFAULT_BEHAVIOUR, ...opts.behaviour },
      owners: new Map(),
      phones: new Set(opts.phones ?? []),
      spies: new Map(),
      recordings: new Map(),
      recorder: opts.recorder,
      queueLog: opts.queueLog ? new QueueLog(() => opts.sched.now()) : undefined,
      startedAt: opts.sched.now(),
      connect: (ring) => connect(this.sim, ring),
    };
    this.world = { busy: new Set(opts.outside?.busy ?? []), silent: new Set(opts.outside?.silent ?? []) };
    watchSpies(this.sim);
    watchRecordings(this.sim);
    this.build(opts.layout ?? buildLayout(opts.agents, opts.queues));
  }

  /** Loads the layout silently: this is the state the PBX is in when the first client connects. */
  private build(layout: Layout): void {
    const { sim } = this;
    const login = Math.floor(sim.startedAt / 1000);
    for (const cfg of layout.queues) {
      const queue: Queue = { cfg, members: [], callers: [], rrpos: -1, stats: emptyStats() };
      sim.queues.set(cfg.name, queue);
      sim.devices.init(`Queue:${cfg.name}`, 'NOT_INUSE');
    }
    for (const a of layout.agents) {
      const agent = newAgent(a.ext, a.name, `Local/${a.ext}@agents`, `Custom:agent${a.ext}`);
      sim.agents.set(agent.iface, agent);
      sim.devices.init(agent.stateInterface, agent.state);
      for (const m of a.queues) {
        const queue = sim.queues.get(m.queue);
        if (!queue) continue;
        queue.members.push({
          queue,
          agent,
          name: a.name,
          penalty: m.penalty,
          dynamic: m.dynamic,
          callsTaken: 0,
          lastCall: 0,
          lastPause: 0,
          loginTime: login,
          inCall: false,
          paused: false,
          pausedReason: '',
          ringinuse: false,
          wrapuptime: 0,
        });
        sim.devices.init(`Queue:${m.queue}_pause_${agent.iface}`, 'NOT_INUSE');
      }
    }
    for (const queue of sim.queues.values()) {
      sim.devices.init(`Queue:${queue.cfg.name}_avail`, queue.members.length > 0 ? 'NOT_INUSE' : 'INUSE');
    }
  }

  /** Starts generated traffic: arrivals at `callsPerMinute` and, if the behaviour says so, agents' own pauses. */
  startTraffic(callsPerMinute: number): void {
    startArrivals(this.sim, callsPerMinute);
    startPauses(this.sim);
  }

  /** The queue_log lines written so far (none unless the center was built with `queueLog`). */
  queueLog(): readonly string[] {
    return this.sim.queueLog?.lines() ?? [];
  }

  queue(name: string): Queue | undefined {
    return this.sim.queues.get(name);
  }

  originate(opts: {
    queue: Queue;
    callerNum: string;
    callerName: string;
    maxWait: number;
    target: Fields;
    actionId?: string;
  }): Caller {
    return originateCaller(this.sim, opts);
  }

  hangup(channel: string): boolean {
    return hangupSpy(this.sim, channel) || hangupChannel(this.sim, channel);
  }

  /** Rings a phone into a dialplan context at an outside number (a callback); the trunk dials it. */
  originateOutside(opts: OutsideOriginate): void {
    originateOutside(this.sim, this.world, opts);
  }

  /** Rings a phone into ChanSpy (an Originate with the Application ChanSpy). */
  originateSpy(opts: SpyOriginate): void {
    originateSpy(this.sim, opts);
  }

  /**
   * A phone dialling the monitoring feature code `#44<exten>`: the answered channel that the dialplan hands to FastAGI.
   * Asterisk's side of FastAGI is the caller's to play; `spyFrom` then runs the ChanSpy the dialplan was told to.
   */
  dialFeatureCode(device: string, callerNum: string, exten: string): { name: string; uniqueid: string } {
    const { name, uniqueid } = dialFeatureCode(this.sim, device, callerNum, exten);
    return { name, uniqueid };
  }

  /** The dialplan's `ChanSpy(${SPY_TARGET},${SPY_OPTIONS})` on a channel; false when there is no such channel. */
  spyFrom(channel: string, target: string, options: string): boolean {
    const ch = this.sim.channels.byName.get(channel);
    if (ch) runChanSpy(this.sim, ch, `${target},${options}`);
    return ch !== undefined;
  }

  /**
   * A digit reaching a channel: `PlayDTMF` with `Receive` (a single DTMFEnd), or a key pressed on the phone (with its
   * DTMFBegin). False when there is no such channel.
   */
  receiveDigit(channel: string, digit: string, pressed: boolean): boolean {
    const ch = this.sim.channels.byName.get(channel);
    if (ch) receiveDigit(this.sim, ch, digit, pressed);
    return ch !== undefined;
  }

  /** `MixMonitor`: records a live channel; the file's full path, or undefined when there is no such channel. */
  mixMonitor(channel: string, file: string): string | undefined {
    const ch = this.sim.channels.byName.get(channel);
    return ch && startMixMonitor(this.sim, ch, file);
  }

  /** `StopMixMonitor`: false when the channel is not being recorded. */
  stopMixMonitor(channel: string): boolean {
    const ch = this.sim.channels.byName.get(channel);
    return ch !== undefined && stopMixMonitor(this.sim, ch, true);
  }

  pause(iface: string, queue: string, paused: boolean, reason: string): boolean {
    return pauseMember(this.sim, iface, queue, paused, reason);
  }

  addMember(queue: string, opts: AddMemberOptions): AddResult {
    const result = addMember(this.sim, queue, opts);
    const q = this.sim.queues.get(queue);
    if (result === 'ok' && q) distribute(this.sim, q);
    return result;
  }

  removeMember(queue: string, iface: string): RemoveResult {
    return removeMember(this.sim, queue, iface);
  }

  /** `Setvar DEVICE_STATE(Custom:agent1005)=UNAVAILABLE`: the agent's phone state, e.g. logged out or back. */
  setCustomDeviceState(device: string, state: string): boolean {
    if (!isDeviceState(state)) return false;
    const agent = [...this.sim.agents.values()].find((a) => a.stateInterface === device);
    if (!agent) {
      this.sim.devices.set(device, state);
      return true;
    }
    if (agent.state === state) return true;
    setAgentState(this.sim, agent, state, false);
    publishMemberStatus(this.sim, agent);
    for (const m of membershipsOf(this.sim, agent)) distribute(this.sim, m.queue);
    return true;
  }

  stop(): void {
    this.sim.sched.stop();
  }
}
