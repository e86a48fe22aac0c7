/** A connected queue call: answer, bridge, and its end by the caller or by the agent. */
import { bridgeEvent, channelFields, event, hangupRequest, varSet } from '../events.ts';
import { membershipsOf, publishMemberStatus, setAgentState, wrapupEnd } from './members.ts';
import { cancelRing, dialEnd, distribute, memberIds, releasePair, wakeAt } from './ringing.ts';
import { seconds, secondsSince, type Sim } from './sim.ts';
import { recordCompleted, recordConnect } from './stats.ts';
import type { Call, Ring } from './types.ts';
import { leaveQueue } from './waiting.ts';

/** Delay between the agent answering and its dialplan setting the custom device state to INUSE (as recorded). */
const INUSE_AFTER_MS = 500;

export function connect(sim: Sim, r: Ring): void {
  const { caller, member, pair } = r;
  const { agent } = member;
  const queue = caller.queue;
  const now = sim.sched.now();
  caller.state = 'connected';
  for (const timer of r.timers) sim.sched.cancel(timer);
  caller.rings = caller.rings.filter((x) => x !== r);
  for (const other of [...caller.rings]) cancelRing(sim, other);
  agent.ring = undefined;

  sim.channels.answer(pair.one);
  sim.channels.answer(pair.two, { priority: 11 });
  dialEnd(sim, r, 'ANSWER');
  sim.channels.inUse(pair);
  sim.hub.emit(varSet(caller.pair.two, 'MEMBERINTERFACE', agent.iface));
  sim.hub.emit(varSet(caller.pair.two, 'MEMBERNAME', member.name));
  leaveQueue(sim, caller);

  const holdTime = secondsSince(sim, caller.joinedAt);
  const ringTime = secondsSince(sim, r.startedAt);
  sim.hub.emit(
    event('AgentConnect', 'agent', channelFields(caller.pair.two), channelFields(pair.one, 'Dest'), memberIds(member), [
      ['HoldTime', String(holdTime)],
      ['RingTime', String(ringTime)],
    ]),
  );
  recordConnect(queue.stats, holdTime);
  sim.queueLog?.write(caller.pair.two.uniqueid, queue.cfg.name, member.name, 'CONNECT', [
    holdTime,
    pair.one.uniqueid,
    ringTime,
  ]);

  const bridgeId = sim.rng.uuid();
  sim.hub.emit(bridgeEvent('BridgeCreate', bridgeId, 0));
  pair.one.bridgeId = bridgeId;
  caller.pair.two.bridgeId = bridgeId;
  caller.pair.two.peer = pair.one.name;
  sim.hub.emit(bridgeEvent('BridgeEnter', bridgeId, 1, pair.one));
  sim.hub.emit(bridgeEvent('BridgeEnter', bridgeId, 2, caller.pair.two));
  sim.hub.emit(varSet(pair.one, 'BRIDGEPEER', caller.pair.two.name));
  sim.hub.emit(varSet(caller.pair.two, 'BRIDGEPEER', pair.one.name));
  Object.assign(pair.two, { priority: 18, appData: '3600' });

  const call: Call = {
    caller,
    member,
    pair,
    bridgeId,
    connectedAt: now,
    holdTime,
    inServiceLevel: holdTime <= queue.cfg.servicelevel,
    timers: [],
  };
  for (const timer of caller.timers) sim.sched.cancel(timer);
  caller.timers = [];
  caller.call = call;
  agent.call = call;
  member.inCall = true;

  const b = sim.behaviour;
  const talkMs = sim.rng.uniform(b.talkTime[0], b.talkTime[1]) * 1000;
  const byAgent = sim.rng.chance(b.agentHangupProbability);
  call.timers.push(sim.sched.after(INUSE_AFTER_MS, () => setAgentState(sim, agent, 'INUSE')));
  call.timers.push(sim.sched.after(talkMs, () => (byAgent ? agentHangsUp(sim, call, 16) : callerHangsUp(sim, call))));
}

