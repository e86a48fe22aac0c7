/**
 * Event builders and the hub that hands every unsolicited event to the connected sessions. Field names and their order
 * follow the events of the recorded Asterisk 22 traces exactly.
 */
import { type Fields, formatMessage } from './framing.ts';
import { type CdrRecord, CHANNEL_STATE_DESC, type Channel, DEVICE_STATES, type Member } from './model/types.ts';

/** The event class (first word of `Privilege:`); sessions filter on it (`Events: call,agent`). */
export type EventClass = 'call' | 'agent' | 'dialplan' | 'system' | 'security' | 'dtmf' | 'cdr';

export interface SimEvent {
  cls: EventClass;
  name: string;
  /** The whole message, `Event:` and `Privilege:` first. */
  fields: Fields;
}

export type EventListener = (event: SimEvent, text: string) => void;

export class EventHub {
  private readonly listeners = new Set<EventListener>();
  private held: SimEvent[] | undefined;

  /** `timestamp` returns the `Timestamp:` value when the PBX runs with `timestampevents = yes`. */
  constructor(private readonly timestamp?: () => string) {}

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: SimEvent): void {
    if (this.held) this.held.push(event);
    else this.publish(event);
  }

  /**
   * Runs `fn` with events held back until it returns: Asterisk writes an action's response before the events the
   * action caused (e.g. `Interface paused successfully` before `QueueMemberPause`).
   */
  deferWhile(fn: () => void): void {
    if (this.held) return fn();
    const held: SimEvent[] = [];
    this.held = held;
    try {
      fn();
    } finally {
      this.held = undefined;
    }
    for (const event of held) this.publish(event);
  }

  private publish(event: SimEvent): void {
    if (this.listeners.size === 0) return;
    let fields = event.fields;
    if (this.timestamp) fields = [...fields.slice(0, 2), ['Timestamp', this.timestamp()], ...fields.slice(2)];
    const text = formatMessage(fields);
    for (const listener of this.listeners) listener(event, text);
  }
}

export function event(name: string, cls: EventClass, ...parts: Fields[]): SimEvent {
  return { cls, name, fields: [['Event', name], ['Privilege', `${cls},all`], ...parts.flat()] };
}

/** The standard channel snapshot block (`Channel` … `Linkedid`), optionally prefixed (`Dest`) or patched. */
export function channelFields(ch: Channel, prefix = '', patch: Partial<Channel> = {}): Fields {
  const c = { ...ch, ...patch };
  return [
    [`${prefix}Channel`, c.name],
    [`${prefix}ChannelState`, String(c.state)],
    [`${prefix}ChannelStateDesc`, CHANNEL_STATE_DESC[c.state] ?? 'Unknown'],
    [`${prefix}CallerIDNum`, c.callerNum],
    [`${prefix}CallerIDName`, c.callerName],
    [`${prefix}ConnectedLineNum`, c.connectedNum],
    [`${prefix}ConnectedLineName`, c.connectedName],
    [`${prefix}Language`, 'en'],
    [`${prefix}AccountCode`, ''],
    [`${prefix}Context`, c.context],
    [`${prefix}Exten`, c.exten],
    [`${prefix}Priority`, String(c.priority)],
    [`${prefix}Uniqueid`, c.uniqueid],
    [`${prefix}Linkedid`, c.linkedid],
  ];
}

export function memberStatus(member: Member): number {
  return DEVICE_STATES.indexOf(member.agent.state);
}

/** A member's state as both its events and the QueueStatus list item carry it, in Asterisk's order. */
export function memberStateFields(m: Member): Fields {
  return [
    ['StateInterface', m.agent.stateInterface],
    ['Membership', m.dynamic ? 'dynamic' : 'static'],
    ['Penalty', String(m.penalty)],
    ['CallsTaken', String(m.callsTaken)],
    ['LastCall', String(m.lastCall)],
    ['LastPause', String(m.lastPause)],
    ['LoginTime', String(m.loginTime)],
    ['InCall', m.inCall ? '1' : '0'],
    ['Status', String(memberStatus(m))],
    ['Paused', m.paused ? '1' : '0'],
    ['PausedReason', m.pausedReason],
  ];
}

/** Body of QueueMemberStatus / QueueMemberPause / QueueMemberAdded / QueueMemberRemoved. */
export function memberEventFields(m: Member): Fields {
  return [
    ['Queue', m.queue.cfg.name],
    ['MemberName', m.name],
    ['Interface', m.agent.iface],
    ...memberStateFields(m),
    ['Ringinuse', m.ringinuse ? '1' : '0'],
    ['Wrapuptime', String(m.wrapuptime)],
  ];
}

