import { z } from 'zod';

/**
 * Abandoned callers and calling them back: today's callers who left a queue unanswered (they hung up, or the queue's
 * time limit removed them) and have not been answered since, as each viewer may see them, and the callbacks started
 * from the list.
 */

/** Why a caller's last call ended unanswered: they hung up while waiting, or the queue's time limit removed them. */
export type AbandonOutcome = 'abandoned' | 'timedOut';

/** How a callback ended: the caller answered, did not answer, was busy, or the call could not be made. */
export const CALLBACK_RESULTS = ['answered', 'noAnswer', 'busy', 'failed'] as const;
export type CallbackResult = (typeof CALLBACK_RESULTS)[number];

export interface CallbackView {
  id: string;
  /** The user calling back, and their name as the list shows it. */
  by: string;
  byName: string;
  startedAt: string;
  /** Null while the call is under way. */
  result: CallbackResult | null;
  /** What went wrong, as a sentence, when the call could not be made (e.g. the user's own phone did not answer). */
  message: string | null;
  endedAt: string | null;
}

export interface AbandonedCallerView {
  /** The Uniqueid of the caller's last unanswered call of the queue today: what "Call back" names. */
  id: string;
  queue: string;
  /** Hidden (`***`) where the viewer's "hide phone numbers" policy says so, as everywhere. */
  callerIdNum: string;
  callerIdName: string;
  outcome: AbandonOutcome;
  /** Seconds they waited before leaving. */
  waitSec: number;
  /** When they left the queue. */
  leftAt: string;
  /** The callback under way, or the last one since they left. */
  callback: CallbackView | null;
}

/** `callers:watch` and `callers:updated`: the list as one viewer may see it. */
export interface AbandonedCallersView {
  /** The start of "today" on the board's clock. */
  since: string;
  /** Most recent first. */
  callers: AbandonedCallerView[];
  /** Whether this viewer gets a copy control beside the numbers shown ("Desktop Softphone: copy number to clipboard"). */
  copyNumbers: boolean;
}

/** The answer to `callers:watch`: the list, and whether this user is offered "Call back" (each click is decided again). */
export interface AbandonedCallersWatch extends AbandonedCallersView {
  mayCallBack: boolean;
}

export const callbackStartSchema = z.strictObject({ id: z.string().min(1).max(256) });
export type CallbackStart = z.infer<typeof callbackStartSchema>;

/** The refusals of a callback, word for word. */
export const CALLBACK_ERRORS = {
  kiosk: 'A wall screen does not call anyone back.',
  notListed: 'This caller is not on your list of abandoned callers: answered since, or not of your queues.',
  agentQueue: 'Agents call back the callers of their own queues only.',
  noPhone: 'No phone is set for your account: ask an administrator to set one under Administration → Users.',
  claimed: 'is already calling this caller back.',
  claimedByYou: 'You are already calling this caller back.',
  busy: 'You are already calling a caller back: wait until that call ends.',
  phoneWithoutPbx: 'Your phone must name its PBX, as in pbx1/PJSIP/2005, since Tablica reads several PBXs.',
} as const;

/** Why a callback failed, word for word: stored with the callback and shown to its users. */
export const CALLBACK_MESSAGES = {
  phoneNoAnswer: 'Your phone did not answer.',
  phoneBusy: 'Your phone is busy.',
  phoneFailed: 'Your phone could not be rung.',
  hungUpEarly: 'Your phone hung up before the caller answered.',
  unreachable: 'The number could not be reached.',
  notDialled: 'The outgoing context did not dial the number.',
  noOutcome: 'Asterisk did not say how the call ended.',
  amiDown: 'Asterisk is not connected.',
  lost: 'The server following this call stopped before it ended.',
} as const;
