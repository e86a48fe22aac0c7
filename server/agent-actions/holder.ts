import { single } from '../ami/field-check.ts';
import { AGENT_ACTION_ERRORS } from '../contract/agent-actions.ts';
import { ok, type Result } from '../contract/result.ts';
import { sendAction } from '../holder/action.ts';
import type { HolderSide } from '../holder/feature.ts';

/** One AMI action on a queue member, as the asking process built it for the lease holder. */
export interface MemberActionRequest {
  readonly endpoint: string;
  readonly action: 'QueuePause' | 'QueueAdd' | 'QueueRemove';
  readonly fields: Readonly<Record<string, string | number | undefined>>;
}

/** Asterisk's answer: whether it took the action, and its `Message` (the asker words a refusal from it). */
export interface MemberActionAnswer {
  readonly accepted: boolean;
  readonly message: string;
}

/**
 * The lease holder's side: sends the action once and answers with Asterisk's response. Nothing is kept here: the
 * board follows the QueueMemberPause / Added / Removed events Asterisk sends back, through the reducer.
 */
export function memberActionHandler(
  deps: HolderSide,
): (request: MemberActionRequest) => Promise<Result<MemberActionAnswer> | undefined> {
  return async (request) => {
    if (!deps.isReading()) return undefined;
    const sent = await sendAction(
      deps.ami(request.endpoint),
      request.action,
      request.fields,
      deps.log,
      AGENT_ACTION_ERRORS.amiDown,
    );
    if (sent.ok) return ok({ accepted: true, message: single(sent.data, 'message') ?? '' });
    if (sent.refusal) return ok({ accepted: false, message: single(sent.refusal, 'message') ?? '' });
    return sent;
  };
}
