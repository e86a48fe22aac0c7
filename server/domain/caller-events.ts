import { withinServiceLevel } from '../contract/figures.ts';
import type { Calls } from './calls.ts';
import type { Draft } from './draft.ts';
import type { ExitOutcome, RingAttempt } from './facts.ts';
import { int, text } from './field-reads.ts';
import type { AmiFields } from './input.ts';
import type { Queue, QueueCall, QueueCounters } from './state.ts';

/**
 * A caller's way through a queue: join, ring members, leave, then either connect and complete, or exit unanswered.
 *
 * AMI does not say why an unanswered caller left. app_queue sends QueueCallerAbandon for a hang-up, a MAXWAIT timeout,
 * a withdrawal and an empty-queue exit alike, and nothing at all for an exit by key. What tells them apart is around
 * it: a hang-up request on the caller's channel comes before the abandon; otherwise the channel lives on and app_queue
 * sets QUEUESTATUS (TIMEOUT, WITHDRAW, LEAVEEMPTY...) right after the leave. So a leave is held as `leaving` until the
 * next event on that channel decides it.
 */

function callerFields(fields: AmiFields) {
  return {
    id: text(fields, 'uniqueid'),
    channel: text(fields, 'channel'),
    queue: text(fields, 'queue'),
    callerIdNum: text(fields, 'calleridnum'),
    callerIdName: text(fields, 'calleridname'),
    dialled: text(fields, 'exten'),
  };
}

export function callerJoined(draft: Draft, fields: AmiFields): void {
  const caller = callerFields(fields);
  const queue = caller.id ? draft.listedQueue(fields) : undefined;
  if (!queue) return;
  const position = int(fields, 'position', 1);
  const existing = draft.call(caller.id);
  // Those at its position or behind move back one, as app_queue renumbers them.
  draft.joinLine(
    {
      ...caller,
      joinedAt: draft.at,
      joinPosition: position,
      joinMembers: queue.members.size,
      attempts: [],
      state: 'waiting',
      ringing: [],
      hangupRequested: false,
      pressedKey: false,
    },
    position,
  );
  // A join we already knew (a resync that raced the event) is not a second caller.
  if (existing) return;
  draft.count(caller.queue, { joined: 1 });
  draft.fact({ kind: 'joined', at: draft.at, queue: caller.queue, callId: caller.id });
}

export function agentCalled(draft: Draft, fields: AmiFields): void {
  const call = draft.call(text(fields, 'uniqueid'));
  const iface = text(fields, 'interface');
  if (!call || !iface || call.ringing.includes(iface)) return;
  const attempt: RingAttempt = {
    agent: iface,
    agentName: text(fields, 'membername'),
    startedAt: draft.at,
    ringSec: null,
    result: 'ringing',
  };
  draft.putCall({ ...call, ringing: [...call.ringing, iface], attempts: [...call.attempts, attempt] });
}

/** The member did not answer in time (RingTime in ms); the caller keeps waiting. */
export function agentRingNoAnswer(draft: Draft, fields: AmiFields): void {
  if (!draft.listedQueue(fields)) return;
  const queueName = text(fields, 'queue');
  const iface = text(fields, 'interface');
  const ringSec = Math.round(int(fields, 'ringtime') / 1000);
  const callId = text(fields, 'uniqueid');
  endRinging(draft, callId, iface, 'noAnswer', ringSec);
  draft.count(queueName, { ringNoAnswer: 1 });
  draft.fact({ kind: 'ringNoAnswer', at: draft.at, queue: queueName, callId, agent: iface, ringSec });
  // The start from the event itself, so that a ring whose start we did not see (a resync since) is timed all the same.
  rang(draft, queueName, callId, iface, draft.at - int(fields, 'ringtime'), 'noAnswer');
  const member = draft.queue(queueName)?.members.get(iface);
  if (member) draft.putMember({ ...member, missed: member.missed + 1 });
}

/** AgentDump: the member hung up while being rung. */
export function agentDumped(draft: Draft, fields: AmiFields): void {
  const iface = text(fields, 'interface');
  const open = endRinging(draft, text(fields, 'uniqueid'), iface, 'noAnswer', null);
  if (open) rang(draft, open.queue, open.id, iface, open.startedAt, 'noAnswer');
}

