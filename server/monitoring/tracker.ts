import { single } from '../ami/field-check.ts';
import {
  MODE_DIGITS,
  MONITOR_ERRORS,
  type MonitorEnd,
  type MonitorMode,
  type MonitorSessionView,
} from '../contract/monitoring.ts';
import type { AmiFields } from '../domain/input.ts';

/**
 * One monitoring session as the AMI shows it, kept by the lease holder. No AMI event names a mode (traces 07 and 15):
 * the first mode is in ChanSpy's options, later ones come from the digits 4/5/6 that reach the spying channel
 * (`DTMFEnd`), whether Tablica sent them (`PlayDTMF` with `Receive: true`: the board) or the supervisor pressed them.
 * Every event of the session is known by the Uniqueid of the supervisor's originated channel, which the spying
 * channel carries as its Linkedid (the channel itself with an Application originate, its `;2` half through Local).
 */
export interface Tracked {
  readonly session: MonitorSessionView;
  /** The AMI endpoint (PBX) the session runs on. */
  readonly endpoint: string;
  /** The supervisor's phone as dialled (`PJSIP/2005`): a failed originate is reported under it. */
  readonly phone: string;
  /** The Uniqueid given to the originated channel (Originate's `ChannelId`). */
  readonly uniqueid: string;
  /** The originated channel, once answered: hanging it up ends the session. */
  readonly channel?: string;
  /** The channel running ChanSpy, once it spies: PlayDTMF goes there. */
  readonly spyer?: string;
  /** The agent's channel being spied on. */
  readonly spyee?: string;
  readonly spyeeGone?: boolean;
  /** Digits sent from the board and not yet seen back, oldest first. */
  readonly sentDigits: readonly string[];
  /** Why the session is being ended by Tablica (Stop, an administrator), applied when the phone hangs up. */
  readonly ending?: MonitorEnd;
}

const END_MESSAGES: Readonly<Record<MonitorEnd, string | null>> = {
  stopped: null,
  endedByAdmin: MONITOR_ERRORS.endedByAdmin,
  hungUp: null,
  callEnded: MONITOR_ERRORS.callEnded,
  noAnswer: MONITOR_ERRORS.noAnswer,
  amiDown: MONITOR_ERRORS.amiDown,
};

const MODE_OF_DIGIT = new Map(Object.entries(MODE_DIGITS).map(([mode, digit]) => [digit, mode as MonitorMode]));

/** ChanSpy's options: `q` no beep, `b` bridged channels only, `E` end with the spied call, `d` keys 4/5/6; the mode. */
export function chanSpyOptions(mode: MonitorMode): string {
  return `qbEd${mode === 'whisper' ? 'w' : mode === 'barge' ? 'B' : ''}`;
}

/** The first mode of a ChanSpy started with these options. */
export function modeOfOptions(options: string): MonitorMode {
  if (options.includes('B')) return 'barge';
  return options.includes('w') ? 'whisper' : 'listen';
}

export function endSession(tracked: Tracked, end: MonitorEnd, at: number): Tracked {
  const session = { ...tracked.session, state: 'ended' as const, endedAt: at, end, endMessage: END_MESSAGES[end] };
  return { ...tracked, session };
}

/** A digit sent from the board: its DTMFEnd will be a board change. */
export function digitSent(tracked: Tracked, digit: string): Tracked {
  return { ...tracked, sentDigits: [...tracked.sentDigits, digit] };
}

/**
 * Applies one AMI event: the same session when the event is not the session's, a new one otherwise. An ended
 * session takes no more events.
 */
export function trackEvent(tracked: Tracked, fields: AmiFields, at: number): Tracked {
  if (tracked.session.state === 'ended') return tracked;
  const event = single(fields, 'event');
  switch (event) {
    case 'OriginateResponse':
      return originated(tracked, fields, at);
    case 'ChanSpyStart':
      if (!spyerOf(tracked, fields)) return tracked;
      return {
        ...tracked,
        spyer: single(fields, 'spyerchannel'),
        spyee: single(fields, 'spyeechannel'),
        spyeeGone: false,
        session: { ...tracked.session, state: 'active' },
      };
    case 'ChanSpyStop':
      if (!spyerOf(tracked, fields)) return tracked;
      return { ...tracked, session: { ...tracked.session, state: 'waiting' } };
    case 'DTMFEnd': {
      const ours = single(fields, 'linkedid') === tracked.uniqueid || single(fields, 'channel') === tracked.channel;
      return ours ? keyed(tracked, single(fields, 'digit') ?? '', at) : tracked;
    }
    case 'Hangup':
      return hungUp(tracked, single(fields, 'channel'), at);
    default:
      return tracked;
  }
}

/** The spying channel is ours: linked to our originated channel, or (from `#44`) the dialling channel itself. */
function spyerOf(tracked: Tracked, fields: AmiFields): boolean {
  return single(fields, 'spyerlinkedid') === tracked.uniqueid || single(fields, 'spyerchannel') === tracked.channel;
}

function originated(tracked: Tracked, fields: AmiFields, at: number): Tracked {
  const success = single(fields, 'response')?.toLowerCase() === 'success';
  const ours = single(fields, 'uniqueid') === tracked.uniqueid;
  // A failed originate has no channel, hence no Uniqueid of ours: it is known by the phone dialled.
  const oursFailed = !success && single(fields, 'channel') === tracked.phone && tracked.session.state === 'ringing';
  if (!ours && !oursFailed) return tracked;
  if (!success) return endSession(tracked, tracked.ending ?? 'noAnswer', at);
  return { ...tracked, channel: single(fields, 'channel'), session: { ...tracked.session, state: 'waiting' } };
}

function keyed(tracked: Tracked, digit: string, at: number): Tracked {
  const mode = MODE_OF_DIGIT.get(digit);
  if (!mode) return tracked;
  const fromBoard = tracked.sentDigits[0] === digit;
  const sentDigits = fromBoard ? tracked.sentDigits.slice(1) : tracked.sentDigits;
  if (mode === tracked.session.mode) return { ...tracked, sentDigits };
  const change = { mode, at, origin: fromBoard ? ('board' as const) : ('keypad' as const) };
  return {
    ...tracked,
    sentDigits,
    session: { ...tracked.session, mode, changes: [...tracked.session.changes, change] },
  };
}

function hungUp(tracked: Tracked, channel: string | undefined, at: number): Tracked {
  if (channel === undefined) return tracked;
  if (channel === tracked.spyee) return { ...tracked, spyeeGone: true };
  if (channel !== tracked.channel) return tracked;
  return endSession(tracked, tracked.ending ?? (tracked.spyeeGone ? 'callEnded' : 'hungUp'), at);
}
