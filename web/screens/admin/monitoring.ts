import type { MonitorEnd, MonitorSessionView } from '../../../server/contract/monitoring.ts';
import { formatDuration } from '../../display/format.ts';
import { MODE_NAMES } from '../../live/monitor-labels.ts';
import { m } from '../../../server/contract/messages/messages.js';

const END_WORDS: Readonly<Record<MonitorEnd, () => string>> = {
  stopped: m.admin_monitoring_end_stopped,
  endedByAdmin: m.admin_monitoring_end_by_admin,
  hungUp: m.admin_monitoring_end_hung_up,
  callEnded: m.admin_monitoring_end_call_ended,
  noAnswer: m.admin_monitoring_end_no_answer,
  amiDown: m.admin_monitoring_end_ami_down,
};

const ORIGIN_WORDS: Readonly<Record<MonitorSessionView['changes'][number]['origin'], () => string>> = {
  board: m.admin_monitoring_origin_board,
  keypad: m.admin_monitoring_origin_keypad,
};

/** A session's mode changes in order, each with where it came from: "Whisper (board), Barge (keypad)". */
export function changesOf(session: MonitorSessionView): string {
  return (
    session.changes
      .map((change) =>
        m.admin_monitoring_change({ mode: MODE_NAMES[change.mode].button, origin: ORIGIN_WORDS[change.origin]() }),
      )
      .join(', ') || '—'
  );
}

/** How long a session lasted (ended) or has lasted so far (`now`, server time). */
export function sessionDuration(session: MonitorSessionView, now: number): string {
  return formatDuration(((session.endedAt ?? now) - session.startedAt) / 1000);
}

export function endWords(session: MonitorSessionView): string {
  return session.end ? END_WORDS[session.end]() : '';
}

/** Sessions per page of the history. */
export const HISTORY_PAGE = 20;