/** Ends a member's ring; returns the call and when that ring started, or null when we did not see it ring. */
function endRinging(
  draft: Draft,
  id: string,
  iface: string,
  result: RingAttempt['result'],
  ringSec: number | null,
): { queue: string; id: string; startedAt: number } | null {
  const call = draft.call(id);
  if (!call?.ringing.includes(iface)) return null;
  const startedAt = call.attempts.findLast((a) => a.agent === iface && a.result === 'ringing')?.startedAt ?? draft.at;
  draft.putCall({
    ...call,
    ringing: call.ringing.filter((r) => r !== iface),
    attempts: settleAttempt(call.attempts, iface, result, ringSec ?? secondsSince(draft, call.attempts, iface)),
  });
  return { queue: call.queue, id: call.id, startedAt };
}

function rang(
  draft: Draft,
  queue: string,
  callId: string,
  agent: string,
  startedAt: number,
  result: Exclude<RingAttempt['result'], 'ringing'>,
): void {
  draft.fact({ kind: 'rang', at: draft.at, queue, callId, agent, startedAt, result });
}

/** Rings still open when the call leaves them (another member answered, the caller left) are cancelled. */
function cancelRinging(
  draft: Draft,
  call: Pick<QueueCall, 'queue' | 'id'>,
  attempts: readonly RingAttempt[],
): RingAttempt[] {
  return attempts.map((a) => {
    if (a.result !== 'ringing') return a;
    rang(draft, call.queue, call.id, a.agent, a.startedAt, 'cancelled');
    return { ...a, result: 'cancelled', ringSec: Math.max(0, Math.round((draft.at - a.startedAt) / 1000)) };
  });
}

/** The open attempt of a member gets its result; the others are unchanged. */
function settleAttempt(
  attempts: readonly RingAttempt[],
  iface: string,
  result: RingAttempt['result'],
  ringSec: number,
): readonly RingAttempt[] {
  const index = attempts.findLastIndex((a) => a.agent === iface && a.result === 'ringing');
  if (index < 0) return attempts;
  return attempts.map((a, i) => (i === index ? { ...a, result, ringSec } : a));
}

function secondsSince(draft: Draft, attempts: readonly RingAttempt[], iface: string): number {
  const open = attempts.findLast((a) => a.agent === iface && a.result === 'ringing');
  return open ? Math.max(0, Math.round((draft.at - open.startedAt) / 1000)) : 0;
}

export function callerAbandoned(draft: Draft, fields: AmiFields): void {
  const call = draft.call(text(fields, 'uniqueid'));
  const queueName = text(fields, 'queue');
  const holdSec = int(fields, 'holdtime');
  const queue = draft.listedQueue(fields);
  if (!queue) return;
  draft.count(queueName, {
    asteriskAbandoned: 1,
    asteriskAbandonedWithinSl: withinServiceLevel(holdSec, queue.serviceLevelSec) ? 1 : 0,
  });
  if (!call) return;
  const withHold = { ...call, abandonHoldSec: holdSec };
  if (call.hangupRequested) finish(draft, withHold, 'abandoned');
  else draft.putCall(withHold);
}

export function callerLeft(draft: Draft, fields: AmiFields): void {
  const call = draft.call(text(fields, 'uniqueid'));
  if (!call || call.state !== 'waiting') return;
  draft.leaveLine(call.id);
  draft.putCall({ ...call, state: 'leaving', ringing: [] });
}

export function agentConnected(draft: Draft, fields: AmiFields): void {
  const caller = callerFields(fields);
  const queue = caller.id ? draft.listedQueue(fields) : undefined;
  if (!queue) return;
  const known = draft.call(caller.id);
  const holdSec = int(fields, 'holdtime');
  const iface = text(fields, 'interface');
  const agentName = text(fields, 'membername');
  if (known?.state === 'waiting') draft.leaveLine(known.id);
  const attempts = known?.attempts ?? [];
  const ringSec = int(fields, 'ringtime');
  draft.putCall({
    ...caller,
    joinedAt: known?.joinedAt ?? draft.at - holdSec * 1000,
    joinPosition: known?.joinPosition ?? 0,
    ...(known?.joinMembers !== undefined && { joinMembers: known.joinMembers }),
    attempts: cancelRinging(
      draft,
      { queue: caller.queue, id: caller.id },
      attempts.some((a) => a.agent === iface && a.result === 'ringing')
        ? settleAttempt(attempts, iface, 'answered', ringSec)
        : [...attempts, { agent: iface, agentName, startedAt: draft.at - ringSec * 1000, ringSec, result: 'answered' }],
    ),
    state: 'connected',
    ringing: [],
    hangupRequested: false,
    pressedKey: false,
    agent: iface,
    agentName,
    answeredAt: draft.at,
    holdSec,
    agentCallsAtConnect: callsTakenByQueue(draft.allQueues(), iface),
  });
  countAnswered(draft, caller.queue, caller.id, iface, holdSec);
  rang(draft, caller.queue, caller.id, iface, draft.at - ringSec * 1000, 'answered');
}

