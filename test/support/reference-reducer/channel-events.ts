import { finish, settleLeaving } from './caller-events.ts';
import type { Draft } from './draft.ts';
import { text, variableName } from '../../../server/domain/field-reads.ts';
import type { AmiFields } from '../../../server/domain/input.ts';
import type { CallOutcome } from '../../../server/contract/stats.ts';

/**
 * Channel events matter only for queue callers: they decide how an unanswered caller left (see caller-events.ts).
 * Each is a single map lookup by Uniqueid, so the flood of channel events costs little.
 */

/** app_queue's QUEUESTATUS values for exits that are not a hang-up. */
const STATUS_OUTCOME: Readonly<Record<string, Exclude<CallOutcome, 'answered'>>> = {
  TIMEOUT: 'timedOut',
  LEAVEEMPTY: 'exitedEmpty',
  LEAVEUNAVAIL: 'exitedEmpty',
  WITHDRAW: 'withdrawn',
  CONTINUE: 'left',
};

/** HangupRequest, SoftHangupRequest, Hangup. */
export function channelHangingUp(draft: Draft, fields: AmiFields): void {
  const call = draft.call(text(fields, 'uniqueid'));
  if (!call) return;
  if (call.state === 'waiting' && !call.hangupRequested) draft.putCall({ ...call, hangupRequested: true });
  else if (call.state === 'leaving') settleLeaving(draft, call);
}

export function variableSet(draft: Draft, fields: AmiFields): void {
  if (variableName(fields) !== 'QUEUESTATUS') return;
  const call = draft.call(text(fields, 'uniqueid'));
  if (call?.state !== 'leaving') return;
  const outcome = STATUS_OUTCOME[text(fields, 'value')];
  if (outcome) finish(draft, call, outcome);
  else settleLeaving(draft, call);
}

/** The dialplan moved on after the caller left the queue: nothing else will explain the exit. */
export function dialplanStep(draft: Draft, fields: AmiFields): void {
  const call = draft.call(text(fields, 'uniqueid'));
  if (call?.state === 'leaving') settleLeaving(draft, call);
}

/** A digit from a waiting caller: a leave that follows is an exit by key (app_queue sends no event of its own). */
export function digitReceived(draft: Draft, fields: AmiFields): void {
  const call = draft.call(text(fields, 'uniqueid'));
  if (call?.state === 'waiting' && !call.pressedKey) draft.putCall({ ...call, pressedKey: true });
}
