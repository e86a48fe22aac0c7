import type { ActionLogEntry } from '../../../server/contract/agent-actions.ts';
import { callbackWords } from '../../../server/contract/callback-words.ts';
import { m } from '../../../server/contract/messages/messages.js';
import { getLocale } from '../../../server/contract/messages/runtime.js';

/** Lines per page of the action log. */
export const ACTION_LOG_PAGE = 25;

const KINDS: Record<ActionLogEntry['action'], () => string> = {
  pause: m.actions_kind_pause,
  unpause: m.actions_kind_unpause,
  add: m.actions_kind_add,
  remove: m.actions_kind_remove,
  callback: m.actions_kind_callback,
};

const RESULTS: Record<ActionLogEntry['result'], () => string> = {
  done: m.actions_result_done,
  refused: m.actions_result_refused,
  failed: m.actions_result_failed,
  answered: m.actions_result_answered,
  noAnswer: m.actions_result_no_answer,
  busy: m.actions_result_busy,
};

/** One line of the log as the screen shows it: what was done, to whom, where, with what, and what came of it. */
export function actionLogLine(entry: ActionLogEntry): {
  action: string;
  whom: string;
  queue: string;
  details: string;
  result: string;
} {
  const base = { action: KINDS[entry.action](), result: RESULTS[entry.result]() };
  if (entry.action === 'callback') {
    return {
      ...base,
      whom: entry.number || '—',
      queue: entry.queue ?? '—',
      details: callbackWords(entry.message),
    };
  }
  const details = [
    entry.reason === null ? null : m.actions_log_reason({ reason: entry.reason }),
    entry.penalty === null ? null : m.actions_log_penalty({ penalty: String(entry.penalty) }),
    entry.result === 'done' ? null : (entry.said?.[getLocale()] ?? entry.message),
  ].filter((part): part is string => part !== null && part !== '');
  return {
    ...base,
    whom: entry.agentName,
    queue: entry.queue ?? m.actions_all_queues(),
    details: details.join(' · '),
  };
}
