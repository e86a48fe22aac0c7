/** Offering waiting callers to members: strategies, ringing, ring-no-answer with retry, cancelled rings. */
import { channelFields, event, hangupRequest } from '../events.ts';
import { canOffer, publishMemberStatus, setAgentState } from './members.ts';
import type { Sim } from './sim.ts';
import type { Caller, Channel, LocalPair, Member, Queue, Ring } from './types.ts';

/**
 * Offers every waiting caller, in queue order, to the members that can take a call (autofill: several callers ring
 * at once when several members are free). Called whenever a caller joins or a member may have become free.
 */
export function distribute(sim: Sim, queue: Queue): void {
  const now = sim.sched.now();
  for (const caller of queue.callers) {
    if (caller.state !== 'waiting' || caller.rings.length > 0 || caller.nextTryAt > now) continue;
    const free = queue.members.filter((m) => canOffer(sim, m));
    if (free.length === 0) return;
    const lowest = Math.min(...free.map((m) => m.penalty));
    for (const member of choose(
      sim,
      queue,
      free.filter((m) => m.penalty === lowest),
    ))
      ring(sim, caller, member);
  }
}

/** Runs `distribute` again at `time` (end of a wrap-up or of a retry pause). */
export function wakeAt(sim: Sim, queue: Queue, time: number): void {
  sim.sched.after(time - sim.sched.now(), () => distribute(sim, queue));
}

function choose(sim: Sim, queue: Queue, free: Member[]): Member[] {
  switch (queue.cfg.strategy) {
    case 'ringall':
      return free;
    case 'random':
      return [sim.rng.pick(free)];
    case 'linear':
      return free.slice(0, 1);
    case 'leastrecent':
      return [free.reduce((a, b) => (b.lastCall < a.lastCall ? b : a))];
    case 'fewestcalls':
      return [free.reduce((a, b) => (b.callsTaken < a.callsTaken ? b : a))];
    case 'rrmemory': {
      // The member after the one rung last, in configuration order.
      const n = queue.members.length;
      for (let step = 1; step <= n; step++) {
        const index = (queue.rrpos + step) % n;
        const member = queue.members[index];
        if (member && free.includes(member)) {
          queue.rrpos = index;
          return [member];
        }
      }
      return [];
    }
  }
}

function ring(sim: Sim, caller: Caller, member: Member): void {
  const { agent } = member;
  const queueName = caller.queue.cfg.name;
  const pair = sim.channels.createLocal(agent.ext, 'agents', caller.pair.one.uniqueid);
  sim.channels.setCallerId(pair, caller.pair.two.callerNum, caller.pair.two.callerName);
  const b = sim.behaviour;
  const answers = !sim.rng.chance(b.noAnswerProbability);
  const delay = sim.rng.uniform(b.answerDelay[0], b.answerDelay[1]);
  // app_queue renames the member leg to the queue's extension; DialBegin still carries the stale snapshot.
  Object.assign(pair.one, { exten: queueName, application: 'AppQueue', appData: '(Outgoing Line)', dialled: true });
  Object.assign(pair.two, {
    priority: answers ? 10 : 24,
    application: 'Wait',
    appData: answers ? String(Math.round(delay)) : '3600',
  });
  sim.owners.set(pair.one.name, agent);
  sim.owners.set(pair.two.name, agent);

  const r: Ring = { caller, member, pair, startedAt: sim.sched.now(), timers: [] };
  const callerLeg = caller.pair.two;
  if (callerLeg.cdrFrom === null) callerLeg.cdrFrom = r.startedAt;
  callerLeg.dialling = pair.one.name;
  caller.rings.push(r);
  agent.ring = r;
  sim.hub.emit(
    event('AgentCalled', 'agent', channelFields(caller.pair.two), channelFields(pair.one, 'Dest'), memberIds(member)),
  );
  sim.hub.emit(
    event(
      'DialBegin',
      'call',
      channelFields(caller.pair.two),
      channelFields(pair.one, 'Dest', { exten: agent.ext, connectedNum: '<unknown>', connectedName: '<unknown>' }),
      [['DialString', agent.iface]],
    ),
  );
  setAgentState(sim, agent, 'RINGING');
  const timeout = caller.queue.cfg.timeout * 1000;
  if (answers && delay * 1000 < timeout) r.timers.push(sim.sched.after(delay * 1000, () => sim.connect(r)));
  r.timers.push(sim.sched.after(timeout, () => ringNoAnswer(sim, r)));
}