/** An answer: the queue's and the member's counts and the fact. */
function countAnswered(draft: Draft, queueName: string, callId: string, agent: string, holdSec: number): void {
  const queue = draft.queue(queueName);
  draft.count(queueName, {
    answered: 1,
    answeredWithinSl: queue && withinServiceLevel(holdSec, queue.serviceLevelSec) ? 1 : 0,
    holdSecAnswered: holdSec,
  });
  draft.fact({ kind: 'answered', at: draft.at, queue: queueName, callId, agent, holdSec });
  const member = queue?.members.get(agent);
  if (member) draft.putMember({ ...member, answered: member.answered + 1 });
}

/** The connected call ended (either side hung up, or it was transferred away). */
export function agentCompleted(draft: Draft, fields: AmiFields): void {
  const queueName = text(fields, 'queue');
  const holdSec = int(fields, 'holdtime');
  const talkSec = int(fields, 'talktime');
  const reason = text(fields, 'reason');
  if (!draft.listedQueue(fields)) return;
  const iface = text(fields, 'interface');
  // After a Redirect of the agent leg the caller's fields can be missing: find the call by its agent instead.
  const call =
    draft.call(text(fields, 'uniqueid')) ??
    draft
      .allCalls()
      .connectedTo(iface)
      .find((c) => c.queue === queueName);
  // AgentComplete's HoldTime is exact even for a call first seen in a resync list.
  const end = { queue: queueName, agent: iface, holdSec, talkSec, reason, endReason: reason };
  if (call) completeCall(draft, call, { ...end, agentName: call.agentName ?? text(fields, 'membername') });
  else completeCall(draft, { id: text(fields, 'uniqueid') }, end);
}

interface CallEnd {
  readonly queue: string;
  readonly agent: string;
  readonly agentName?: string;
  readonly holdSec: number;
  readonly talkSec: number;
  /** AgentComplete's Reason; the record's endReason (null: not known). */
  readonly reason: string;
  readonly endReason: string | null;
}

/** A completion: the queue's and member's figures, the fact and, for a call we held, its record; it is forgotten. */
function completeCall(draft: Draft, call: QueueCall | Pick<QueueCall, 'id'>, end: CallEnd): void {
  const { queue, agent, holdSec, talkSec, reason } = end;
  const serviceLevelSec = draft.queue(queue)?.serviceLevelSec ?? 0;
  draft.count(queue, {
    talkSec,
    transferred: reason === 'transfer' ? 1 : 0,
    asteriskCompleted: 1,
    asteriskCompletedWithinSl: withinServiceLevel(holdSec, serviceLevelSec) ? 1 : 0,
  });
  const held = 'state' in call ? call : undefined;
  countCompletedCall(draft, queue, agent, talkSec, held?.agentCallsAtConnect ?? {});
  draft.fact({ kind: 'completed', at: draft.at, queue, callId: call.id, agent, talkSec, reason });
  if (!held) return;
  draft.removeCall(held.id);
  draft.fact({
    kind: 'callEnded',
    at: draft.at,
    record: {
      ...recordBase(held),
      waitSec: holdSec,
      outcome: 'answered',
      answeredAt: held.answeredAt ?? null,
      agent,
      agentName: end.agentName ?? '',
      talkSec,
      endReason: end.endReason,
      endedAt: draft.at,
    },
  });
}

/**
 * After a resync: what became of the calls we held while no events came (a cut AMI link, a lease taken over, an
 * Asterisk restart). AMI keeps no events for us, so each is settled once with what the lists tell: a waiting caller
 * now listed as talking was answered (its wait up to the agent's channel); a talking caller no longer listed ended; a
 * waiting caller no longer listed left in a way we cannot tell. Those two are timed up to `lastHeard`, the last moment
 * we knew them going on (when the link went down), so that a long outage does not become a long call. `held` are the
 * calls before the resync, `listed` the calls after it. Statistics count each step of a call once, so a step the
 * previous lease holder had already counted is not counted again.
 */
