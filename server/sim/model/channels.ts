import { cdrEvent, channelFields, event, type EventHub, hangupEvent } from '../events.ts';
import type { Scheduler } from '../scheduler.ts';
import type { Devices } from './devices.ts';
import type { CdrRecord, Channel, LocalPair } from './types.ts';

const UNKNOWN = '<unknown>';

/** Live channels, named and numbered the way Asterisk names Local channels (`Local/sales@callers-0000001a;2`). */
export class Channels {
  readonly byName = new Map<string, Channel>();
  private localSeq = 0;
  private uniqueSeq = 0;
  private readonly perDevice = new Map<string, number>();
  private readonly hangupListeners = new Set<(ch: Channel) => void>();

  constructor(
    private readonly sched: Scheduler,
    private readonly hub: EventHub,
    private readonly devices: Devices,
  ) {}

  /** Creates both halves of `Local/<exten>@<context>` and publishes their `Newchannel` events. */
  createLocal(exten: string, context: string, linkedid?: string): LocalPair {
    const base = `Local/${exten}@${context}-${(this.localSeq++).toString(16).padStart(8, '0')}`;
    const device = `Local/${exten}@${context}`;
    const make = (half: 1 | 2, state: number): Channel =>
      this.blank(`${base};${half}`, device, { state, context, exten, ...(linkedid === undefined ? {} : { linkedid }) });
    const one = make(1, 0);
    const two = make(2, 4);
    if (linkedid === undefined) two.linkedid = one.uniqueid;
    for (const ch of [one, two]) {
      this.byName.set(ch.name, ch);
      this.hub.emit(event('Newchannel', 'call', channelFields(ch)));
    }
    this.perDevice.set(device, (this.perDevice.get(device) ?? 0) + 1);
    return { one, two };
  }

  /**
   * One channel of a device such as a phone (`PJSIP/2005-0000000a`), answered; `uniqueid` is the Originate's
   * `ChannelId` when it gave one.
   */
  createDevice(device: string, patch: Partial<Channel>): Channel {
    const ch = this.blank(`${device}-${(this.localSeq++).toString(16).padStart(8, '0')}`, device, patch);
    this.byName.set(ch.name, ch);
    this.hub.emit(event('Newchannel', 'call', channelFields(ch)));
    return ch;
  }

  /** A new channel's record: down, no caller ID, no application; its own Linkedid unless the patch says otherwise. */
  private blank(name: string, device: string, patch: Partial<Channel>): Channel {
    const now = this.sched.now();
    const uniqueid = patch.uniqueid ?? `${Math.floor(now / 1000)}.${this.uniqueSeq++}`;
    return {
      name,
      uniqueid,
      linkedid: uniqueid,
      state: 0,
      callerNum: UNKNOWN,
      callerName: UNKNOWN,
      connectedNum: UNKNOWN,
      connectedName: UNKNOWN,
      context: 'default',
      exten: 's',
      priority: 1,
      application: '',
      appData: '',
      created: now,
      bridgeId: '',
      device,
      ...patch,
    };
  }

  /** Calls the listener with every channel that hangs up (after its Hangup event). */
  onHangup(listener: (ch: Channel) => void): void {
    this.hangupListeners.add(listener);
  }

  setCallerId(pair: LocalPair, num: string, name: string): void {
    for (const ch of [pair.one, pair.two]) {
      ch.callerNum = num;
      ch.callerName = name;
      ch.connectedNum = num;
      ch.connectedName = name;
    }
  }

  answer(ch: Channel, patch: Partial<Channel> = {}): void {
    Object.assign(ch, patch, { state: 6, answeredAt: ch.answeredAt ?? this.sched.now() });
    this.hub.emit(event('Newstate', 'call', channelFields(ch)));
  }

  hangup(ch: Channel, cause: number): void {
    if (!this.byName.delete(ch.name)) return;
    this.hub.emit(hangupEvent(ch, cause));
    if (!ch.dialled) for (const record of cdrRecords(ch, this.sched.now())) this.hub.emit(cdrEvent(ch, record, cause));
    for (const listener of this.hangupListeners) listener(ch);
  }

  /** Called once both halves of a pair are gone: the Local device is idle when no pair of it is left. */
  released(pair: LocalPair): void {
    const device = pair.one.device;
    const left = (this.perDevice.get(device) ?? 1) - 1;
    if (left > 0) this.perDevice.set(device, left);
    else this.perDevice.delete(device);
    this.devices.set(device, left > 0 ? 'INUSE' : 'NOT_INUSE', true);
  }

  /** Publishes the Local device as in use (each time a pair of it is answered). */
  inUse(pair: LocalPair): void {
    this.devices.set(pair.one.device, 'INUSE', true);
  }

  list(): Channel[] {
    return [...this.byName.values()];
  }
}

/** A channel's CDRs at its hang-up at `end`: those a dial that rang out ended, then the one still open. */
function cdrRecords(ch: Channel, end: number): CdrRecord[] {
  const ended = ch.cdrs ?? [];
  if (ch.cdrFrom === null) return ended;
  const open: CdrRecord = {
    start: ch.cdrFrom ?? ch.created,
    end,
    peer: ch.peer ?? ch.dialling ?? '',
    unansweredDial: ch.peer === undefined && ch.dialling !== undefined,
  };
  return [...ended, open];
}