export function memberIds(member: Member): [string, string][] {
  return [
    ['Queue', member.queue.cfg.name],
    ['Interface', member.agent.iface],
    ['MemberName', member.name],
  ];
}

/** The member did not answer within the queue's timeout (or rejected the call): try again after `retry`. */
export function ringNoAnswer(sim: Sim, r: Ring): void {
  const ringTime = sim.sched.now() - r.startedAt;
  sim.hub.emit(
    event(
      'AgentRingNoAnswer',
      'agent',
      channelFields(r.caller.pair.two),
      channelFields(r.pair.one, 'Dest'),
      memberIds(r.member),
      [['RingTime', String(Math.round(ringTime))]],
    ),
  );
  sim.queueLog?.write(r.caller.pair.two.uniqueid, r.member.queue.cfg.name, r.member.name, 'RINGNOANSWER', [
    Math.round(ringTime),
  ]);
  dialEnd(sim, r, 'NOANSWER');
  endRing(sim, r);
  const { caller } = r;
  if (caller.rings.length === 0) {
    rangOut(caller.pair.two, r.pair.one.name, sim.sched.now());
    caller.nextTryAt = sim.sched.now() + caller.queue.cfg.retry * 1000;
    wakeAt(sim, caller.queue, caller.nextTryAt);
  }
  offerAgentElsewhere(sim, r);
}

/** The caller's last dial rang out: Asterisk ends its CDR there, NO ANSWER, and begins one at the next dial. */
function rangOut(callerLeg: Channel, member: string, now: number): void {
  const record = { start: callerLeg.cdrFrom ?? callerLeg.created, end: now, peer: member, unansweredDial: true };
  callerLeg.cdrs = [...(callerLeg.cdrs ?? []), record];
  callerLeg.cdrFrom = null;
  callerLeg.dialling = undefined;
}

/** Another member answered, or the caller left: the ring ends without a no-answer. */
export function cancelRing(sim: Sim, r: Ring): void {
  endRing(sim, r);
  offerAgentElsewhere(sim, r);
}

export function dialEnd(sim: Sim, r: Ring, status: 'ANSWER' | 'NOANSWER' | 'CANCEL'): void {
  sim.hub.emit(
    event('DialEnd', 'call', channelFields(r.caller.pair.two), channelFields(r.pair.one, 'Dest'), [
      ['DialStatus', status],
    ]),
  );
}

/** Tears down the member's Local channel of a ring that was not answered. */
function endRing(sim: Sim, r: Ring): void {
  for (const timer of r.timers) sim.sched.cancel(timer);
  r.caller.rings = r.caller.rings.filter((x) => x !== r);
  r.member.agent.ring = undefined;
  dialEnd(sim, r, 'CANCEL');
  const { one, two } = r.pair;
  sim.hub.emit(hangupRequest('HangupRequest', two, 0));
  sim.channels.hangup(one, 0);
  sim.hub.emit(hangupRequest('SoftHangupRequest', two, 16));
  setAgentState(sim, r.member.agent, 'NOT_INUSE', false);
  Object.assign(two, { exten: 'h', priority: 2 });
  sim.channels.hangup(two, 0);
  publishMemberStatus(sim, r.member.agent);
  releasePair(sim, r.pair);
}

export function releasePair(sim: Sim, pair: LocalPair): void {
  sim.owners.delete(pair.one.name);
  sim.owners.delete(pair.two.name);
  sim.channels.released(pair);
}

/** A member freed from a ring may take another waiting caller in any of its queues. */
function offerAgentElsewhere(sim: Sim, r: Ring): void {
  for (const queue of sim.queues.values()) {
    if (queue.members.some((m) => m.agent === r.member.agent)) distribute(sim, queue);
  }
}
