/**
 * Calls to outside numbers, as a callback makes them: an Originate rings a phone into a dialplan context at a public
 * number (`Context`/`Exten`, no Application). The phone answers (a known phone) or rings out (OriginateResponse
 * Failure, Reason 3); once it answers, the dialplan's Dial creates the trunk channel, linked to the phone's, which
 * answers, is busy or rings out as the outside world decides (`busy` and `silent` numbers), with DialBegin/DialEnd,
 * Newstate and Hangup causes as Asterisk reports them (16 normal clearing, 17 busy, 19 no answer).
 */
import { channelFields, event } from '../events.ts';
import type { Fields } from '../framing.ts';
import type { Sim } from './sim.ts';
import type { Channel } from './types.ts';

export interface OutsideOriginate {
  /** The phone dialled first, e.g. `PJSIP/2005`. */
  device: string;
  context: string;
  /** The outside number. */
  exten: string;
  channelId: string | undefined;
  actionId: string | undefined;
  /** How long an unanswered phone rings (the Originate's `Timeout`). */
  timeoutMs: number;
}

/** How the outside world answers a number. */
export interface OutsideWorld {
  /** Numbers that are busy. */
  busy: ReadonlySet<string>;
  /** Numbers that ring without answer. */
  silent: ReadonlySet<string>;
}

const RING_MS = 3_000;
const NO_ANSWER_MS = 20_000;
const TALK_MS = 30_000;
const TRUNK = 'PJSIP/trunk';

function originateResponse(o: OutsideOriginate, success: boolean, channel: string, uniqueid: string): Fields {
  return [
    ...(o.actionId ? ([['ActionID', o.actionId]] as Fields) : []),
    ['Response', success ? 'Success' : 'Failure'],
    ['Channel', channel],
    ['Context', o.context],
    ['Exten', o.exten],
    // 4: answered; 3: no answer (the phone rang out).
    ['Reason', success ? '4' : '3'],
    ['Uniqueid', uniqueid],
    ['CallerIDNum', '<unknown>'],
    ['CallerIDName', '<unknown>'],
  ];
}

/** Rings the phone; once it answers, the dialplan dials the number on the trunk. */
export function originateOutside(sim: Sim, world: OutsideWorld, o: OutsideOriginate): void {
  if (!sim.phones.has(o.device)) {
    sim.sched.after(o.timeoutMs, () =>
      sim.hub.emit(event('OriginateResponse', 'call', originateResponse(o, false, o.device, '<null>'))),
    );
    return;
  }
  const phone = sim.channels.createDevice(o.device, {
    ...(o.channelId ? { uniqueid: o.channelId } : {}),
    context: o.context,
    exten: o.exten,
    connectedNum: o.exten,
  });
  sim.channels.answer(phone);
  sim.hub.emit(event('OriginateResponse', 'call', originateResponse(o, true, phone.name, phone.uniqueid)));
  dial(sim, world, phone, o.exten);
}

function dial(sim: Sim, world: OutsideWorld, phone: Channel, number: string): void {
  phone.application = 'Dial';
  phone.appData = `${TRUNK}/${number},60`;
  const trunk = sim.channels.createDevice(TRUNK, {
    linkedid: phone.linkedid,
    callerNum: number,
    connectedNum: phone.callerNum,
    context: 'from-trunk',
    exten: number,
  });
  const dialEvent = (name: string, tail: Fields) =>
    event(name, 'call', channelFields(phone), channelFields(trunk, 'Dest'), tail);
  sim.hub.emit(dialEvent('DialBegin', [['DialString', `trunk/${number}`]]));
  const end = (status: string, cause: number) => {
    sim.hub.emit(dialEvent('DialEnd', [['DialStatus', status]]));
    sim.channels.hangup(trunk, cause);
    sim.channels.hangup(phone, 16);
  };
  if (world.busy.has(number)) {
    sim.sched.after(1_000, () => end('BUSY', 17));
  } else if (world.silent.has(number)) {
    sim.sched.after(NO_ANSWER_MS, () => end('NOANSWER', 19));
  } else {
    sim.sched.after(RING_MS, () => {
      sim.channels.answer(trunk);
      sim.hub.emit(dialEvent('DialEnd', [['DialStatus', 'ANSWER']]));
      sim.sched.after(TALK_MS, () => {
        sim.channels.hangup(trunk, 16);
        sim.channels.hangup(phone, 16);
      });
    });
  }
}
