/** Generated activity: Poisson arrivals with caller patience, and agents pausing on their own. */
import { originateCaller } from './callers.ts';
import { distribute } from './ringing.ts';
import { membershipsOf, setPaused } from './members.ts';
import type { Sim } from './sim.ts';
import type { Agent, Queue } from './types.ts';

export function startArrivals(sim: Sim, callsPerMinute: number): void {
  if (callsPerMinute <= 0) return;
  const queues = [...sim.queues.values()];
  const totalShare = queues.reduce((sum, q) => sum + q.cfg.share, 0);
  let seq = 0;
  const next = (): void => {
    sim.sched.after(sim.rng.exp(60_000 / callsPerMinute), () => {
      seq++;
      const queue = pickQueue(sim, queues, totalShare);
      if (queue) arrive(sim, queue, seq);
      next();
    });
  };
  next();
}

function pickQueue(sim: Sim, queues: Queue[], totalShare: number): Queue | undefined {
  let x = sim.rng.next() * totalShare;
  for (const queue of queues) {
    x -= queue.cfg.share;
    if (x < 0) return queue;
  }
  return queues[queues.length - 1];
}

function arrive(sim: Sim, queue: Queue, seq: number): void {
  const b = sim.behaviour;
  const wait = sim.rng.chance(b.impatientShare) ? b.impatientWait : b.patientWait;
  originateCaller(sim, {
    queue,
    callerNum: String(5_560_000 + seq),
    callerName: `Customer ${seq}`,
    maxWait: sim.rng.chance(b.maxWaitShare) ? b.maxWait : 0,
    target: [
      ['Application', 'Wait'],
      ['Data', '3600'],
    ],
    patience: sim.rng.uniform(wait[0], wait[1]),
  });
}

export function startPauses(sim: Sim): void {
  if (sim.behaviour.pauseEvery <= 0) return;
  for (const agent of sim.agents.values()) schedulePause(sim, agent);
}

function schedulePause(sim: Sim, agent: Agent): void {
  const b = sim.behaviour;
  agent.pauseTimer = sim.sched.after(sim.rng.exp(b.pauseEvery * 1000), () => {
    const memberships = membershipsOf(sim, agent);
    const idle = memberships.filter((m) => !m.paused);
    if (idle.length === 0) return schedulePause(sim, agent);
    const reason = sim.rng.pick(b.pauseReasons);
    const queue = sim.rng.chance(b.pauseAllQueuesShare) ? '' : sim.rng.pick(idle).queue.cfg.name;
    pauseMember(sim, agent.iface, queue, true, reason);
    const duration = sim.rng.uniform(b.pauseDuration[0], b.pauseDuration[1]) * 1000;
    agent.pauseTimer = sim.sched.after(duration, () => {
      pauseMember(sim, agent.iface, queue, false, '');
      schedulePause(sim, agent);
    });
  });
}

/** Pauses or unpauses (one queue, or all of the agent's queues when `queue` is empty); an unpaused member is offered waiting callers at once. */
export function pauseMember(sim: Sim, iface: string, queue: string, paused: boolean, reason: string): boolean {
  if (!setPaused(sim, iface, queue, paused, reason)) return false;
  const agent = sim.agents.get(iface);
  if (!paused && agent) for (const member of membershipsOf(sim, agent)) distribute(sim, member.queue);
  return true;
}
