/** A caller's life before an agent answers: origination, joining the queue, hanging up, MAXWAIT timeout. */
import { channelFields, event, hangupRequest, varSet } from '../events.ts';
import type { Fields } from '../framing.ts';
import { agentHangsUp, callerHangsUp } from './calls.ts';
import { cancelRing, distribute, releasePair, ringNoAnswer } from './ringing.ts';
import { secondsSince, type Sim } from './sim.ts';
import { leaveQueue } from './waiting.ts';
import { recordAbandoned } from './stats.ts';
import type { Caller, Queue } from './types.ts';

/** Delay between the caller's `;2` answering and `Queue()` starting (NoOp, Answer), as recorded. */
const JOIN_AFTER_MS = 500;

export interface OriginateOptions {
  queue: Queue;
  callerNum: string;
  callerName: string;
  /** Seconds (0 = none): `Queue(…,,,,MAXWAIT)`. */
  maxWait: number;
  /** What the `;1` leg runs once answered: `Application`/`Data` or `Context`/`Exten` of the Originate. */
  target: Fields;
  /** Set for an AMI Originate: its OriginateResponse carries the ActionID. */
  actionId?: string;
  /** Generated callers hang up by themselves after this many seconds of waiting. */
  patience?: number;
}

export function originateCaller(sim: Sim, opts: OriginateOptions): Caller {
  const queueName = opts.queue.cfg.name;
  const pair = sim.channels.createLocal(queueName, 'callers');
  const caller: Caller = {
    kind: 'caller',
    pair,
    queue: opts.queue,
    maxWait: opts.maxWait,
    joinedAt: 0,
    originalPosition: 0,
    state: 'dialplan',
    rings: [],
    nextTryAt: 0,
    timers: [],
    call: undefined,
  };
  sim.owners.set(pair.one.name, caller);
  sim.owners.set(pair.two.name, caller);
  if (opts.maxWait > 0) {
    sim.hub.emit(varSet(pair.one, 'MAXWAIT', String(opts.maxWait)));
    sim.hub.emit(varSet(pair.two, 'MAXWAIT', String(opts.maxWait)));
  }
  sim.channels.setCallerId(pair, opts.callerNum, opts.callerName);
  const app = opts.target.find(([k]) => k === 'Application');
  Object.assign(pair.one, { application: app?.[1] ?? '', appData: opts.target.find(([k]) => k === 'Data')?.[1] ?? '' });
  Object.assign(pair.two, { application: 'Answer' });
  sim.hub.emit(event('DialBegin', 'call', channelFields(pair.one, 'Dest'), [['DialString', `${queueName}@callers`]]));
  sim.channels.answer(pair.two, { priority: 2 });
  sim.channels.answer(pair.one);
  sim.hub.emit(event('DialEnd', 'call', channelFields(pair.one, 'Dest'), [['DialStatus', 'ANSWER']]));
  if (opts.actionId !== undefined) {
    sim.hub.emit(
      event(
        'OriginateResponse',
        'call',
        [
          ['ActionID', opts.actionId],
          ['Response', 'Success'],
          ['Channel', pair.one.name],
        ],
        opts.target,
        [
          ['Reason', '4'],
          ['Uniqueid', pair.one.uniqueid],
          ['CallerIDNum', opts.callerNum],
          ['CallerIDName', opts.callerName],
        ],
      ),
    );
  }
  sim.channels.inUse(pair);
  caller.timers.push(sim.sched.after(JOIN_AFTER_MS, () => join(sim, caller, opts.patience)));
  return caller;
}

function join(sim: Sim, caller: Caller, patience: number | undefined): void {
  const queue = caller.queue;
  const name = queue.cfg.name;
  caller.timers = [];
  caller.state = 'waiting';
  caller.joinedAt = sim.sched.now();
  Object.assign(caller.pair.two, {
    priority: 3,
    application: 'Queue',
    appData: `${name},,,,${caller.maxWait > 0 ? caller.maxWait : ''}`,
  });
  queue.callers.push(caller);
  caller.originalPosition = queue.callers.length;
  if (queue.callers.length === 1) sim.devices.set(`Queue:${name}`, 'RINGING');
  sim.hub.emit(
    event('QueueCallerJoin', 'agent', channelFields(caller.pair.two), [
      ['Queue', name],
      ['Position', String(caller.originalPosition)],
      ['Count', String(queue.callers.length)],
    ]),
  );
  sim.queueLog?.write(caller.pair.two.uniqueid, name, 'NONE', 'ENTERQUEUE', [
    '',
    caller.pair.two.callerNum,
    caller.originalPosition,
  ]);
  if (caller.maxWait > 0) caller.timers.push(sim.sched.after(caller.maxWait * 1000, () => timeout(sim, caller)));
  if (patience !== undefined) caller.timers.push(sim.sched.after(patience * 1000, () => callerHangup(sim, caller)));
  distribute(sim, queue);
}

