/**
 * Call monitoring as Asterisk's app_chanspy does it (traces 07 and 15): an Originate rings a phone with the
 * Application ChanSpy; the phone answers and ChanSpy looks for a channel whose name starts with its prefix (with `b`:
 * only a bridged one). While there is none it waits silently (no event); once it attaches it reports ChanSpyStart, and
 * ChanSpyStop when either side goes; with `E` the spying channel hangs up with the spied one, otherwise it looks again.
 */
import { channelFields, event } from '../events.ts';
import type { Fields } from '../framing.ts';
import type { Sim } from './sim.ts';
import type { Channel, Spy } from './types.ts';

export interface SpyOriginate {
  /** The device dialled, e.g. `PJSIP/2005`. */
  device: string;
  /** ChanSpy's data: `<prefix>,<options>`. */
  data: string;
  /** The Originate's `ChannelId`: the Uniqueid of the new channel. */
  channelId: string | undefined;
  actionId: string | undefined;
  callerNum: string;
  callerName: string;
  /** How long an unanswered phone rings (the Originate's `Timeout`). */
  timeoutMs: number;
}

/** How often a waiting ChanSpy looks for its channel again. */
const RESCAN_MS = 1_000;

function originateResponse(o: SpyOriginate, success: boolean, channel: string, uniqueid: string): Fields {
  return [
    ...(o.actionId ? ([['ActionID', o.actionId]] as Fields) : []),
    ['Response', success ? 'Success' : 'Failure'],
    ['Channel', channel],
    ['Application', 'ChanSpy'],
    ['Data', o.data],
    // 4: answered; 3: no answer (the phone rang out).
    ['Reason', success ? '4' : '3'],
    ['Uniqueid', uniqueid],
    ['CallerIDNum', o.callerNum],
    ['CallerIDName', o.callerName],
  ];
}

/** Rings the phone: a known phone answers at once and starts spying; any other rings out. */
export function originateSpy(sim: Sim, o: SpyOriginate): void {
  if (!sim.phones.has(o.device)) {
    sim.sched.after(o.timeoutMs, () =>
      sim.hub.emit(event('OriginateResponse', 'call', originateResponse(o, false, o.device, '<null>'))),
    );
    return;
  }
  const channel = sim.channels.createDevice(o.device, {
    ...(o.channelId ? { uniqueid: o.channelId } : {}),
    callerNum: o.callerNum,
    callerName: o.callerName,
    connectedNum: o.callerNum,
    connectedName: o.callerName,
    application: 'ChanSpy',
    appData: o.data,
  });
  sim.channels.answer(channel);
  sim.hub.emit(event('OriginateResponse', 'call', originateResponse(o, true, channel.name, channel.uniqueid)));
  runChanSpy(sim, channel, o.data);
}

/**
 * A phone dialling a feature code (`#44…`): its channel, answered by the dialplan, as FastAGI's `agi_channel` and
 * `agi_uniqueid` name it; the dialplan then runs ChanSpy on it (runChanSpy) or hangs up.
 */
export function dialFeatureCode(sim: Sim, device: string, callerNum: string, exten: string): Channel {
  const channel = sim.channels.createDevice(device, { callerNum, connectedNum: exten, exten, application: 'AGI' });
  sim.channels.answer(channel);
  return channel;
}

/** ChanSpy on a channel, with its data `<prefix>,<options>`: it looks for its target at once, then every second. */
export function runChanSpy(sim: Sim, channel: Channel, data: string): void {
  const [prefix = '', options = ''] = data.split(',');
  channel.application = 'ChanSpy';
  channel.appData = data;
  const spy: Spy = {
    channel,
    prefix,
    bridgedOnly: options.includes('b'),
    exitWithCall: options.includes('E'),
    spyee: undefined,
    rescan: undefined,
  };
  sim.spies.set(channel.name, spy);
  scan(sim, spy);
}

function scan(sim: Sim, spy: Spy): void {
  const target = sim.channels
    .list()
    .find((ch) => ch !== spy.channel && ch.name.startsWith(spy.prefix) && (!spy.bridgedOnly || ch.bridgeId !== ''));
  if (!target) {
    spy.rescan = sim.sched.after(RESCAN_MS, () => scan(sim, spy));
    return;
  }
  spy.spyee = target;
  sim.hub.emit(spyEvent('ChanSpyStart', spy, target));
}

function spyEvent(name: 'ChanSpyStart' | 'ChanSpyStop', spy: Spy, spyee: Channel) {
  return event(name, 'call', channelFields(spy.channel, 'Spyer'), channelFields(spyee, 'Spyee'));
}

/** Follows hang-ups: the spying channel's own ends its spy; the spied one's stops it (and, with `E`, hangs up). */
export function watchSpies(sim: Sim): void {
  sim.channels.onHangup((ch) => {
    const own = sim.spies.get(ch.name);
    if (own) {
      sim.spies.delete(ch.name);
      sim.sched.cancel(own.rescan);
      return;
    }
    for (const spy of sim.spies.values()) {
      if (spy.spyee !== ch) continue;
      sim.hub.emit(spyEvent('ChanSpyStop', spy, ch));
      spy.spyee = undefined;
      if (spy.exitWithCall) sim.channels.hangup(spy.channel, 16);
      else scan(sim, spy);
    }
  });
}

/** An AMI Hangup of a spying channel: ChanSpy stops first, then the channel goes. */
export function hangupSpy(sim: Sim, name: string): boolean {
  const spy = sim.spies.get(name);
  if (!spy) return false;
  if (spy.spyee) sim.hub.emit(spyEvent('ChanSpyStop', spy, spy.spyee));
  sim.channels.hangup(spy.channel, 16);
  return true;
}

/** A digit reaching a channel (PlayDTMF with `Receive`, or a key pressed on the phone), as app_chanspy hears it. */
export function receiveDigit(sim: Sim, ch: Channel, digit: string, begin: boolean): void {
  const tail: Fields = [['Digit', digit]];
  if (begin) sim.hub.emit(event('DTMFBegin', 'dtmf', channelFields(ch), tail, [['Direction', 'Received']]));
  sim.hub.emit(
    event('DTMFEnd', 'dtmf', channelFields(ch), tail, [
      ['DurationMs', '250'],
      ['Direction', 'Received'],
    ]),
  );
}
