/** Queue membership: device state, pause, add / remove, and who may be offered a call. */
import { event, memberEventFields } from '../events.ts';
import { nowSeconds, type Sim } from './sim.ts';
import type { Agent, DeviceState, Member, Queue } from './types.ts';

export function membershipsOf(sim: Sim, agent: Agent): Member[] {
  const out: Member[] = [];
  for (const queue of sim.queues.values()) {
    const member = queue.members.find((m) => m.agent === agent);
    if (member) out.push(member);
  }
  return out;
}

/** A member counts for `Queue:<q>_avail` when unpaused and its device is idle. */
function usable(member: Member): boolean {
  return !member.paused && member.agent.state === 'NOT_INUSE';
}

function publishAvailability(sim: Sim, queue: Queue): void {
  const state = queue.members.some(usable) ? 'NOT_INUSE' : 'INUSE';
  sim.devices.set(`Queue:${queue.cfg.name}_avail`, state);
}

export function publishMemberStatus(sim: Sim, agent: Agent): void {
  for (const member of membershipsOf(sim, agent)) {
    sim.hub.emit(event('QueueMemberStatus', 'agent', memberEventFields(member)));
    publishAvailability(sim, member.queue);
  }
}

/** The agent's custom device state (`Custom:agent10XX`), as the agent dialplan sets it. */
export function setAgentState(sim: Sim, agent: Agent, state: DeviceState, publishMembers = true): void {
  if (agent.state === state) return;
  agent.state = state;
  sim.devices.set(agent.stateInterface, state);
  if (publishMembers) publishMemberStatus(sim, agent);
}

/**
 * Whether the member can be offered a call now: unpaused, idle device, not ringing or talking anywhere (ringinuse = no)
 * and past its wrap-up, counted from the agent's last call in any queue (shared_lastcall).
 */
export function canOffer(sim: Sim, member: Member): boolean {
  const agent = member.agent;
  if (member.paused || agent.ring || agent.call) return false;
  if (agent.state !== 'NOT_INUSE' && agent.state !== 'UNKNOWN') return false;
  return sim.sched.now() >= wrapupEnd(member);
}

export function wrapupEnd(member: Member): number {
  const wrapup = member.wrapuptime || member.queue.cfg.wrapuptime;
  return member.agent.lastCallEnd === 0 ? 0 : member.agent.lastCallEnd + wrapup * 1000;
}

function publishPause(sim: Sim, member: Member): void {
  sim.devices.set(`Queue:${member.queue.cfg.name}_pause_${member.agent.iface}`, member.paused ? 'INUSE' : 'NOT_INUSE');
  sim.hub.emit(event('QueueMemberPause', 'agent', memberEventFields(member)));
  publishAvailability(sim, member.queue);
}

/** QueuePause: one queue, or every queue of the interface when `queueName` is empty. False when not a member. */
export function setPaused(sim: Sim, iface: string, queueName: string, paused: boolean, reason: string): boolean {
  const agent = sim.agents.get(iface);
  if (!agent) return false;
  const targets = membershipsOf(sim, agent).filter((m) => !queueName || m.queue.cfg.name === queueName);
  if (targets.length === 0) return false;
  for (const member of targets) {
    member.paused = paused;
    member.pausedReason = reason;
    if (paused) member.lastPause = nowSeconds(sim);
    publishPause(sim, member);
  }
  return true;
}

export interface AddMemberOptions {
  iface: string;
  name: string;
  stateInterface: string;
  penalty: number;
  paused: boolean;
  reason: string;
  wrapuptime: number;
}

export type AddResult = 'ok' | 'exists' | 'nosuchqueue';

export function addMember(sim: Sim, queueName: string, opts: AddMemberOptions, dynamic = true): AddResult {
  const queue = sim.queues.get(queueName);
  if (!queue) return 'nosuchqueue';
  if (queue.members.some((m) => m.agent.iface === opts.iface)) return 'exists';
  const agent = agentFor(sim, opts);
  const member: Member = {
    queue,
    agent,
    name: opts.name || agent.name,
    penalty: opts.penalty,
    dynamic,
    callsTaken: 0,
    lastCall: 0,
    lastPause: opts.paused ? nowSeconds(sim) : 0,
    loginTime: nowSeconds(sim),
    inCall: false,
    paused: opts.paused,
    pausedReason: opts.paused ? opts.reason : '',
    ringinuse: false,
    wrapuptime: opts.wrapuptime,
  };
  queue.members.push(member);
  sim.devices.set(`Queue:${queueName}_pause_${agent.iface}`, member.paused ? 'INUSE' : 'NOT_INUSE');
  sim.hub.emit(event('QueueMemberAdded', 'agent', memberEventFields(member)));
  publishAvailability(sim, queue);
  return 'ok';
}

export type RemoveResult = 'ok' | 'notthere' | 'nosuchqueue' | 'notdynamic';

export function removeMember(sim: Sim, queueName: string, iface: string): RemoveResult {
  const queue = sim.queues.get(queueName);
  if (!queue) return 'nosuchqueue';
  const index = queue.members.findIndex((m) => m.agent.iface === iface);
  const member = queue.members[index];
  if (!member) return 'notthere';
  if (!member.dynamic) return 'notdynamic';
  queue.members.splice(index, 1);
  if (queue.rrpos >= index) queue.rrpos--;
  sim.devices.delete(`Queue:${queueName}_pause_${iface}`);
  sim.hub.emit(event('QueueMemberRemoved', 'agent', memberEventFields(member)));
  publishAvailability(sim, queue);
  return 'ok';
}

/** Members added by interface share one simulated agent; an interface the center never had gets a new agent. */
function agentFor(sim: Sim, opts: AddMemberOptions): Agent {
  const existing = sim.agents.get(opts.iface);
  if (existing) return existing;
  const ext = /^Local\/([^@]+)@/.exec(opts.iface)?.[1] ?? opts.iface;
  const stateInterface = opts.stateInterface || opts.iface;
  const agent = newAgent(ext, opts.name || opts.iface, opts.iface, stateInterface);
  sim.agents.set(opts.iface, agent);
  sim.devices.init(stateInterface, agent.state);
  return agent;
}

export function newAgent(ext: string, name: string, iface: string, stateInterface: string): Agent {
  return {
    kind: 'agent',
    ext,
    name,
    iface,
    stateInterface,
    state: 'NOT_INUSE',
    lastCallEnd: 0,
    ring: undefined,
    call: undefined,
    pauseTimer: undefined,
  };
}