export function settleUnseen(draft: Draft, held: Calls, listed: Calls, lastHeard: number): void {
  for (const call of held.values()) {
    const now = listed.get(call.id);
    // Answered while we were not listening: counted as AgentConnect would have been.
    if (call.state === 'waiting' && now?.state === 'connected')
      countAnswered(draft, now.queue, now.id, now.agent ?? '', now.holdSec ?? 0);
    else if (now) continue;
    else if (call.state === 'connected' && call.agent !== undefined) {
      completeCall(draft, call, {
        queue: call.queue,
        agent: call.agent,
        ...(call.agentName !== undefined && { agentName: call.agentName }),
        holdSec: call.holdSec ?? 0,
        talkSec: Math.max(0, Math.floor((lastHeard - (call.answeredAt ?? lastHeard)) / 1000)),
        reason: '',
        endReason: null,
      });
    }
    // Positions are the list's: the caller is settled as one who already left the waiting list.
    else if (call.state === 'waiting') settleLeaving(draft, { ...call, state: 'leaving' }, lastHeard);
  }
}

function recordBase(call: QueueCall) {
  return {
    id: call.id,
    queue: call.queue,
    callerIdNum: call.callerIdNum,
    callerIdName: call.callerIdName,
    dialled: call.dialled,
    joinedAt: call.joinedAt,
    position: call.joinPosition,
    ...(call.joinMembers !== undefined && { members: call.joinMembers }),
    attempts: call.attempts,
  };
}

export function callsTakenByQueue(queues: Readonly<Record<string, Queue>>, iface: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const queue of Object.values(queues)) {
    const member = queue.members.get(iface);
    if (member) counts[queue.name] = member.callsTaken;
  }
  return counts;
}

/**
 * app_queue counts a member's call (CallsTaken, LastCall) when it ends. With `shared_lastcall` it counts it in every
 * queue the member is in, yet sends a member event only for this one; the reducer does the same once it has seen
 * Asterisk do it (see memberUpdated), so member figures match QueueStatus between events too.
 */
function countCompletedCall(
  draft: Draft,
  queueName: string,
  iface: string,
  talkSec: number,
  callsAtConnect: Readonly<Record<string, number>>,
): void {
  const lastCall = Math.floor(draft.at / 1000);
  for (const queue of Object.values(draft.allQueues())) {
    const member = queue.members.get(iface);
    if (!member) continue;
    const own = queue.name === queueName;
    // A member event may have carried the new count already (the agent's leg hung up first).
    const counted = member.callsTaken > (callsAtConnect[queue.name] ?? member.callsTaken);
    const next =
      counted || (!own && !draft.sharedLastCall())
        ? member
        : { ...member, callsTaken: member.callsTaken + 1, lastCall };
    if (own) draft.putMember({ ...next, inCall: false, talkSec: member.talkSec + talkSec });
    else if (next !== member) draft.putMember(next);
  }
}

const OUTCOME_COUNTER: Record<ExitOutcome, keyof QueueCounters> = {
  abandoned: 'abandoned',
  timedOut: 'timedOut',
  exitedEmpty: 'exitedEmpty',
  exitedWithKey: 'exitedWithKey',
  withdrawn: 'withdrawn',
  left: 'left',
};

/** An unanswered caller's exit is decided: count it once, record it and forget the call (waited until `left`). */
export function finish(draft: Draft, call: QueueCall, outcome: ExitOutcome, left = draft.at): void {
  if (call.state === 'waiting') draft.leaveLine(call.id);
  const holdSec = call.abandonHoldSec ?? Math.max(0, Math.floor((left - call.joinedAt) / 1000));
  draft.count(call.queue, { [OUTCOME_COUNTER[outcome]]: 1 });
  draft.removeCall(call.id);
  draft.fact({ kind: 'exited', at: draft.at, queue: call.queue, callId: call.id, outcome, holdSec });
  draft.fact({
    kind: 'callEnded',
    at: draft.at,
    record: {
      ...recordBase(call),
      attempts: cancelRinging(draft, call, call.attempts),
      waitSec: holdSec,
      outcome,
      answeredAt: null,
      agent: null,
      agentName: null,
      talkSec: null,
      endReason: null,
      endedAt: draft.at,
    },
  });
}

/**
 * A leaving caller whose exit no QUEUESTATUS explained: with an abandon event it was an abandon (the channel went
 * away), without one the caller left by key when they had pressed one.
 */
export function settleLeaving(draft: Draft, call: QueueCall, lastHeard = draft.at): void {
  if (call.abandonHoldSec !== undefined) finish(draft, call, 'abandoned');
  else finish(draft, call, call.pressedKey ? 'exitedWithKey' : 'left', lastHeard);
}
