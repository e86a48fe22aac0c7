import { single } from '../ami/field-check.ts';
import { CALLBACK_MESSAGES, type CallbackResult } from '../contract/callbacks.ts';
import type { AmiFields } from '../domain/input.ts';

/**
 * One callback as the AMI shows it, followed by the lease holder. Tablica originates the user's phone into the
 * outgoing context at the caller's number, giving the phone's channel a Uniqueid of its own (`ChannelId`). Asterisk
 * rings the phone: `OriginateResponse` says whether it answered (Reason 4) or not (3: no answer, 5: busy). Then the
 * dialplan dials out: the outside channel is the one created with the phone's Uniqueid as its Linkedid, and its
 * `DialEnd` status, its state going Up, or the cause of its `Hangup` (17 busy, 18 and 19 no answer) tell how the
 * caller answered. The phone hanging up before any of that is a callback that never reached the caller.
 */
export interface TrackedCallback {
  /** The phone as dialled (`PJSIP/2005`): a failed originate has no channel of ours, only this name. */
  readonly phone: string;
  /** The Uniqueid given to the phone's channel. */
  readonly uniqueid: string;
  /** The phone's channel name, from its Newchannel (a Local phone's `;2` half shares its name before `;`). */
  readonly channel?: string;
  /** The outside channel's Uniqueid, once created. */
  readonly outside?: string;
}

export interface CallbackEnd {
  readonly result: CallbackResult;
  /** Why, as a sentence, when the caller was not reached for a reason of ours. */
  readonly message: string | null;
}

export type TrackStep =
  | { readonly kind: 'same' }
  | { readonly kind: 'moved'; readonly tracked: TrackedCallback }
  | { readonly kind: 'ended'; readonly end: CallbackEnd };

const SAME: TrackStep = { kind: 'same' };

/** OriginateResponse Reasons (Asterisk's AST_CONTROL_*): the phone was not reached. */
const PHONE_FAILURES: Readonly<Record<string, string>> = {
  '3': CALLBACK_MESSAGES.phoneNoAnswer,
  '5': CALLBACK_MESSAGES.phoneBusy,
};

const DIAL_STATUS: Readonly<Record<string, CallbackEnd>> = {
  ANSWER: { result: 'answered', message: null },
  BUSY: { result: 'busy', message: null },
  NOANSWER: { result: 'noAnswer', message: null },
  CANCEL: { result: 'failed', message: CALLBACK_MESSAGES.hungUpEarly },
  CHANUNAVAIL: { result: 'failed', message: CALLBACK_MESSAGES.unreachable },
  CONGESTION: { result: 'failed', message: CALLBACK_MESSAGES.unreachable },
};

/** Hangup causes (Q.850) of the outside channel before it answered. */
function endOfCause(cause: string): CallbackEnd {
  if (cause === '17') return { result: 'busy', message: null };
  if (cause === '18' || cause === '19') return { result: 'noAnswer', message: null };
  return { result: 'failed', message: CALLBACK_MESSAGES.unreachable };
}

const baseOf = (channel: string): string => channel.split(';')[0] ?? channel;

/** The callback after one AMI event of its PBX. */
export function trackCallback(tracked: TrackedCallback, fields: AmiFields): TrackStep {
  const event = single(fields, 'event');
  const uniqueid = single(fields, 'uniqueid');
  const linkedid = single(fields, 'linkedid');
  const channel = single(fields, 'channel');
  switch (event) {
    case 'Newchannel':
      if (uniqueid === tracked.uniqueid && channel) return { kind: 'moved', tracked: { ...tracked, channel } };
      if (linkedid !== tracked.uniqueid || uniqueid === undefined || tracked.outside || uniqueid === tracked.uniqueid)
        return SAME;
      // A Local phone's other half is not the outside leg.
      if (tracked.channel && channel && baseOf(channel) === baseOf(tracked.channel)) return SAME;
      return { kind: 'moved', tracked: { ...tracked, outside: uniqueid } };
    case 'OriginateResponse': {
      if (single(fields, 'response')?.toLowerCase() === 'success') return SAME;
      if (uniqueid !== tracked.uniqueid && (tracked.channel || channel !== tracked.phone)) return SAME;
      const reason = single(fields, 'reason') ?? '';
      return {
        kind: 'ended',
        end: { result: 'failed', message: PHONE_FAILURES[reason] ?? CALLBACK_MESSAGES.phoneFailed },
      };
    }
    case 'DialEnd': {
      if (!tracked.outside || single(fields, 'destuniqueid') !== tracked.outside) return SAME;
      const end = DIAL_STATUS[single(fields, 'dialstatus') ?? ''];
      return end ? { kind: 'ended', end } : SAME;
    }
    case 'Newstate':
      if (tracked.outside && uniqueid === tracked.outside && single(fields, 'channelstate') === '6')
        return { kind: 'ended', end: { result: 'answered', message: null } };
      return SAME;
    case 'Hangup':
      if (tracked.outside && uniqueid === tracked.outside)
        return { kind: 'ended', end: endOfCause(single(fields, 'cause') ?? '') };
      // The phone hung up first: after the dialplan dialled out, the user gave up; before, it never dialled.
      if (uniqueid === tracked.uniqueid) {
        const message = tracked.outside ? CALLBACK_MESSAGES.hungUpEarly : CALLBACK_MESSAGES.notDialled;
        return { kind: 'ended', end: { result: 'failed', message } };
      }
      return SAME;
    default:
      return SAME;
  }
}
