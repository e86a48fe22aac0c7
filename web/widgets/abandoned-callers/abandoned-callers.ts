import type { AbandonedCallerView, AbandonedCallersView, CallbackView } from '../../../server/contract/callbacks.ts';
import { m } from '../../../server/contract/messages/messages.js';
import { callbackWords } from '../../../server/contract/callback-words.ts';
import { callerLabel } from '../../display/format.ts';

export interface AbandonedRow {
  id: string;
  caller: string;
  callerIdNum: string;
  queue: string;
  /** `Hung up` or `Timed out`, in the viewer's language. */
  outcome: string;
  waitSec: number;
  leftAt: string;
  /** Who is calling back and how it went; empty when nobody has. */
  callback: string;
  /** Whether someone is calling this caller back now (no second person is offered the call). */
  calling: boolean;
}

const RESULT_WORDS: Readonly<Record<NonNullable<CallbackView['result']>, (inputs: { name: string }) => string>> = {
  answered: m.widgets_abandoned_result_answered,
  noAnswer: m.widgets_abandoned_result_no_answer,
  busy: m.widgets_abandoned_result_busy,
  failed: m.widgets_abandoned_result_failed,
};

/** "Alice is calling back…", then "Alice: no answer" (or busy, failed with its reason). */
function callbackLabel(callback: CallbackView | null): string {
  if (!callback) return '';
  const name = callback.byName;
  if (callback.result === null) return m.widgets_abandoned_calling_back({ name });
  if (callback.result === 'failed' && callback.message)
    return m.widgets_abandoned_result_failed_because({ name, reason: callbackWords(callback.message) });
  return RESULT_WORDS[callback.result]({ name });
}

function rowOf(caller: AbandonedCallerView): AbandonedRow {
  return {
    id: caller.id,
    caller: callerLabel(caller.callerIdNum, caller.callerIdName),
    callerIdNum: caller.callerIdNum,
    queue: caller.queue,
    outcome: caller.outcome === 'timedOut' ? m.widgets_abandoned_timed_out() : m.widgets_abandoned_hung_up(),
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