export function varSet(ch: Channel, variable: string, value: string): SimEvent {
  return event('VarSet', 'dialplan', channelFields(ch), [
    ['Variable', variable],
    ['Value', value],
  ]);
}

export function deviceStateChange(device: string, state: string): SimEvent {
  return event('DeviceStateChange', 'call', [
    ['Device', device],
    ['State', state],
  ]);
}

const BRIDGE_TAIL: Fields = [
  ['BridgeType', 'basic'],
  ['BridgeTechnology', 'simple_bridge'],
  ['BridgeCreator', '<unknown>'],
  ['BridgeName', '<unknown>'],
];

export function bridgeEvent(name: string, bridgeId: string, count: number, ch?: Channel): SimEvent {
  return event(
    name,
    'call',
    [
      ['BridgeUniqueid', bridgeId],
      ...BRIDGE_TAIL,
      ['BridgeNumChannels', String(count)],
      ['BridgeVideoSourceMode', 'none'],
    ],
    ch ? channelFields(ch) : [],
  );
}

export function hangupEvent(ch: Channel, cause: number): SimEvent {
  return event('Hangup', 'call', channelFields(ch), [
    ['Cause', String(cause)],
    ['Cause-txt', CAUSE_TEXT[cause] ?? 'Unknown'],
  ]);
}

export function hangupRequest(name: 'HangupRequest' | 'SoftHangupRequest', ch: Channel, cause: number): SimEvent {
  return event(name, 'call', channelFields(ch), [['Cause', String(cause)]]);
}

const CAUSE_TEXT: Record<number, string> = { 0: 'Unknown', 16: 'Normal Clearing', 17: 'User busy' };

/** cdr_manager's times: the PBX's local time (UTC here), to the second. */
function cdrTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

const known = (value: string): string => (value === '<unknown>' ? '' : value);

/**
 * The disposition of a channel's CDR: ANSWERED when the channel was answered; otherwise what its hang-up cause says,
 * as cdr.c reads it (17 busy → BUSY, 16 normal clearing or 19 no answer → NO ANSWER), and FAILED for any other cause:
 * in trace 17 a member's ring that the queue ends (cause 0) is FAILED, one the member's side ends normally NO ANSWER.
 */
function disposition(answered: boolean, cause: number): string {
  if (answered) return 'ANSWERED';
  if (cause === 17) return 'BUSY';
  return cause === 16 || cause === 19 ? 'NO ANSWER' : 'FAILED';
}

/**
 * cdr_manager's `Cdr` of one record of a channel that hung up with `cause`: the fields of trace 17, in its order.
 * Answered means the channel itself was answered, as Asterisk counts it (a queue caller's channel is answered before
 * `Queue()`); a record whose dial went unanswered is NO ANSWER all the same, and still carries billable seconds.
 */
export function cdrEvent(ch: Channel, record: CdrRecord, cause: number): SimEvent {
  const num = known(ch.callerNum);
  const name = known(ch.callerName);
  const answeredAt = ch.answeredAt === undefined ? undefined : Math.max(ch.answeredAt, record.start);
  return {
    cls: 'cdr',
    name: 'Cdr',
    fields: [
      ['Event', 'Cdr'],
      ['Privilege', 'cdr,all'],
      ['AccountCode', ''],
      ['Source', num],
      ['Destination', ch.exten],
      ['DestinationContext', ch.context],
      ['CallerID', num ? `"${name}" <${num}>` : ''],
      ['Channel', ch.name],
      ['DestinationChannel', record.peer],
      ['LastApplication', ch.application],
      ['LastData', ch.appData],
      ['StartTime', cdrTime(record.start)],
      ['AnswerTime', answeredAt === undefined ? '' : cdrTime(answeredAt)],
      ['EndTime', cdrTime(record.end)],
      ['Duration', String(Math.floor((record.end - record.start) / 1000))],
      ['BillableSeconds', String(answeredAt === undefined ? 0 : Math.floor((record.end - answeredAt) / 1000))],
      ['Disposition', record.unansweredDial ? 'NO ANSWER' : disposition(answeredAt !== undefined, cause)],
      ['AMAFlags', 'DOCUMENTATION'],
      ['UniqueID', ch.uniqueid],
      ['UserField', ''],
    ],
  };
}