/** AgentComplete and the counters it closes (Completed, TalkTime, CallsTaken, LastCall). */
function complete(sim: Sim, call: Call, reason: 'caller' | 'agent'): void {
  const { caller, member, pair } = call;
  const talkTime = secondsSince(sim, call.connectedAt);
  for (const timer of call.timers) sim.sched.cancel(timer);
  member.inCall = false;
  member.callsTaken++;
  member.lastCall = seconds(sim.sched.now());
  member.agent.lastCallEnd = sim.sched.now();
  member.agent.call = undefined;
  caller.state = 'gone';
  recordCompleted(caller.queue.stats, talkTime, call.inServiceLevel);
  sim.queueLog?.write(
    caller.pair.two.uniqueid,
    caller.queue.cfg.name,
    member.name,
    reason === 'caller' ? 'COMPLETECALLER' : 'COMPLETEAGENT',
    [call.holdTime, talkTime, caller.originalPosition],
  );
  sim.hub.emit(
    event(
      'AgentComplete',
      'agent',
      channelFields(caller.pair.two),
      channelFields(pair.one, 'Dest'),
      memberIds(member),
      [
        ['HoldTime', String(call.holdTime)],
        ['TalkTime', String(talkTime)],
        ['Reason', reason],
      ],
    ),
  );
}

/** The caller hangs up a connected call (AMI Hangup of the caller's `;1`, or the end of the talk time). */
export function callerHangsUp(sim: Sim, call: Call): void {
  const { caller, pair: agentPair, bridgeId } = call;
  const { one, two } = caller.pair;
  sim.hub.emit(hangupRequest('HangupRequest', two, 0));
  sim.channels.hangup(one, 0);
  complete(sim, call, 'caller');
  sim.hub.emit(varSet(two, 'BRIDGEPEER', ''));
  sim.hub.emit(varSet(agentPair.one, 'BRIDGEPEER', ''));
  sim.hub.emit(bridgeEvent('BridgeLeave', bridgeId, 1, two));
  sim.hub.emit(bridgeEvent('BridgeLeave', bridgeId, 0, agentPair.one));
  sim.hub.emit(hangupRequest('HangupRequest', agentPair.two, 16));
  sim.channels.hangup(agentPair.one, 16);
  sim.hub.emit(hangupRequest('SoftHangupRequest', agentPair.two, 16));
  sim.hub.emit(bridgeEvent('BridgeDestroy', bridgeId, 0));
  sim.hub.emit(hangupRequest('SoftHangupRequest', two, 16));
  sim.channels.hangup(two, 16);
  releasePair(sim, agentPair);
  releasePair(sim, caller.pair);
  setAgentState(sim, call.member.agent, 'NOT_INUSE');
  Object.assign(agentPair.two, { exten: 'h', priority: 2 });
  sim.channels.hangup(agentPair.two, 16);
  afterCall(sim, call);
}

/**
 * The agent's leg hangs up: cause 16 when the agent dialplan ends the call, 0 for an AMI Hangup of the agent's `;2`.
 */
export function agentHangsUp(sim: Sim, call: Call, cause: 0 | 16): void {
  const { caller, pair: agentPair, bridgeId, member } = call;
  const { one, two } = caller.pair;
  Object.assign(agentPair.two, { priority: cause === 16 ? 17 : 18 });
  sim.hub.emit(hangupRequest('SoftHangupRequest', agentPair.two, 16));
  setAgentState(sim, member.agent, 'NOT_INUSE', false);
  sim.hub.emit(hangupRequest('HangupRequest', agentPair.one, cause));
  Object.assign(agentPair.two, { exten: 'h', priority: 2 });
  sim.channels.hangup(agentPair.two, cause);
  sim.hub.emit(varSet(agentPair.one, 'BRIDGEPEER', ''));
  sim.hub.emit(varSet(two, 'BRIDGEPEER', ''));
  complete(sim, call, 'agent');
  publishMemberStatus(sim, member.agent);
  sim.hub.emit(bridgeEvent('BridgeLeave', bridgeId, 1, agentPair.one));
  sim.channels.hangup(agentPair.one, 16);
  sim.hub.emit(bridgeEvent('BridgeLeave', bridgeId, 0, two));
  sim.hub.emit(bridgeEvent('BridgeDestroy', bridgeId, 0));
  sim.hub.emit(hangupRequest('SoftHangupRequest', two, 16));
  sim.hub.emit(hangupRequest('HangupRequest', one, 16));
  sim.channels.hangup(two, 16);
  sim.channels.hangup(one, 16);
  releasePair(sim, agentPair);
  releasePair(sim, caller.pair);
  afterCall(sim, call);
}

/** The member is offered calls again once its wrap-up is over, in every queue it belongs to. */
function afterCall(sim: Sim, call: Call): void {
  for (const member of membershipsOf(sim, call.member.agent)) {
    const end = wrapupEnd(member);
    if (end > sim.sched.now()) wakeAt(sim, member.queue, end);
    else distribute(sim, member.queue);
  }
}
