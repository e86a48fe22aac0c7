import type { Fact } from '../../domain/facts.ts';

/**
 * Counting each fact once. A queue call's facts are steps of its way through one queue: join, answer, then an exit or
 * a completion. Per call and queue the store keeps which steps it has counted (and when the call ended), and a step
 * counts only if it is new: the same facts recorded again (a restart that replays part of a trace, a batch retried
 * after a lost reply, a resync that rediscovers a call) change nothing. A caller who enters the same queue again on
 * the same channel after leaving it starts a new way, recognised by a join later than the previous end. Facts without
 * such a lifecycle (a ring that was not answered, a completion whose caller is unknown) are counted once per
 * identity that includes their time.
 */

export type Step = 'join' | 'answer' | 'exit' | 'complete' | 'once';

/** Which step a counted fact is, or null for facts that are not counted per call. */
export function stepOf(fact: Fact): Step | null {
  switch (fact.kind) {
    case 'joined':
      return 'join';
    case 'answered':
      return 'answer';
    case 'exited':
      return 'exit';
    case 'completed':
      return fact.callId ? 'complete' : 'once';
    case 'ringNoAnswer':
      return 'once';
    default:
      return null;
  }
}

const LETTER: Record<Exclude<Step, 'once'>, string> = { join: 'J', answer: 'A', exit: 'E', complete: 'C' };

/**
 * The call's stored steps after this fact, or null when the fact was counted already. Stored as the letters of the
 * steps seen, then `@` and the time the call ended once it has (`JAC@1764312345000`).
 */
export function admit(stored: string | null, step: Step, at: number): string | null {
  if (step === 'once') return stored === null ? '1' : null;
  const [steps = '', endedText] = (stored ?? '').split('@');
  const endedAt = endedText === undefined ? null : Number(endedText);
  const ended = endedAt !== null;
  switch (step) {
    case 'join':
      if (stored === null || (ended && at > endedAt)) return 'J';
      return null;
    case 'answer':
      return ended || steps.includes('A') ? null : `${steps}A`;
    case 'exit':
    case 'complete':
      return ended ? null : `${steps}${LETTER[step]}@${at}`;
  }
}
