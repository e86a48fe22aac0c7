import type { Result } from '../../server/contract/result.ts';
import { m } from '../../server/contract/messages/messages.js';

/** What a command that got no acknowledgement in time says, in the viewer's language. */
export function unanswered(): Result<never> {
  return { ok: false, error: m.common_no_answer_try_again() };
}
