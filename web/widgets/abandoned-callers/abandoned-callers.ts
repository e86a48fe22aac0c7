import type { AbandonedCallerView, AbandonedCallersView, CallbackView } from '../../../server/contract/callbacks.ts';
import { callerLabel } from '../../display/format.ts';

export interface AbandonedRow {
  id: string;
  caller: string;
  callerIdNum: string;
  queue: string;
  /** `Hung up` or `Timed out`. */
  outcome: string;
  waitSec: number;
  leftAt: string;
  /** Who is calling back and how it went; empty when nobody has. */
  callback: string;
  /** Whether someone is calling this caller back now (no second person is offered the call). */
  calling: boolean;
}

const RESULT_WORDS: Readonly<Record<NonNullable<CallbackView['result']>, string>> = {
  answered: 'answered',
  noAnswer: 'no answer',
  busy: 'busy',
  failed: 'failed',
};

/** "Alice is calling back…", then "Alice: no answer" (or busy, failed with its reason). */
export function callbackLabel(callback: CallbackView | null): string {
  if (!callback) return '';
  if (callback.result === null) return `${callback.byName} is calling back…`;
  const why = callback.result === 'failed' && callback.message ? ` (${callback.message})` : '';
  return `${callback.byName}: ${RESULT_WORDS[callback.result]}${why}`;
}

function rowOf(caller: AbandonedCallerView): AbandonedRow {
  return {
    id: caller.id,
    caller: callerLabel(caller.callerIdNum, caller.callerIdName),
    callerIdNum: caller.callerIdNum,
    queue: caller.queue,
    outcome: caller.outcome === 'timedOut' ? 'Timed out' : 'Hung up',
    waitSec: caller.waitSec,
    leftAt: caller.leftAt,
    callback: callbackLabel(caller.callback),
    calling: caller.callback !== null && caller.callback.result === null,
  };
}

/** The list as the server sent it (most recent first), limited to some queues when the widget says so. */
export function abandonedRows(view: AbandonedCallersView | null, only: readonly string[] = []): AbandonedRow[] {
  if (!view) return [];
  return view.callers.filter((caller) => only.length === 0 || only.includes(caller.queue)).map(rowOf);
}