/** The caller leaves unanswered: queue_log says ABANDON for a hang-up, EXITWITHTIMEOUT for MAXWAIT. */
function abandon(sim: Sim, caller: Caller, logged: 'ABANDON' | 'EXITWITHTIMEOUT'): void {
  caller.state = 'gone';
  for (const r of [...caller.rings]) cancelRing(sim, r);
  for (const timer of caller.timers) sim.sched.cancel(timer);
  caller.timers = [];
  const queue = caller.queue;
  const waited = secondsSince(sim, caller.joinedAt);
  const position = queue.callers.indexOf(caller) + 1;
  sim.hub.emit(varSet(caller.pair.two, 'ABANDONED', 'TRUE'));
  sim.hub.emit(
    event('QueueCallerAbandon', 'agent', channelFields(caller.pair.two), [
      ['Queue', queue.cfg.name],
      ['Position', String(position)],
      ['OriginalPosition', String(caller.originalPosition)],
      ['HoldTime', String(waited)],
    ]),
  );
  sim.queueLog?.write(caller.pair.two.uniqueid, queue.cfg.name, 'NONE', logged, [
    position,
    caller.originalPosition,
    waited,
  ]);
  recordAbandoned(queue.stats, waited, queue.cfg.servicelevel);
}

/** MAXWAIT expired: app_queue reports an abandon, Queue() returns TIMEOUT and the dialplan hangs up. */
function timeout(sim: Sim, caller: Caller): void {
  const { one, two } = caller.pair;
  abandon(sim, caller, 'EXITWITHTIMEOUT');
  leaveQueue(sim, caller);
  sim.hub.emit(varSet(two, 'QUEUESTATUS', 'TIMEOUT'));
  two.priority = 5;
  sim.hub.emit(hangupRequest('SoftHangupRequest', two, 16));
  sim.hub.emit(hangupRequest('HangupRequest', one, 16));
  sim.channels.hangup(two, 16);
  sim.channels.hangup(one, 16);
  releasePair(sim, caller.pair);
}

/** The caller hangs up (AMI Hangup of either half of its Local channel, or its patience ran out). */
function callerHangup(sim: Sim, caller: Caller): void {
  const { one, two } = caller.pair;
  if (caller.state === 'connected' && caller.call) return callerHangsUp(sim, caller.call);
  if (caller.state === 'gone') return;
  sim.hub.emit(hangupRequest('HangupRequest', two, 0));
  if (caller.state === 'waiting') {
    abandon(sim, caller, 'ABANDON');
    sim.channels.hangup(one, 0);
    leaveQueue(sim, caller);
  } else {
    for (const timer of caller.timers) sim.sched.cancel(timer);
    caller.state = 'gone';
    sim.channels.hangup(one, 0);
  }
  sim.hub.emit(hangupRequest('SoftHangupRequest', two, 16));
  sim.channels.hangup(two, 0);
  releasePair(sim, caller.pair);
}

/** AMI Hangup of a channel by name; false when no such channel exists. */
export function hangupChannel(sim: Sim, name: string): boolean {
  const owner = sim.owners.get(name);
  if (!owner) return false;
  if (owner.kind === 'caller') {
    callerHangup(sim, owner);
    return true;
  }
  const { ring, call } = owner;
  if (call && (call.pair.one.name === name || call.pair.two.name === name)) {
    // Both legs of the bridged member channel leave together when its `;1` goes: app_queue reports the caller.
    if (name === call.pair.one.name) callerHangsUp(sim, call);
    else agentHangsUp(sim, call, 0);
  } else if (ring) {
    ringNoAnswer(sim, ring);
  }
  return true;
}
